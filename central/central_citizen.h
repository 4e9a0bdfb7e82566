/* central_citizen.h - a citizen's requests from the public /outlets page
 * (docs/central.md, "A citizen on /outlets"): the free slots of an
 * outlet's service, a remote ticket of the outlet's today, a booking of
 * a slot.  The requests go to the outlet the way `antri-central remote`
 * and `book` send them (cdb_request_*, central_book.c's checks); the
 * outlet issues by its own rules.  The answers carry the number or the
 * slot, the check-in code, its QR as SVG (libqrencode, print_qr.c) and
 * "come by"; never a name or a phone number.  Start at cz_remote().
 */
#ifndef ANTRI_CENTRAL_CITIZEN_H
#define ANTRI_CENTRAL_CITIZEN_H

#include <jansson.h>
#include <microhttpd.h>

#include "cdb.h"
#include "http.h"

/* A public change's count per address: CZ_PER_HOUR requests sent to an
 * outlet (issued or refused there) per address and hour, counted in the
 * central database (cdb_citizen_ask) so that every server behind a proxy
 * counts the same; a family's few tickets and bookings, not a hundred. */
#define CZ_PER_HOUR 10

/* GET /api/v1/outlets/{office}/slots?service=A&day=YYYY-MM-DD: the
 * service's slots of that day with their free places, from the outlet's
 * live state (the outlet decides at booking time). */
enum MHD_Result cz_slots(struct http_req *r, cdb *db, const char *office);
/* POST /api/v1/outlets/{office}/remote {"service":"A"} */
enum MHD_Result cz_remote(struct http_req *r, cdb *db, const char *office,
                          json_t *body);
/* POST /api/v1/outlets/{office}/book {"service":"A","slot":"YYYY-MM-DD
 * HH:MM","name":..,"phone":..} (name and phone optional) */
enum MHD_Result cz_book(struct http_req *r, cdb *db, const char *office,
                        json_t *body);

/* When to come, for a page: {"now":true|false,"by":"10:40","id":..,
 * "en":..} from queue_remote_come's answer (now, or by_ms), null when
 * the wait is unknown. */
json_t *cz_come(int now, int64_t by_ms);

#endif
