/* notify_main.c - antri-notify: reminders by SMS and WhatsApp to the
 * visitors who left a phone number (notify.h, docs/notify.md).  Start
 * here.
 *
 *   antri-notify [--db FILE] [--config FILE]        run all day (the unit)
 *   antri-notify ... --once                         one round, then exit
 *   antri-notify ... --status                       the outbox's counts
 *   antri-notify ... --dead                         the dead messages
 *   antri-notify --central CONNINFO [--once]        the head office's
 *                                                   outbox instead
 *
 * `antri notify --status` and `antri notify --dead` run this program
 * with antri's command line (cli_notify.c), so the word "notify" is
 * skipped.  Exit: 0 done, 2 bad usage or config, 3 the office's database
 * (with --central: the central's) could not be used.
 *
 * The loop follows the database (follow.c): at each commit of another
 * program, and every few seconds for waits that shrink with time alone,
 * it derives the messages due (queue_notify_derive: a read, then a short
 * write only when there is something to add), then sends those due,
 * oldest first; a failed one waits backoff_s, doubled at each try, and
 * after max_tries it is dead.  Once an hour, and at start, numbers older
 * than [privacy] keep_days are deleted.  Phone numbers never reach its
 * log: a message is named by its id, kind and channel.
 */
#define _POSIX_C_SOURCE 200809L
#include "cdb.h"
#include "follow.h"
#include "notify.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef ANTRI_VERSION
#define ANTRI_VERSION "?"
#endif

enum { N_OK = 0, N_USAGE = 2, N_DB = 3 };

#define DERIVE_EVERY_MS 5000     /* waits shrink with time alone too */
#define WAITS_EVERY_MS 1000      /* "come now" and "3 ahead" looked at */
#define SAVE_EVERY_MS 60000      /* the cursor kept when nothing else is */
#define PURGE_EVERY_MS 3600000
#define DUE_BATCH 32

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
	fprintf(f, "usage: antri-notify [--db FILE] [--config FILE] "
	    "[--once | --status | --dead]\n"
	    "       antri-notify --central CONNINFO [--config FILE] [--once]\n"
	    "Sends reminders by SMS (gammu-smsd) and WhatsApp to visitors who "
	    "left a phone\nnumber ([notify] in the config).  Exit: 0 done, 2 "
	    "bad usage or config,\n3 the office's database (or the central) "
	    "unusable.\n--central sends the head office's outbox (\"\": "
	    "[central] pg).\n");
}

