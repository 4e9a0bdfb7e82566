/* sync_main.c - antri-sync: keeps the head office's copy of this office
 * current and answers what it asks of this office (sync.h,
 * docs/central.md).  Start here.
 *
 *   antri-sync [--db FILE] [--config FILE]          run all day (the unit)
 *   antri-sync ... --once                           one round, then exit
 *   antri-sync ... --status                         what the central holds
 *
 * `antri sync --once` and `antri sync --status` run this program with
 * antri's command line (cli_lean.c), so the word "sync" is skipped.
 * Exit: 0 done, 1 the central unreachable (the reason on stderr), 2 bad
 * usage or config, 3 the office's database could not be read, 4 the
 * office's history differs from the central's copy (flagged).
 *
 * The connection is [central] pg, a libpq connection string without a
 * password (config.c refuses one): the password is in libpq's passfile,
 * or a client certificate stands for it.  Every PG* variable is removed
 * from the environment first, so nothing but the config decides where
 * the events go.
 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "sync.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef ANTRI_VERSION
#define ANTRI_VERSION "?"
#endif


static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: antri-sync [--db FILE] [--config FILE] "
	    "[--once | --status]\n"
	    "Ships this office's events and live state to the head office's "
	    "PostgreSQL\n([central] pg and office in the config).  Exit: 0 "
	    "done, 1 central unreachable,\n2 bad usage or config, 3 the "
	    "office's database unreadable, 4 history flagged.\n");
}

static void
logf_(const char *what)
{
	fprintf(stderr, "antri-sync: %s\n", what);
}

/* What the central holds and how far behind it is; writes nothing. */
static int
status(struct sync *s)
{
	struct cdb_tip t;
	struct q_status *st = calloc(1, sizeof *st);
	struct q_event_rec e;
	int rc, n = 1, ret = SYNC_DONE;

	if (!st)
		return SYNC_LOCAL;
	if ((rc = queue_open(&s->q, s->db_path, Q_OPEN_READONLY, "antri-sync"))
	    || (rc = queue_status(s->q, st))) {
		fprintf(stderr, "antri-sync: the office's database %s: %s\n",
		    s->db_path, queue_strerror(rc));
		free(st);
		return SYNC_LOCAL;
	}
	if (cdb_connect(&s->c, s->conninfo, SYNC_TIMEOUT_S, s->err,
	    sizeof s->err)) {
		fprintf(stderr, "antri-sync: the central is unreachable: %s\n",
		    s->err);
		free(st);
		return SYNC_DOWN;
	}
	if ((rc = cdb_tip(s->c, s->office, &t))) {
		fprintf(stderr, "antri-sync: %s\n", cdb_error(s->c));
		free(st);
		return SYNC_DOWN;
	}
	printf("office %s\n", s->office);
	printf("central: holds %lld events, up to event %lld; last live "
	    "state or heartbeat %s\n", (long long)t.count,
	    (long long)t.max_id, *t.seen ? t.seen : "never");
	printf("here: up to event %lld: ", (long long)st->last_event);
	if (st->last_event >= t.max_id)
		printf("%lld to ship\n", (long long)(st->last_event - t.max_id));
	else
		printf("the central holds %lld more than this office\n",
		    (long long)(t.max_id - st->last_event));
	memset(&e, 0, sizeof e);
	if (t.max_id && !queue_events_since(s->q, t.max_id - 1, &e, &n) &&
	    n == 1 && e.id == t.max_id && strcmp(e.hash, t.hash)) {
		printf("history differs: event %lld here has another hash "
		    "than the central's copy\n", (long long)t.max_id);
		ret = SYNC_FLAGGED;
	} else if (t.max_id > st->last_event) {
		printf("history differs: this office's database ends before "
		    "the central's copy (restored from an old backup?)\n");
		ret = SYNC_FLAGGED;
	}
	if (t.flags) {
		printf("FLAGGED (%d): %s\nnothing more is shipped until the "
		    "head office clears it\n", t.flags, t.flag);
		ret = SYNC_FLAGGED;
	}
	free(st);
	return ret;
}

static int
once(struct sync *s)
{
	int rc = sync_round(s, mono_ms());

	switch (rc) {
	case SYNC_DONE:
		printf("central holds events up to %lld; live state sent\n",
		    (long long)s->shipped);
		break;
	case SYNC_FLAGGED:
		fprintf(stderr, "antri-sync: FLAGGED: %s\n", s->flag);
		break;
	case SYNC_DOWN:
		fprintf(stderr, "antri-sync: %s\n", s->err);
		break;
	default:
		fprintf(stderr, "antri-sync: %s\n", s->err);
	}
	return rc;
}

