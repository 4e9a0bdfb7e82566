/* cli_report.c - the commands that read: status, watch, report, check.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "report.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- status ----------------------------------------------------------- */

static int
status_json(const struct q_status *st)
{
	return cli_json_put(qjson_status(st));
}

static void
status_text(const struct q_status *st)
{
	char est[32], clk[16];

	printf("%s, %s\n", st->office, st->day);
	if (st->limit)
		printf("Room: %d / %d inside, %d waiting outside (when full: "
		    "%s)\n", st->occupancy, st->limit, st->outside,
		    q_policy_name(st->policy));
	else
		printf("Room: %d inside, no limit\n", st->occupancy);
	printf("\nSERVICE                        WAITING OUTSIDE ISSUED  "
	    "EST. WAIT\n");
	for (int i = 0; i < st->nservices; i++) {
		const struct q_service *s = &st->services[i];
		char quota[24] = "";

		if (s->quota)
			snprintf(quota, sizeof quota, "/%d", s->quota);
		printf("%c %-28s %7d %7d %4d%-5s %s\n", s->code, s->name_id,
		    s->waiting, s->outside, s->issued_today, quota,
		    s->open ? i18n_wait(LANG_EN, s->est_wait_s, est, sizeof est) :
		    "closed");
	}
	printf("\nCOUNTER STATE   SERVES  CURRENT\n");
	for (int i = 0; i < st->ncounters; i++) {
		const struct q_counter *k = &st->counters[i];

		printf("%7d %-7s %-7s ", k->number, q_cstate_name(k->state),
		    k->services);
		if (k->has_current)
			printf("%s (called %s)\n", k->current.label,
			    cli_clock(k->current.called_ms, clk, sizeof clk));
		else
			printf("-\n");
	}
	printf("\nLast calls:");
	for (int i = 0; i < st->ncalls && i < 6; i++)
		printf(" %s->%d", st->calls[i].label, st->calls[i].counter);
	printf("%s\nJust admitted:", st->ncalls ? "" : " none");
	for (int i = 0; i < st->nadmitted && i < 6; i++)
		printf(" %s", st->admitted[i].label);
	printf("%s\n", st->nadmitted ? "" : " none");
}

static int
cmd_status(struct cli *c, int argc, char **argv)
{
	struct q_status st;
	int rc;

	if ((rc = cli_no_more_opts("status", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("status", "takes no argument");
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "status", rc);
	if (st.clock_wrong)     /* shown, not acted on: docs/time.md */
		fprintf(stderr, "antri: status: %s\n",
		    queue_strerror(Q_ECLOCK));
	if (c->json)
		return status_json(&st);
	status_text(&st);
	return 0;
}

/* ---- watch ------------------------------------------------------------ */

static volatile sig_atomic_t stop_watch;

static void
on_signal(int sig)
{
	(void)sig;
	stop_watch = 1;
}

static int
print_event(struct cli *c, const struct q_event_rec *e)
{
	char clk[16];

	if (c->json)
		return cli_json_put(qjson_event(e, 1));
	printf("%s.%03d %-15s", cli_clock(e->ts_ms, clk, sizeof clk),
	    (int)(e->ts_ms % 1000), q_event_name(e->kind));
	if (e->label[0])
		printf(" %s", e->label);
	else if (e->service)
		printf(" service %c", e->service);
	if (e->counter)
		printf(" counter %d", e->counter);
	if (e->detail[0])
		printf(" (%s)", e->detail);
	printf(" by %s\n", e->actor);
	return 0;
}

/* Once a second: a removed -wal is rescued into the database by the
 * core (queue_wal_check); say so and reopen.  0, or the exit status. */
static int
watch_wal(struct cli *c)
{
	static struct timespec next;
	struct timespec now;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec < next.tv_sec || (now.tv_sec == next.tv_sec &&
	    now.tv_nsec < next.tv_nsec))
		return 0;
	next = now;
	next.tv_sec++;
	rc = queue_wal_check(c->q);
	if (rc == Q_OK || rc == Q_EBUSY)
		return 0;
	if (rc != Q_EWALGONE)
		return cli_fail(c, "watch", rc);
	fprintf(stderr, "antri watch: %s-wal was removed; what this program "
	    "held of it is saved in the database; reopening\n", c->db_path);
	queue_close(c->q);
	c->q = NULL;
	if ((rc = cli_open(c, CLI_WRITE_IF_ALLOWED)))
		return rc;
	queue_changed(c->q);
	return 0;
}

static int
cmd_watch(struct cli *c, int argc, char **argv)
{
	struct q_event_rec ev[64];
	struct timespec pause = { 0, 5 * 1000000 };
	struct sigaction sa;
	const char *cs, *ps;
	int64_t last = 0;
	long count = 0, seen = 0, poll_ms = 5;
	int bad = 0, ok = 1, rc, n, all;

	cs = cli_take_opt(&argc, argv, "--count", &bad);
	ps = cli_take_opt(&argc, argv, "--poll-ms", &bad);
	all = cli_take_flag(&argc, argv, "--all");
	if (bad || (rc = cli_no_more_opts("watch", argc, argv)) || argc != 1)
		return cli_usage("watch", "use: watch [--all] [--count N] "
		    "[--poll-ms MS]");
	if (cs && (count = cli_number(cs, 1, 1000000000, &ok), !ok))
		return cli_usage("watch", "--count takes a number from 1");
	if (ps && (poll_ms = cli_number(ps, 1, 10000, &ok), !ok))
		return cli_usage("watch", "--poll-ms takes 1 to 10000");
	pause.tv_sec = poll_ms / 1000;
	pause.tv_nsec = (poll_ms % 1000) * 1000000;
	/* a handle that may write can save what a removed -wal held */
	if ((rc = cli_open(c, CLI_WRITE_IF_ALLOWED)))
		return rc;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!all) {
		/* start after the newest event: read it from the log */
		struct q_status st;

		if ((rc = queue_status(c->q, &st)))
			return cli_fail(c, "watch", rc);
		last = st.last_event;
	}
	queue_changed(c->q);
	if (!c->json)
		fprintf(stderr, "antri watch: waiting for changes in %s "
		    "(Ctrl-C ends)\n", c->db_path);
	for (int first = 1; !stop_watch; first = 0) {
		if ((rc = watch_wal(c)))
			return rc;
		rc = first ? 1 : queue_changed(c->q);
		if (rc < 0) {
			if (rc == Q_EBUSY)
				continue;
			return cli_fail(c, "watch", rc);
		}
		while (rc > 0) {
			n = (int)(sizeof ev / sizeof ev[0]);
			if ((rc = queue_events_since(c->q, last, ev, &n)))
				return cli_fail(c, "watch", rc);
			for (int i = 0; i < n; i++) {
				if ((rc = print_event(c, &ev[i])))
					return rc;
				last = ev[i].id;
				if (count && ++seen >= count)
					return 0;
			}
			rc = n == (int)(sizeof ev / sizeof ev[0]);
		}
		nanosleep(&pause, NULL);
	}
	return 0;
}

