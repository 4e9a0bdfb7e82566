/* cli.c - `antri`, the command line of counter staff and managers.
 *
 * Start at main(): global options (--db, --config, --json) may stand
 * anywhere; the first other word names a command, found in the tables of
 * this file (tickets: issue, next, recall, done, noshow, transfer, cancel)
 * and of cli_admin.c, cli_report.c and cli_print.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers shared by the command files ------------------------------ */

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "antri %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nSee 'antri --help' for the commands and their "
	    "arguments.\n");
	return EXIT_USAGE;
}

int
cli_fail(struct cli *c, const char *what, int err)
{
	const char *detail = "";

	if (queue_err_class(err) == Q_CLASS_SYSTEM && c->q)
		detail = queue_errdetail(c->q);
	if (err == Q_ENODB || err == Q_ENOTDB || err == Q_EREADONLY)
		fprintf(stderr, "antri: %s: %s: %s\n", what, c->db_path,
		    queue_strerror(err));
	else
		fprintf(stderr, "antri: %s: %s\n", what, queue_strerror(err));
	if (detail && *detail && strcmp(detail, "not an error") != 0)
		fprintf(stderr, "antri: (database said: %s)\n", detail);
	switch (queue_err_class(err)) {
	case Q_CLASS_OK: return EXIT_DONE;
	case Q_CLASS_REFUSED: return EXIT_REFUSED;
	case Q_CLASS_USAGE: return EXIT_USAGE;
	default: return EXIT_SYSTEM;
	}
}

int
cli_open(struct cli *c, int mode)
{
	int rc;

	if (mode == CLI_WRITE_IF_ALLOWED) {
		if (queue_open(&c->q, c->db_path, 0, c->actor) == Q_OK)
			return 0;
		mode = CLI_READ;
	}
	rc = queue_open(&c->q, c->db_path, mode == CLI_CREATE ?
	    Q_OPEN_CREATE : mode == CLI_READ ? Q_OPEN_READONLY : 0, c->actor);

	/* a reader of a database made by an older antri: migrate it when
	 * this user may write, else say why it cannot be read */
	if (rc == Q_EREADONLY && mode == CLI_READ &&
	    queue_open(&c->q, c->db_path, 0, c->actor) == Q_OK)
		return 0;
	if (rc) {
		c->q = NULL;
		return cli_fail(c, "cannot open the database", rc);
	}
	if (config_int(c->cfg, "database", "busy_ms", 0) > 0)
		queue_set_busy_timeout(c->q, (int)config_int(c->cfg,
		    "database", "busy_ms", 0));
	return 0;
}

const char *
cli_take_opt(int *argc, char **argv, const char *name, int *bad)
{
	size_t n = strlen(name);
	const char *v = NULL;

	for (int i = 1; i < *argc; i++) {
		int take = 0;

		if (!strcmp(argv[i], name)) {
			if (i + 1 >= *argc) {
				*bad = 1;
				take = 1;
			} else {
				v = argv[i + 1];
				take = 2;
			}
		} else if (!strncmp(argv[i], name, n) && argv[i][n] == '=') {
			v = argv[i] + n + 1;
			take = 1;
		}
		if (take) {
			memmove(&argv[i], &argv[i + take],
			    (size_t)(*argc - i - take + 1) * sizeof *argv);
			*argc -= take;
			i--;
		}
	}
	return v;
}

int
cli_take_flag(int *argc, char **argv, const char *name)
{
	int found = 0;

	for (int i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], name)) {
			memmove(&argv[i], &argv[i + 1],
			    (size_t)(*argc - i) * sizeof *argv);
			(*argc)--;
			i--;
			found = 1;
		}
	}
	return found;
}

