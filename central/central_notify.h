/* central_notify.h - the head office's outbox of reminders as its staff
 * see it (central_notify.c): `antri-central notify` and GET
 * /api/v1/hq/notify. */
#ifndef ANTRI_CENTRAL_NOTIFY_H
#define ANTRI_CENTRAL_NOTIFY_H

#include <jansson.h>

#include "cdb.h"

/* {"pending", "sent", "dead", "oldest_pending_ms", "dead_messages": [{id,
 * office, kind, channel, booking, request, phone (its last four digits
 * only), tries, error, made_ms}]}; NULL with *rc a CDB_E* on failure. */
json_t *central_notify_json(cdb *c, int *rc);

#endif
