/* central_notify.c - antri-central notify: the head office's outbox of
 * reminders (its bookings' SMS and WhatsApp messages, sent by
 * antri-notify --central; docs/notify.md "The head office's outbox"):
 * how many are pending, sent and dead, and the dead ones, each with its
 * outlet, kind, channel, booking, the last four digits of the number
 * (q_phone_masked), its tries and the last reason.  Never a whole
 * number.
 *
 *   antri-central notify            counts, and the dead ones
 */
#define _POSIX_C_SOURCE 200809L
#include "central.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEAD_MAX 200

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
	int counts[Q_MSG_STATE_COUNT], n = DEAD_MAX, rc;
	struct cdb_msg *m;
	int64_t oldest;
	char at[32], ph[16];

	(void)argv;
	if (argc != 1)
		return central_usage("notify", "usage: notify (no arguments)");
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = cdb_notify_counts(ce->c, counts, &oldest)))
		return central_fail(ce, "notify", rc);
	printf("pending %d\nsent %d\ndead %d\n", counts[Q_MSG_PENDING],
	    counts[Q_MSG_SENT], counts[Q_MSG_DEAD]);
	if (oldest) {
		when(oldest, at, sizeof at);
		printf("oldest pending since %s\n", at);
	}
	if (!counts[Q_MSG_DEAD])
		return EX_DONE;
	if (!(m = calloc(DEAD_MAX, sizeof *m))) {
		fprintf(stderr, "antri-central: out of memory\n");
		return EX_SYSTEM;
	}
	if ((rc = cdb_notify_list(ce->c, Q_MSG_DEAD, m, &n))) {
		free(m);
		return central_fail(ce, "notify", rc);
	}
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