long
cli_number(const char *s, long lo, long hi, int *ok)
{
	char *end;
	long v;

	*ok = 0;
	/* digits only: strtol alone takes " 3", "+3" and "\n3" */
	if (!s || !*s || strspn(s, "0123456789") != strlen(s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < lo || v > hi)
		return -1;
	*ok = 1;
	return v;
}

char
cli_code(const char *s)
{
	if (!s || !s[0] || s[1])
		return 0;
	if (s[0] >= 'a' && s[0] <= 'z')
		return (char)(s[0] - 'a' + 'A');
	return s[0] >= 'A' && s[0] <= 'Z' ? s[0] : 0;
}

int
cli_label(const char *s)
{
	char code;
	int seq;
	int64_t id;

	return q_label_parse(s, &code, &seq, &id) ? -1 : 0;
}

int
cli_text_ok(const char *cmd, const char *what, const char *s, size_t max)
{
	if (!text_valid(s)) {
		cli_usage(cmd, "%s: text in UTF-8 without control characters "
		    "(no newline, tab or escape)", what);
		return 0;
	}
	if (max && strlen(s) >= max) {
		cli_usage(cmd, "%s: at most %zu bytes", what, max - 1);
		return 0;
	}
	return 1;
}

int
cli_no_more_opts(const char *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(cmd, "unknown option '%s'", argv[i]);
	return 0;
}

int
cli_json_put(json_t *j)
{
	int rc;

	if (!j) {
		fprintf(stderr, "antri: out of memory\n");
		return EXIT_SYSTEM;
	}
	rc = json_dumpf(j, stdout, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(j);
	if (rc || putchar('\n') == EOF || fflush(stdout)) {
		fprintf(stderr, "antri: cannot write the output\n");
		return EXIT_SYSTEM;
	}
	return 0;
}

const char *
cli_clock(int64_t ms, char *buf, size_t len)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}

/* ---- ticket commands -------------------------------------------------- */

static int
cmd_issue(struct cli *c, int argc, char **argv)
{
	struct q_ticket t;
	const char *kiosk;
	char actor[Q_ACTOR_MAX], est[32];
	int bad = 0, rc;
	char code;

	kiosk = cli_take_opt(&argc, argv, "--kiosk", &bad);
	if (bad || (rc = cli_no_more_opts("issue", argc, argv)))
		return bad ? cli_usage("issue", "--kiosk needs a name") : rc;
	if (argc != 2 || !(code = cli_code(argv[1])))
		return cli_usage("issue", "give one service code letter, e.g. "
		    "'antri issue A'");
	if (kiosk && (!*kiosk || !text_valid(kiosk)))
		return cli_usage("issue", "--kiosk: a name of letters, digits "
		    "and signs, no control characters");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (kiosk) {
		snprintf(actor, sizeof actor, "kiosk:%s", kiosk);
		queue_set_actor(c->q, actor);
	}
	if ((rc = queue_issue(c->q, code, &t)))
		return cli_fail(c, "no ticket issued", rc);
	if (c->json)
		return cli_json_put(qjson_ticket(&t));
	printf("%s  %s\n", t.label, t.state == Q_ADMITTED ?
	    "please enter the room" :
	    "the room is full: wait outside, your number will be shown");
	if (t.state == Q_OUTSIDE)
		printf("people ahead: %d (%d at the door, %d inside for %c), "
		    "estimated wait: %s\n", t.people_ahead, t.ahead_outside,
		    t.ahead_inside, t.service,
		    i18n_wait(LANG_EN, t.est_wait_s, est, sizeof est));
	else
		printf("people ahead: %d, estimated wait: %s\n",
		    t.people_ahead,
		    i18n_wait(LANG_EN, t.est_wait_s, est, sizeof est));
	return 0;
}

/* Nobody to call: say whether people of this counter's services (open or
 * closed: both are served) wait outside for a place in the room. */
static int
say_nowait(struct cli *c, int counter, const char *finished)
{
	struct q_status *st = malloc(sizeof *st);
	char msg[160];
	int out = 0;

	if (st && queue_status(c->q, st) == Q_OK) {
		for (int i = 0; i < st->ncounters; i++) {
			if (st->counters[i].number != counter)
				continue;
			for (int k = 0; k < st->nservices; k++)
				if (strchr(st->counters[i].services,
				    st->services[k].code))
					out += st->services[k].outside;
		}
	}
	free(st);
	fprintf(stderr, "antri: counter %d: %s%s%s\n", counter,
	    finished ? finished : "", finished ? " done: " : "", out > 0 ?
	    i18n_nowait(LANG_EN, out, msg, sizeof msg) :
	    queue_strerror(Q_ENOWAIT));
	return EXIT_REFUSED;
}

/* next, recall, done, noshow and transfer share their shape. */
static int
counter_cmd(struct cli *c, int argc, char **argv,
            int (*fn)(queue *, int, struct q_ticket *), const char *verb)
{
	struct q_ticket t;
	const char *cs, *to = NULL;
	int bad = 0, ok, rc, counter;
	char code = 0, what[64];

	cs = cli_take_opt(&argc, argv, "--counter", &bad);
	if (!fn)
		to = cli_take_opt(&argc, argv, "--to", &bad);
	if (bad)
		return cli_usage(argv[0], "an option lacks its value");
	if ((rc = cli_no_more_opts(argv[0], argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage(argv[0], "unexpected '%s'", argv[1]);
	counter = (int)cli_number(cs, 1, 999, &ok);
	if (!ok)
		return cli_usage(argv[0], "give the counter: --counter N "
		    "(1-999)");
	if (!fn && !(code = cli_code(to)))
		return cli_usage(argv[0], "give the service to send the "
		    "ticket to: --to CODE");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	rc = fn ? fn(c->q, counter, &t) : queue_transfer(c->q, counter, code,
	    &t);
	if (rc == Q_ENOWAIT) {
		/* the ticket was finished all the same: say both */
		if (t.id && !c->json)
			printf("%s done at counter %d\n", t.label, counter);
		return say_nowait(c, counter, t.id ? t.label : NULL);
	}
	if (rc) {
		snprintf(what, sizeof what, "counter %d", counter);
		return cli_fail(c, what, rc);
	}
	if (c->json)
		return cli_json_put(qjson_ticket(&t));
	if (!fn) {
		printf("%s %s to service %c, waiting there\n", t.label, verb,
		    code);
	} else {
		printf("%s %s at counter %d\n", t.label, verb, counter);
	}
	return 0;
}

static int
cmd_next(struct cli *c, int argc, char **argv)
{
	return counter_cmd(c, argc, argv, queue_call_next, "called");
}

static int
cmd_recall(struct cli *c, int argc, char **argv)
{
	return counter_cmd(c, argc, argv, queue_recall, "recalled");
}

static int
cmd_done(struct cli *c, int argc, char **argv)
{
	return counter_cmd(c, argc, argv, queue_done, "done");
}

static int
cmd_noshow(struct cli *c, int argc, char **argv)
{
	return counter_cmd(c, argc, argv, queue_noshow, "marked no-show");
}

static int
cmd_transfer(struct cli *c, int argc, char **argv)
{
	return counter_cmd(c, argc, argv, NULL, "transferred");
}

static int
cmd_cancel(struct cli *c, int argc, char **argv)
{
	const char *reason;
	int bad = 0, rc;

	reason = cli_take_opt(&argc, argv, "--reason", &bad);
	if (bad)
		return cli_usage("cancel", "--reason needs a text");
	if ((rc = cli_no_more_opts("cancel", argc, argv)))
		return rc;
	if (argc != 2 || cli_label(argv[1]))
		return cli_usage("cancel", "give one ticket number, e.g. A007");
	if (reason && !cli_text_ok("cancel", "--reason", reason, 0))
		return EXIT_USAGE;
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_cancel(c->q, argv[1], reason)))
		return cli_fail(c, argv[1], rc);
	if (c->json)
		return cli_json_put(json_pack("{s:o}", "cancelled",
		    qjson_str(argv[1])));
	printf("%s cancelled\n", argv[1]);
	return 0;
}

static const struct cli_cmd ticket_cmds[] = {
	{ "issue", cmd_issue, "CODE [--kiosk NAME]",
	  "issue a ticket as the kiosk does (phone or drop-box cases)" },
	{ "next", cmd_next, "--counter N",
	  "finish the counter's ticket and call the next one" },
	{ "recall", cmd_recall, "--counter N", "announce the current ticket again" },
	{ "done", cmd_done, "--counter N", "mark the current ticket served" },
	{ "noshow", cmd_noshow, "--counter N",
	  "mark the current ticket as not come" },
	{ "transfer", cmd_transfer, "--counter N --to CODE",
	  "send the current ticket to another service's queue" },
	{ "cancel", cmd_cancel, "TICKET [--reason TEXT]",
	  "cancel a waiting ticket (the visitor left)" },
	{ NULL, NULL, NULL, NULL },
};

static const struct cli_cmd *const groups[] = {
	ticket_cmds, cli_admin_cmds, cli_report_cmds, cli_print_cmds,
	cli_user_cmds,
	cli_audit_cmds,
	cli_backup_cmds,
	cli_sync_cmds,
	cli_notify_cmds,
	cli_remote_cmds,
};

static void
help(FILE *f)
{
	fprintf(f, "usage: antri [--db FILE] [--config FILE] [--json] COMMAND "
	    "[ARGS]\n\nQueue tickets for a walk-in office.  Commands:\n");
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
		for (const struct cli_cmd *k = groups[g]; k->name; k++)
			fprintf(f, "  %-10s %-28s %s\n", k->name, k->usage,
			    k->help);
	fprintf(f, "\nThe database is --db, else $ANTRI_DB, else [database] "
	    "path in the config\n(--config, else $ANTRI_CONFIG, else "
	    "/etc/antri/antri.conf), else ./antri.db.\n"
	    "Exit status: 0 done, 1 refused by the rules, 2 bad usage, "
	    "3 database or system error.\n");
}

/* The actor of the events: the real user of the process, from its uid,
 * never from $USER, which anyone can set to anyone. */
static void
set_actor(struct cli *c)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(c->actor, sizeof c->actor, "cli:%s", pw->pw_name);
	else
		snprintf(c->actor, sizeof c->actor, "cli:uid%ld",
		    (long)getuid());
}

static int
run(int argc, char **argv, char **given)
{
	struct cli c;
	const char *dbarg;
	char err[512];
	int bad = 0, rc;

	memset(&c, 0, sizeof c);
	setvbuf(stdout, NULL, _IOLBF, 0);
	c.argv = given;
	if (cli_take_flag(&argc, argv, "--version")) {
		printf("antri %s\n", ANTRI_VERSION);
		return 0;
	}
	if (cli_take_flag(&argc, argv, "--help") ||
	    cli_take_flag(&argc, argv, "-h") ||
	    (argc > 1 && !strcmp(argv[1], "help"))) {
		help(stdout);
		return 0;
	}
	dbarg = cli_take_opt(&argc, argv, "--db", &bad);
	c.config_arg = cli_take_opt(&argc, argv, "--config", &bad);
	c.json = cli_take_flag(&argc, argv, "--json");
	if (bad) {
		fprintf(stderr, "antri: --db and --config need a file name\n");
		help(stderr);
		return EXIT_USAGE;
	}
	if (argc < 2) {
		help(stderr);
		return EXIT_USAGE;
	}
	if (config_load(&c.cfg, c.config_arg, err, sizeof err)) {
		fprintf(stderr, "antri: %s\n", err);
		return EXIT_USAGE;
	}
	c.db_path = config_db_path(c.cfg, dbarg);
	set_actor(&c);
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		for (const struct cli_cmd *k = groups[g]; k->name; k++) {
			if (strcmp(k->name, argv[1]))
				continue;
			rc = k->fn(&c, argc - 1, argv + 1);
			queue_close(c.q);
			config_free(c.cfg);
			return rc;
		}
	}
	fprintf(stderr, "antri: unknown command '%s'\n\n", argv[1]);
	help(stderr);
	config_free(c.cfg);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	/* the command line as given, for antri-print: run() takes the
	 * options out of argv */
	char **given = calloc((size_t)argc + 1, sizeof *given);
	int rc;

	if (!given) {
		fprintf(stderr, "antri: out of memory\n");
		return EXIT_SYSTEM;
	}
	memcpy(given, argv, (size_t)argc * sizeof *argv);
	rc = run(argc, argv, given);
	free(given);
	return rc;
}
