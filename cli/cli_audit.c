/* cli_audit.c - the audit trail and the clock from the command line:
 * `antri audit` lists the events with their chained hashes, `antri clock
 * accept` vouches for a clock that Q_ECLOCK doubted (docs/time.md).
 * close-day's final hash is printed by cli_admin.c with cli_print_seal().
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"

#define AUDIT_BATCH 256

static void
when(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

/* The event as qjson_event() builds it, plus the audit's own members:
 * its local time and hash; the ticket's number is called "label" here. */
static json_t *
audit_json(const struct q_event_rec *e)
{
	char ts[32];
	json_t *j = qjson_event(e, 1);

	when(e->ts_ms, ts, sizeof ts);
	if (j && (json_object_set_new(j, "time", json_string(ts)) ||
	    json_object_set_new(j, "hash", json_string(e->hash)) ||
	    json_object_set(j, "label", json_object_get(j, "number")) ||
	    json_object_del(j, "number"))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static void
audit_line(const struct q_event_rec *e)
{
	char ts[32];

	when(e->ts_ms, ts, sizeof ts);
	printf("%6lld %s %-16s %-5s %2d %-16s %s\n       %s\n",
	    (long long)e->id, ts, q_event_name(e->kind),
	    e->label[0] ? e->label : "-", e->counter, e->actor,
	    e->detail, e->hash[0] ? e->hash : "(before the chain)");
}

static int
cmd_audit(struct cli *c, int argc, char **argv)
{
	struct q_event_rec *ev;
	const char *from, *to;
	char day[Q_DAY_MAX];
	int64_t after = 0;
	json_t *all = NULL;
	int bad = 0, bad2 = 0, rc, n;

	from = cli_take_opt(&argc, argv, "--from", &bad);
	to = cli_take_opt(&argc, argv, "--to", &bad2);
	if (bad || bad2)
		return cli_usage("audit", "--from and --to need a day");
	if ((rc = cli_no_more_opts("audit", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("audit", "unexpected '%s'", argv[1]);
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return cli_usage("audit", "a day is written YYYY-MM-DD, e.g. "
		    "2026-11-02");
	if (from && to && strcmp(from, to) > 0)
		return cli_usage("audit", "--from is after --to");
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	if (!(ev = malloc(AUDIT_BATCH * sizeof *ev)) ||
	    (c->json && !(all = json_array()))) {
		free(ev);
		return cli_fail(c, "audit", Q_ENOMEM);
	}
	do {
		n = AUDIT_BATCH;
		if ((rc = queue_events_since(c->q, after, ev, &n))) {
			free(ev);
			json_decref(all);
			return cli_fail(c, "audit", rc);
		}
		for (int i = 0; i < n; i++) {
			q_day_of(ev[i].ts_ms, day);
			after = ev[i].id;
			if ((from && strcmp(day, from) < 0) ||
			    (to && strcmp(day, to) > 0))
				continue;
			if (c->json)
				json_array_append_new(all, audit_json(&ev[i]));
			else
				audit_line(&ev[i]);
		}
	} while (n == AUDIT_BATCH);
	free(ev);
	return c->json ? cli_json_put(all) : 0;
}

void
cli_print_seal(struct cli *c, int cancelled)
{
	struct q_event_rec e;
	char day[Q_DAY_MAX] = "", hash[Q_HASH_HEX] = "";
	long long id = 0;

	if (queue_day_seal(c->q, &e) != Q_OK ||
	    sscanf(e.detail, "%10s event %lld hash %64s", day, &id, hash) != 3)
		hash[0] = 0;
	if (c->json) {
		cli_json_put(json_pack("{s:i,s:s,s:I,s:s,s:I}", "cancelled",
		    cancelled, "day", day, "last_event", (json_int_t)id, "hash",
		    hash, "seal_event", (json_int_t)e.id));
		return;
	}
	printf("day closed: %d waiting ticket%s cancelled\n", cancelled,
	    cancelled == 1 ? "" : "s");
	if (hash[0])
		printf("final hash of %s (event %lld): %s\nnote it on paper or "
		    "send it to the head office: any later edit of the day "
		    "shows in 'antri check'\n", day, id, hash);
}

static int
cmd_clock(struct cli *c, int argc, char **argv)
{
	char now[32];
	int rc;

	if ((rc = cli_no_more_opts("clock", argc, argv)))
		return rc;
	if (argc != 2 || strcmp(argv[1], "accept"))
		return cli_usage("clock", "use: clock accept");
	if ((rc = cli_open(c, 0)))
		return rc;
	if ((rc = queue_clock_accept(c->q)))
		return cli_fail(c, "clock accept", rc);
	when(queue_now_ms(c->q), now, sizeof now);
	if (c->json)
		return cli_json_put(json_pack("{s:b}", "accepted", 1));
	else
		printf("clock accepted as right (%s); the next write may start "
		    "a new day\n", now);
	return 0;
}

const struct cli_cmd cli_audit_cmds[] = {
	{ "audit", cmd_audit, "[--from DAY] [--to DAY]",
	  "list the events with their chained hashes" },
	{ "clock", cmd_clock, "accept",
	  "after 'the clock looks wrong': the clock is right, start the day" },
	{ NULL, NULL, NULL, NULL },
};
