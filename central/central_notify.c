/* central_notify.c - antri-central notify: the head office's outbox of
 * reminders (its bookings' SMS and WhatsApp messages, sent by
 * antri-notify --central; docs/notify.md "The head office's outbox"):
 * how many are pending, sent and dead, and the dead ones, each with its
 * outlet, kind, channel, booking, the last four digits of the number
 * (q_phone_masked), its tries and the last reason.  Never a whole
 * number.
 *
 *   antri-central notify            counts, and the dead ones
 *   GET /api/v1/hq/notify           the same as JSON, for head-office
 *                                   staff (central_api.c's routes[])
 */
#define _POSIX_C_SOURCE 200809L
#include "central.h"
#include "central_notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEAD_MAX 200

#define NO_MEMORY 1              /* read_outbox's own failure */

/* the counts and up to DEAD_MAX dead messages; CDB_OK, a CDB_E* failure
 * or NO_MEMORY */
static int
read_outbox(cdb *c, int counts[Q_MSG_STATE_COUNT], int64_t *oldest,
            struct cdb_msg **dead, int *n)
{
	int rc;

	*dead = NULL;
	*n = 0;
	if ((rc = cdb_notify_counts(c, counts, oldest)))
		return rc;
	if (!counts[Q_MSG_DEAD])
		return CDB_OK;
	if (!(*dead = calloc(DEAD_MAX, sizeof **dead)))
		return NO_MEMORY;
	*n = DEAD_MAX;
	if ((rc = cdb_notify_list(c, Q_MSG_DEAD, *dead, n))) {
		free(*dead);
		*dead = NULL;
	}
	return rc;
}

static void
when(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

int
central_cmd_notify(struct central *ce, int argc, char **argv)
{
	int counts[Q_MSG_STATE_COUNT], n, rc;
	struct cdb_msg *m;
	int64_t oldest;
	char at[32], ph[16];

	(void)argv;
	if (argc != 1)
		return central_usage("notify", "usage: notify (no arguments)");
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = read_outbox(ce->c, counts, &oldest, &m, &n)) == NO_MEMORY) {
		fprintf(stderr, "antri-central: out of memory\n");
		return EX_SYSTEM;
	}
	if (rc)
		return central_fail(ce, "notify", rc);
	printf("pending %d\nsent %d\ndead %d\n", counts[Q_MSG_PENDING],
	    counts[Q_MSG_SENT], counts[Q_MSG_DEAD]);
	if (oldest) {
		when(oldest, at, sizeof at);
		printf("oldest pending since %s\n", at);
	}
	if (n)
		printf("dead:\n");
	for (int i = 0; i < n; i++) {
		when(m[i].m.made_ms, at, sizeof at);
		q_phone_masked(m[i].m.phone, ph, sizeof ph);
		printf("%lld\t%s\t%s\t%s\t%s\tbooking %lld (request %lld)\t%s\t"
		    "%d tries\t%s\n", (long long)m[i].m.id, at, m[i].office,
		    q_msg_kind_name(m[i].m.kind),
		    q_msg_channel_name(m[i].m.channel),
		    (long long)m[i].m.booking, (long long)m[i].m.ticket, ph,
		    m[i].m.tries, m[i].m.error);
	}
	free(m);
	return EX_DONE;
}

json_t *
central_notify_json(cdb *c, int *rc)
{
	int counts[Q_MSG_STATE_COUNT], n;
	struct cdb_msg *m;
	int64_t oldest;
	json_t *list, *j;
	char ph[16];

	if ((*rc = read_outbox(c, counts, &oldest, &m, &n))) {
		if (*rc == NO_MEMORY)
			*rc = CDB_ESQL;
		return NULL;
	}
	list = json_array();
	for (int i = 0; i < n; i++) {
		q_phone_masked(m[i].m.phone, ph, sizeof ph);
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:I,"
		    "s:I,s:s,s:i,s:s,s:I}", "id", (json_int_t)m[i].m.id,
		    "office", m[i].office, "kind", q_msg_kind_name(m[i].m.kind),
		    "channel", q_msg_channel_name(m[i].m.channel), "booking",
		    (json_int_t)m[i].m.booking, "request",
		    (json_int_t)m[i].m.ticket, "phone", ph, "tries",
		    m[i].m.tries, "error", m[i].m.error, "made_ms",
		    (json_int_t)m[i].m.made_ms));
	}
	free(m);
	j = json_pack("{s:i,s:i,s:i,s:I,s:o}", "pending",
	    counts[Q_MSG_PENDING], "sent", counts[Q_MSG_SENT], "dead",
	    counts[Q_MSG_DEAD], "oldest_pending_ms", (json_int_t)oldest,
	    "dead_messages", list);
	return j;
}