/* ---- report ----------------------------------------------------------- */

/* The CSV, with the office's and services' names as titles. */
static int
report_csv(struct cli *c, const struct report *r)
{
	struct q_status *st = malloc(sizeof *st);
	int rc = st ? queue_status(c->q, st) : Q_ENOMEM;

	if (rc) {
		free(st);
		return cli_fail(c, "report", rc);
	}
	rc = qjson_report_csv(stdout, r, st);
	free(st);
	if (rc || fflush(stdout)) {
		fprintf(stderr, "antri: report: cannot write the CSV\n");
		return EXIT_SYSTEM;
	}
	return 0;
}

static int
report_print(struct cli *c, const struct report *r, int csv)
{
	if (c->json && !csv)
		return cli_json_put(qjson_report(r));

	if (csv)
		return report_csv(c, r);
	report_text(stdout, r);
	return 0;
}

static int
cmd_report(struct cli *c, int argc, char **argv)
{
	struct report *r;
	const char *from, *to, *pdf, *png;
	char today[Q_DAY_MAX];
	int bad = 0, csv, rc;

	from = cli_take_opt(&argc, argv, "--from", &bad);
	to = cli_take_opt(&argc, argv, "--to", &bad);
	pdf = cli_take_opt(&argc, argv, "--pdf", &bad);
	png = cli_take_opt(&argc, argv, "--png", &bad);
	csv = cli_take_flag(&argc, argv, "--csv");
	if (bad || (rc = cli_no_more_opts("report", argc, argv)) || argc != 1)
		return cli_usage("report", "use: report [--from YYYY-MM-DD] "
		    "[--to YYYY-MM-DD] [--csv] [--pdf FILE] [--png DIR]");
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return cli_usage("report", "a day is written YYYY-MM-DD, e.g. "
		    "2026-11-02");
	if (from && to && strcmp(from, to) > 0)
		return cli_usage("report", "--from is after --to");
	if ((pdf || png) && (rc = cli_full(c)))    /* charts: antri-print */
		return rc;
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	q_day_of(queue_now_ms(c->q), today);
	if (!from && !to)
		from = to = today;
	if (!(r = malloc(sizeof *r)))
		return cli_fail(c, "report", Q_ENOMEM);
	if ((rc = report_build(c->q, from, to, r))) {
		free(r);
		return cli_fail(c, "report", rc);
	}
	if (pdf || png)
		rc = cli_report_charts(c, r, pdf, png);
	else
		rc = report_print(c, r, csv);
	free(r);
	return rc;
}

/* ---- check ------------------------------------------------------------ */

static int
cmd_check(struct cli *c, int argc, char **argv)
{
	char msg[512];
	int rc;

	if ((rc = cli_no_more_opts("check", argc, argv)) || argc != 1)
		return rc ? rc : cli_usage("check", "takes no argument");
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	rc = queue_check(c->q, msg, sizeof msg);
	if (rc == Q_ECORRUPT) {
		fprintf(stderr, "antri: check failed: %s\n", msg);
		return EXIT_SYSTEM;
	}
	if (rc)
		return cli_fail(c, "check", rc);
	printf("%s\n", msg);
	return 0;
}

const struct cli_cmd cli_report_cmds[] = {
	{ "status", cmd_status, "", "waiting, counters, room: the whole office" },
	{ "watch", cmd_watch, "[--all] [--count N]",
	  "print each event as it happens" },
	{ "report", cmd_report,
	  "[--from DAY] [--to DAY] [--csv] [--pdf FILE] [--png DIR]",
	  "served, no-shows, waits, service times, peak, per hour" },
	{ "check", cmd_check, "", "verify the database and the queue's rules" },
	{ NULL, NULL, NULL, NULL },
};