/* One line of the log (stderr: the journal), never with a number. */
static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logf_(const char *fmt, ...)
{
	va_list ap;

	fputs("antri-notify: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Where the messages are: the office's outbox (SQLite, the core) or
 * the head office's (PostgreSQL, cdb_notify.c).  Both keep a try's
 * result by the same rule (q_msg_after_try); the sending is this file's
 * and the channels', once. */
struct store {
	queue *q;
	cdb *c;
	char office[48];                 /* of the message in hand */
};

static int
store_due(struct store *s, struct q_msg *m, int *n)
{
	struct cdb_msg cm[DUE_BATCH];
	int rc;

	if (s->q)
		return queue_notify_due(s->q, m, n) ? -1 : 0;
	if ((rc = cdb_notify_due(s->c, (int64_t)time(NULL) * 1000, cm, n))) {
		logf_("reading the central outbox: %s", cdb_error(s->c));
		return -1;
	}
	for (int i = 0; i < *n; i++)
		m[i] = cm[i].m;
	return 0;
}

static int
store_result(struct store *s, const struct q_msg *m, enum notify_res r,
             const char *why, const struct notify_conf *nc)
{
	int rc;

	if (s->q) {
		rc = queue_notify_result(s->q, m->id, r == NOTIFY_SENT,
		    r == NOTIFY_PERMANENT, why, nc->max_tries, nc->backoff_s);
		if (rc)
			logf_("message %lld: %s", (long long)m->id,
			    queue_strerror(rc));
		return rc ? -1 : 0;
	}
	rc = cdb_notify_result(s->c, m, r == NOTIFY_SENT,
	    r == NOTIFY_PERMANENT, why, nc->max_tries, nc->backoff_s,
	    (int64_t)time(NULL) * 1000);
	if (rc == CDB_ENOTFOUND)
		return 0;            /* another notifier had it */
	if (rc)
		logf_("message %lld: %s", (long long)m->id, cdb_error(s->c));
	return rc ? -1 : 0;
}

/* Send what is due; the number of messages tried, -1 when the store
 * failed. */
static int
send_due(struct store *s, const struct notify_conf *nc)
{
	struct q_msg m[DUE_BATCH];
	enum notify_res r;
	char why[Q_REASON_MAX];
	int n = DUE_BATCH, tried = 0;
	const char *from = s->q ? "" : "central ";

	if (store_due(s, m, &n))
		return -1;
	for (int i = 0; i < n && !stop; i++, tried++) {
		why[0] = 0;
		if (!(nc->channels & m[i].channel)) {
			snprintf(why, sizeof why, "channel %s is off in [notify]",
			    q_msg_channel_name(m[i].channel));
			r = NOTIFY_PERMANENT;
		} else if (m[i].channel == Q_CHAN_WHATSAPP) {
			r = notify_wa_send(nc, &m[i], why, sizeof why);
		} else {
			r = notify_sms_send(nc, &m[i], why, sizeof why);
		}
		if (store_result(s, &m[i], r, why, nc))
			return -1;
		if (r == NOTIFY_SENT)
			logf_("%smessage %lld (%s, %s) sent", from,
			    (long long)m[i].id, q_msg_kind_name(m[i].kind),
			    q_msg_channel_name(m[i].channel));
		else
			logf_("%smessage %lld (%s, %s) failed: %s%s", from,
			    (long long)m[i].id, q_msg_kind_name(m[i].kind),
			    q_msg_channel_name(m[i].channel), why,
			    r == NOTIFY_PERMANENT || m[i].tries + 1 >=
			    nc->max_tries ? " (dead)" : "");
	}
	return tried;
}

static void
purge(queue *q, const struct notify_conf *nc)
{
	int removed = 0, rc = queue_privacy_purge(q, nc->keep_days, &removed);

	if (rc)
		logf_("deleting old phone numbers: %s", queue_strerror(rc));
	else if (removed)
		logf_("deleted %d phone numbers older than %d days", removed,
		    nc->keep_days);
}

static int
run(const char *db_path, const struct notify_conf *nc, int once)
{
	struct q_notify_rules rules = { nc->come_min, nc->channels, 1 };
	struct follow f;
	int64_t cursor = 0, derive_at = 0, save_at = 0, purge_at = 0, now;
	int64_t waits_at = 0;
	struct timespec tick = { 0, 100 * 1000000L };
	int made, rc, fl, ret = N_OK;

	follow_init(&f, db_path, "antri-notify", 0);
	if (!once)
		logf_("started");
	while (!stop) {
		now = mono_ms();
		fl = follow_poll(&f, now);
		if (fl & FOLLOW_STATE)
			logf_("%s", f.q ? "database open" : f.why);
		if (fl & FOLLOW_REPLACED)
			cursor = 0;          /* another file: its own cursor */
		if (!f.q) {
			if (once) {
				logf_("%s", f.why);
				ret = N_DB;
				break;
			}
			nanosleep(&tick, NULL);
			continue;
		}
		if (now >= purge_at) {
			purge(f.q, nc);
			purge_at = now + PURGE_EVERY_MS;
		}
		if ((fl & FOLLOW_CHANGED) || now >= derive_at) {
			/* the events at every commit; the waits, which cost a
			 * read per ticket with a number, once a second */
			rules.waits = now >= waits_at;
			if (rules.waits)
				waits_at = now + WAITS_EVERY_MS;
			rc = queue_notify_derive(f.q, &rules, &cursor,
			    now >= save_at, &made);
			if (rc) {
				logf_("reading the queue: %s", queue_strerror(rc));
				follow_failed(&f, rc, now);
			} else if (now >= save_at) {
				save_at = now + SAVE_EVERY_MS;
			}
			derive_at = now + DERIVE_EVERY_MS;
		}
		if (f.q) {
			struct store st = { .q = f.q };

			if (send_due(&st, nc) < 0)
				follow_failed(&f, Q_EDB, now);
		}
		if (once)
			break;
		nanosleep(&tick, NULL);
	}
	follow_close(&f);
	if (!once)
		logf_("stopped");
	return ret;
}

/* --central: the head office's outbox, filled by the central's own
 * triggers; this loop only sends it (every second, at once while a
 * batch was full) and deletes the old numbers, reconnecting when the
 * link drops. */
static int
run_central(const char *conninfo, const struct notify_conf *nc, int once)
{
	struct timespec tick = { 1, 0 };
	struct store st = { 0 };
	int64_t purge_at = 0, now;
	char err[512], day[Q_DAY_MAX];
	int n, removed, ret = N_OK, down = 0;

	if (!once)
		logf_("started (the central outbox)");
	while (!stop) {
		now = mono_ms();
		if (!st.c) {
			if (cdb_connect(&st.c, conninfo, nc->timeout_s, err,
			    sizeof err) || cdb_notify_channels(st.c,
			    nc->channels)) {
				if (!down || once)
					logf_("the central: %s", st.c ?
					    cdb_error(st.c) : err);
				cdb_close(st.c);
				st.c = NULL;
				down = 1;
				if (once) {
					ret = N_DB;
					break;
				}
				tick.tv_sec = 5;
				nanosleep(&tick, NULL);
				continue;
			}
			if (down)
				logf_("the central is back");
			down = 0;
			tick.tv_sec = 1;
		}
		if (now >= purge_at) {
			q_day_of(((int64_t)time(NULL) - (int64_t)nc->keep_days *
			    86400) * 1000, day);
			if (cdb_notify_purge(st.c, day, &removed))
				logf_("deleting old phone numbers: %s",
				    cdb_error(st.c));
			else if (removed)
				logf_("deleted %d phone numbers older than %d "
				    "days", removed, nc->keep_days);
			purge_at = now + PURGE_EVERY_MS;
		}
		n = send_due(&st, nc);
		if (n < 0 && !cdb_alive(st.c)) {
			cdb_close(st.c);
			st.c = NULL;
			down = 1;
			purge_at = 0;
			if (once) {
				ret = N_DB;
				break;
			}
		}
		if (once)
			break;
		if (n < DUE_BATCH)
			nanosleep(&tick, NULL);
	}
	cdb_close(st.c);
	if (!once)
		logf_("stopped");
	return ret;
}

static int
report(const char *db_path, int dead)
{
	int counts[Q_MSG_STATE_COUNT], rc, n = 200;
	struct q_msg *m;
	int64_t oldest;
	queue *q;
	char when[32], ph[16];

	if ((rc = queue_open(&q, db_path, Q_OPEN_READONLY, "antri-notify"))) {
		fprintf(stderr, "antri-notify: %s: %s\n", db_path,
		    queue_strerror(rc));
		return N_DB;
	}
	if (!dead) {
		if ((rc = queue_notify_counts(q, counts, &oldest)))
			goto err;
		printf("pending %d\nsent %d\ndead %d\n", counts[Q_MSG_PENDING],
		    counts[Q_MSG_SENT], counts[Q_MSG_DEAD]);
		if (oldest) {
			time_t t = (time_t)(oldest / 1000);
			struct tm tm;

			localtime_r(&t, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
			printf("oldest pending since %s\n", when);
		}
		if (counts[Q_MSG_DEAD])
			printf("%d dead: antri notify --dead lists them\n",
			    counts[Q_MSG_DEAD]);
		queue_close(q);
		return N_OK;
	}
	if (!(m = calloc((size_t)n, sizeof *m))) {
		rc = Q_ENOMEM;
		goto err;
	}
	if ((rc = queue_notify_list(q, Q_MSG_DEAD, m, &n))) {
		free(m);
		goto err;
	}
	if (!n)
		printf("no dead messages\n");
	for (int i = 0; i < n; i++) {
		time_t t = (time_t)(m[i].made_ms / 1000);
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		q_phone_masked(m[i].phone, ph, sizeof ph);
		printf("%lld\t%s\t%s\t%s\t%s %s\t%s\t%d tries\t%s\n",
		    (long long)m[i].id, when, q_msg_kind_name(m[i].kind),
		    q_msg_channel_name(m[i].channel), m[i].booking ? "booking" :
		    "ticket", m[i].booking ? "" : m[i].p1, ph, m[i].tries,
		    m[i].error);
	}
	free(m);
	queue_close(q);
	return N_OK;
err:
	fprintf(stderr, "antri-notify: %s\n", queue_strerror(rc));
	queue_close(q);
	return N_DB;
}

int
main(int argc, char **argv)
{
	const char *dbarg = NULL, *cfgarg = NULL, *central = NULL;
	static struct notify_conf nc;
	config *cfg = NULL;
	char err[1200];
	int once = 0, status = 0, dead = 0, rc;
	struct sigaction sa;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--db") || !strcmp(a, "--config")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "antri-notify: %s needs a file "
				    "name\n", a);
				return N_USAGE;
			}
			*(a[2] == 'd' ? &dbarg : &cfgarg) = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			dbarg = a + 5;
		} else if (!strncmp(a, "--config=", 9)) {
			cfgarg = a + 9;
		} else if (!strcmp(a, "--central")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "antri-notify: --central needs a "
				    "connection string (\"\": [central] pg)\n");
				return N_USAGE;
			}
			central = argv[++i];
		} else if (!strcmp(a, "--once")) {
			once = 1;
		} else if (!strcmp(a, "--status")) {
			status = 1;
		} else if (!strcmp(a, "--dead")) {
			dead = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("antri-notify %s\n", ANTRI_VERSION);
			return 0;
		} else if (!strcmp(a, "notify") && i > 0) {
			continue;             /* antri's command word */
		} else {
			fprintf(stderr, "antri-notify: unknown argument '%s'\n",
			    a);
			usage(stderr);
			return N_USAGE;
		}
	}
	if (once + status + dead > 1) {
		fprintf(stderr, "antri-notify: one of --once, --status, --dead\n");
		return N_USAGE;
	}
	if (config_load(&cfg, cfgarg, err, sizeof err)) {
		fprintf(stderr, "antri-notify: %s\n", err);
		return N_USAGE;
	}
	if (central && (status || dead)) {
		fprintf(stderr, "antri-notify: the central outbox's counts and "
		    "dead messages: antri-central notify\n");
		config_free(cfg);
		return N_USAGE;
	}
	if (central && !*central &&
	    !(central = config_str(cfg, "central", "pg", NULL))) {
		fprintf(stderr, "antri-notify: --central \"\" takes [central] "
		    "pg from the config, which has none\n");
		config_free(cfg);
		return N_USAGE;
	}
	if (central)
		cdb_clear_env();
	if (status || dead) {
		rc = report(config_db_path(cfg, dbarg), dead);
		config_free(cfg);
		return rc;
	}
	if (notify_conf_load(&nc, cfg, err, sizeof err)) {
		fprintf(stderr, "antri-notify: %s\n", err);
		config_free(cfg);
		return N_USAGE;
	}
	if (notify_wa_init()) {
		fprintf(stderr, "antri-notify: libcurl could not start\n");
		config_free(cfg);
		return N_USAGE;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* a gammu folder shared with an office's notifier: the central's
	 * ids are another count, its files another name */
	if (central)
		nc.sms_tag = "antric";
	rc = central ? run_central(central, &nc, once) :
	    run(config_db_path(cfg, dbarg), &nc, once);
	notify_wa_done();
	memset(nc.token, 0, sizeof nc.token);
	config_free(cfg);
	return rc;
}
