/* central_ticket.h - a remote ticket's link at the head office: the
 * page /ticket#TOKEN, opened on the citizen's phone from the answer to
 * POST /api/v1/outlets/{id}/remote (its "link"), asks GET /api/v1/ticket
 * with the token in the X-Ticket header.  The token is 128 random bits
 * made by the central for that request (the central keeps its SHA-256
 * with the request, cdb_request_view); it is in the address only after
 * the '#', which a browser never sends, so no server or proxy logs it.
 *
 * What the link shows comes from the outlet, which issued the ticket:
 * its antri-sync lists the tickets of the head office's requests in the
 * live state it sends (sync_live.c's "remote": state, people ahead, the
 * wait, when to come by the outlet's rules), and the central only picks
 * the one entry out.  Never the check-in code (only the phone that took
 * the ticket has it), a name or a phone number.  Start at ct_ticket().
 */
#ifndef ANTRI_CENTRAL_TICKET_H
#define ANTRI_CENTRAL_TICKET_H

#include <microhttpd.h>

#include "cdb.h"
#include "http.h"

/* GET /api/v1/ticket (header X-Ticket: the link's token):
 * {"outlet":{co_public's object},"service":"A","number":"A014",
 *  "day":"2026-12-05","known":true,"state":"expected","words":{"id","en"},
 *  "people_ahead":3,"est_wait_s":600,"counter":0,"come":{cz_come}|null,
 *  "over":false}
 * known false: the outlet has not listed the ticket (yet, or any more);
 * over true: the outlet's day has moved past the ticket's, whose words
 * say so.  400 without a well-formed token, 404 for an unknown one. */
enum MHD_Result ct_ticket(struct http_req *r, cdb *db);

#endif
