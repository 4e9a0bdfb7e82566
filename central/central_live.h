/* central_live.h - the live side of antri-central: one listener
 * connection to the central (LISTEN antri_live) in a thread of its own
 * that publishes each change to the shared layer's stream hub
 * (shared/http/hub.h), and the event streams of the pages, which are
 * the hub's.  Start at cl_start().
 *
 * An outlet's antri-sync stores its live state and NOTIFYs antri_live
 * with its id; the listener reads that outlet (one query), builds its
 * public object (central_outlet.c) and, when anything a citizen sees
 * changed, publishes it: "id: N\nevent: outlet\ndata: {...}\n\n" to
 * every stream.  Every few seconds it also reads all outlets, so an
 * outlet that went quiet (no heartbeat for 60 s: offline) is published
 * too.  A stream that falls more than the hub's ring behind is ended;
 * its browser comes back with Last-Event-ID and gets "event: reload"
 * (read everything again), as does one from before a restart.
 */
#ifndef ANTRI_CENTRAL_LIVE_H
#define ANTRI_CENTRAL_LIVE_H

#include "central_http.h"

/* Start the listener thread on conninfo, once the server runs; 0 or
 * -1. */
int cl_start(const char *conninfo, int max_streams);
void cl_stop(void);
/* Answer r with an event stream (text/event-stream) of every change;
 * 503 when max_streams are open.  still (may be NULL) is asked every two
 * seconds whether the stream may go on (hub.h); user is freed with
 * free() when the stream ends, or here when none opens. */
enum MHD_Result cl_stream(struct http_req *r, int (*still)(void *user),
                          void *user);

#endif
