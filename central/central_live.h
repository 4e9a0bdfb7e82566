/* central_live.h - the live side of antri-central: one listener
 * connection to the central (LISTEN antri_live) in a thread of its own,
 * and one broadcaster that hands each change to every open event stream.
 * Start at cl_start().
 *
 * An outlet's antri-sync stores its live state and NOTIFYs antri_live
 * with its id; the listener reads that outlet (one query), builds its
 * public object (central_outlet.c) and, when anything a citizen sees
 * changed, posts it: "event: outlet\ndata: {...}\n\n" to every stream.
 * Every few seconds it also reads all outlets, so an outlet that went
 * quiet (no heartbeat for 60 s: offline) is posted too.  A stream that
 * falls more than the ring's messages behind gets "event: reload".
 */
#ifndef ANTRI_CENTRAL_LIVE_H
#define ANTRI_CENTRAL_LIVE_H

#include "central_http.h"

/* Start the listener thread on conninfo; 0 or -1. */
int cl_start(const char *conninfo, int max_streams);
void cl_stop(void);
/* Answer r with an event stream (text/event-stream) of every change;
 * 503 when max_streams are open. */
enum MHD_Result cl_stream(struct http_req *r);
/* Before the server stops: every stream ends. */
void cl_end_streams(void);
/* Open streams now (for the log and the tests). */
int cl_streams(void);

#endif