/* All day: a round whenever the office's database changed, the heartbeat
 * is due or the last round failed (then with a growing pause, 1 s to
 * 30 s, so a central that is down is not hammered). */
static int
run(struct sync *s)
{
	char last[sizeof s->err + 16] = "";
	int64_t retry_at = 0, pause = 1000, now;
	int rc = SYNC_DOWN, want = 1, woken;
	struct pollfd p;

	logf_("started");
	while (!stop) {
		now = mono_ms();
		if (s->q && queue_changed(s->q) > 0)
			want = 1;
		if ((want || now >= s->beat_at) && now >= retry_at) {
			int was = rc;

			rc = sync_round(s, now);
			want = 0;
			if (rc == SYNC_DONE || rc == SYNC_FLAGGED) {
				pause = 1000;
				if (was != rc || strcmp(last, "ok")) {
					char msg[800];

					if (rc == SYNC_FLAGGED)
						snprintf(msg, sizeof msg,
						    "FLAGGED, not shipping: %s",
						    s->flag);
					else
						snprintf(msg, sizeof msg,
						    "the central holds events up "
						    "to %lld", (long long)
						    s->shipped);
					logf_(msg);
					snprintf(last, sizeof last, "ok");
				}
			} else {
				if (strcmp(last, s->err)) {
					logf_(s->err);
					snprintf(last, sizeof last, "%s",
					    s->err);
				}
				retry_at = now + pause;
				pause = pause * 2 > 30000 ? 30000 : pause * 2;
				want = 1;
			}
		}
		/* 100 ms between looks at the office's database; the
		 * central's socket wakes it at once for a request.  A
		 * notification read with another statement's answer waits
		 * in libpq, the socket quiet: looked for before and after
		 * the poll */
		woken = s->c ? cdb_woken(s->c) : 0;
		p.fd = cdb_socket(s->c);
		p.events = POLLIN;
		p.revents = 0;
		if (woken < 0 || p.fd < 0)    /* nothing to wait on */
			poll(NULL, 0, 100);
		else if (woken == 0 && poll(&p, 1, 100) > 0)
			woken = cdb_woken(s->c);
		if (woken > 0)
			s->asked = 1;
		if (woken)
			want = 1;
	}
	logf_("stopped");
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dbarg = NULL, *cfgarg = NULL;
	struct sync s;
	config *cfg = NULL;
	char err[512];
	int do_once = 0, do_status = 0, rc;
	struct sigaction sa;

	cdb_clear_env();
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--db") || !strcmp(a, "--config")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "antri-sync: %s needs a file "
				    "name\n", a);
				return SYNC_USAGE;
			}
			*(a[2] == 'd' ? &dbarg : &cfgarg) = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			dbarg = a + 5;
		} else if (!strncmp(a, "--config=", 9)) {
			cfgarg = a + 9;
		} else if (!strcmp(a, "--once")) {
			do_once = 1;
		} else if (!strcmp(a, "--status")) {
			do_status = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("antri-sync %s\n", ANTRI_VERSION);
			return 0;
		} else if (!strcmp(a, "sync") && i > 0) {
			continue;             /* antri's command word */
		} else {
			fprintf(stderr, "antri-sync: unknown argument '%s'\n",
			    a);
			usage(stderr);
			return SYNC_USAGE;
		}
	}
	if (do_once && do_status) {
		fprintf(stderr, "antri-sync: --once or --status, not both\n");
		return SYNC_USAGE;
	}
	if (config_load(&cfg, cfgarg, err, sizeof err)) {
		fprintf(stderr, "antri-sync: %s\n", err);
		return SYNC_USAGE;
	}
	memset(&s, 0, sizeof s);
	s.conninfo = config_str(cfg, "central", "pg", NULL);
	s.office = config_str(cfg, "central", "office", NULL);
	s.db_path = config_db_path(cfg, dbarg);
	q_remote_from_config(cfg, &s.rules);
	if (!s.conninfo || !s.office) {
		fprintf(stderr, "antri-sync: %s: [central] %s is not set (see "
		    "man antri.conf)\n", *config_path(cfg) ? config_path(cfg) :
		    "no config file", !s.conninfo ? "pg" : "office");
		config_free(cfg);
		return SYNC_USAGE;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (do_status)
		rc = status(&s);
	else if (do_once)
		rc = once(&s);
	else
		rc = run(&s);
	sync_close(&s);
	config_free(cfg);
	return rc;
}
