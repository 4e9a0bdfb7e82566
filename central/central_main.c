/* central_main.c - antri-central, the head office's program.  Start here;
 * docs/central.md says what the head office holds and why.
 *
 *   antri-central [--pg CONNINFO | --config FILE] init
 *   antri-central ... office add ID "NAME" [--area AREA] [--passfile FILE]
 *   antri-central ... check [--office ID]
 *   antri-central ... flags clear ID
 *   antri-central ... remote OFFICE SERVICE [--phone P] (central_book.c)
 *   antri-central ... book OFFICE SERVICE SLOT [--name N] [--phone P]
 *   antri-central ... slots OFFICE SERVICE --length ... --to HH:MM
 *   antri-central ... report --from DAY --to DAY [--office ID | --area NAME]
 *                     [--by office|area] [--json | --csv | --pdf FILE]
 *                     [--no-rollup]
 *   antri-central ... rollup [--from DAY] [--to DAY]
 *   antri-central ... user add NAME --role viewer|admin   (password: stdin)
 *   antri-central --pg CONNINFO --listen HOST:PORT        (the web server)
 *
 * The connection is --pg, else [central] pg of --config (else
 * /etc/antri/antri.conf): a libpq connection string whose role may create
 * tables and roles (init, office add) or read every outlet's rows
 * (check).  Every PG* variable is removed from the environment first.
 * One table of commands (cmds[]); the web server (no command, a listen
 * address from --listen or [central] listen) is serve() below, its
 * parts in central_http.c, central_api.c, central_live.c.
 * Exit: 0 done, 1 refused or a check found a problem, 2 bad usage,
 * 3 the central unreachable or failing.
 */
#define _POSIX_C_SOURCE 200809L
#include "central.h"
#include "central_api.h"
#include "central_http.h"
#include "central_report.h"
#include "chain.h"
#include "config.h"
#include "i18n.h"
#include "queue.h"
#include "util.h"

#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <termios.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#ifndef ANTRI_VERSION
#define ANTRI_VERSION "?"
#endif

struct cmd {
	const char *name;
	int (*fn)(struct central *ce, int argc, char **argv);
	const char *usage;
	const char *help;
};

int
central_usage(const char *cmd, const char *what)
{
	fprintf(stderr, "antri-central %s: %s\n", cmd, what);
	return EX_USAGE;
}

/* the cdb code as an exit status, with the reason */
int
central_fail(struct central *ce, const char *what, int rc)
{
	fprintf(stderr, "antri-central: %s: %s\n", what, cdb_error(ce->c));
	return rc == CDB_EDOWN || rc == CDB_ESQL || rc == CDB_ESCHEMA ?
	    EX_SYSTEM : EX_REFUSED;
}

int
central_connect(struct central *ce)
{
	char err[512];

	if (cdb_connect(&ce->c, ce->conninfo, 10, err, sizeof err)) {
		fprintf(stderr, "antri-central: the central is unreachable: "
		    "%s\n", err);
		return EX_SYSTEM;
	}
	return EX_DONE;
}

/* "--name VALUE" out of argv; NULL when absent, *bad when no value */
const char *
central_take_opt(int *argc, char **argv, const char *name, int *bad)
{
	size_t n = strlen(name);

	for (int i = 1; i < *argc; i++) {
		const char *v = NULL;
		int take = 1;

		if (!strcmp(argv[i], name)) {
			if (i + 1 >= *argc) {
				*bad = 1;
				return NULL;
			}
			v = argv[i + 1];
			take = 2;
		} else if (!strncmp(argv[i], name, n) && argv[i][n] == '=') {
			v = argv[i] + n + 1;
		} else {
			continue;
		}
		memmove(argv + i, argv + i + take,
		    (size_t)(*argc - i - take + 1) * sizeof *argv);
		*argc -= take;
		return v;
	}
	return NULL;
}

static int
cmd_init(struct central *ce, int argc, char **argv)
{
	int rc, from;

	(void)argv;
	if (argc != 1)
		return central_usage("init", "takes no arguments");
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = cdb_init(ce->c, &from)))
		return central_fail(ce, "init", rc);
	if (from == CDB_SCHEMA_VERSION)
		printf("the central's schema is current (version %d)\n", from);
	else if (from == 0)
		printf("the central's schema was created (version %d)\n",
		    CDB_SCHEMA_VERSION);
	else
		printf("the central's schema went from version %d to %d\n",
		    from, CDB_SCHEMA_VERSION);
	return EX_DONE;
}

/* A fresh password as a libpq passfile line in file (made here, 0600,
 * never over an existing file). */
static int
write_passfile(const char *file, const char *role, char *pw, size_t len)
{
	unsigned char raw[24];
	static const char hex[] = "0123456789abcdef";
	char line[256];
	int fd, n;

	if (len < 2 * sizeof raw + 1 || getrandom(raw, sizeof raw, 0) !=
	    (ssize_t)sizeof raw)
		return -1;
	for (size_t i = 0; i < sizeof raw; i++) {
		pw[2 * i] = hex[raw[i] >> 4];
		pw[2 * i + 1] = hex[raw[i] & 15];
	}
	pw[2 * sizeof raw] = 0;
	n = snprintf(line, sizeof line, "*:*:*:%s:%s\n", role, pw);
	if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600))
	    < 0) {
		fprintf(stderr, "antri-central: %s: %s\n", file,
		    strerror(errno));
		return -1;
	}
	if (write(fd, line, (size_t)n) != n || close(fd)) {
		fprintf(stderr, "antri-central: %s: %s\n", file,
		    strerror(errno));
		unlink(file);
		return -1;
	}
	return 0;
}

static int
cmd_office(struct central *ce, int argc, char **argv)
{
	const char *area, *passfile;
	char role[80], pw[64], want[80];
	int bad = 0, rc;

	area = central_take_opt(&argc, argv, "--area", &bad);
	passfile = central_take_opt(&argc, argv, "--passfile", &bad);
	if (bad)
		return central_usage("office", "--area and --passfile need a value");
	if (argc != 4 || strcmp(argv[1], "add"))
		return central_usage("office", "usage: office add ID \"NAME\" "
		    "[--area AREA] [--passfile FILE]");
	for (int i = 2; i < argc; i++)
		if (argv[i][0] == '-')
			return central_usage("office", "unknown option");
	snprintf(want, sizeof want, "antri_%s", argv[2]);
	if (passfile && write_passfile(passfile, want, pw, sizeof pw))
		return EX_SYSTEM;
	if ((rc = central_connect(ce))) {
		if (passfile)
			unlink(passfile);
		return rc;
	}
	rc = cdb_office_add(ce->c, argv[2], argv[3], area, passfile ? pw :
	    NULL, role, sizeof role);
	memset(pw, 0, sizeof pw);
	if (rc) {
		if (passfile)
			unlink(passfile);
		if (rc == CDB_EEXIST)
			fprintf(stderr, "antri-central: office %s is "
			    "registered already\n", argv[2]);
		else if (rc == CDB_EINVAL)
			fprintf(stderr, "antri-central: an office's id is 1 to "
			    "40 characters a-z, 0-9 and '-' (e.g. jkt-menteng) "
			    "and its name is not empty: %s\n", cdb_error(ce->c));
		else
			return central_fail(ce, "office add", rc);
		return rc == CDB_EEXIST ? EX_REFUSED : EX_USAGE;
	}
	printf("office %s registered; its role is %s%s%s\n", argv[2], role,
	    passfile ? ", its password is in " : "", passfile ? passfile : "");
	return EX_DONE;
}

struct walk {
	struct chain chain;
	char msg[512];
	int bad;
};

static int
on_event(const struct q_event_rec *e, void *ctx)
{
	struct walk *w = ctx;
	int rc = chain_step(&w->chain, e, w->msg, sizeof w->msg);

	if (rc == Q_OK)
		return 0;
	w->bad = 1;
	return 1;
}

struct checks {
	struct central *ce;
	const char *only;
	int problems, offices;
	int rc;
};

static int
check_one(const char *office, void *ctx)
{
	struct checks *k = ctx;
	struct walk w;
	struct cdb_tip t;
	int rc;

	if (k->only && strcmp(k->only, office))
		return 0;
	k->offices++;
	memset(&w, 0, sizeof w);
	chain_init(&w.chain);
	rc = cdb_events_walk(k->ce->c, office, on_event, &w);
	if (rc < 0) {
		k->rc = central_fail(k->ce, office, rc);
		return 1;
	}
	if (!w.bad && chain_end(&w.chain, w.msg, sizeof w.msg))
		w.bad = 1;
	if (w.bad) {
		printf("%s: %s\n", office, w.msg);
		k->problems++;
	} else {
		printf("%s: ok, %lld events, ids without a gap, every hash "
		    "recomputed, audit chain whole\n", office,
		    (long long)w.chain.seen);
	}
	if ((rc = cdb_tip(k->ce->c, office, &t))) {
		k->rc = central_fail(k->ce, office, rc);
		return 1;
	}
	if (t.flags) {
		printf("%s: FLAGGED (%d): %s\n", office, t.flags, t.flag);
		k->problems++;
	}
	return 0;
}

static int
cmd_check(struct central *ce, int argc, char **argv)
{
	struct checks k;
	int bad = 0, rc;

	memset(&k, 0, sizeof k);
	k.ce = ce;
	k.only = central_take_opt(&argc, argv, "--office", &bad);
	if (bad || argc != 1)
		return central_usage("check", "usage: check [--office ID]");
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = cdb_offices(ce->c, check_one, &k)) < 0)
		return central_fail(ce, "check", rc);
	if (k.rc)
		return k.rc;
	if (k.only && !k.offices) {
		fprintf(stderr, "antri-central: no office %s\n", k.only);
		return EX_USAGE;
	}
	return k.problems ? EX_REFUSED : EX_DONE;
}

static int
cmd_flags(struct central *ce, int argc, char **argv)
{
	int rc, n;

	if (argc != 3 || strcmp(argv[1], "clear"))
		return central_usage("flags", "usage: flags clear ID");
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = cdb_flags_clear(ce->c, argv[2], &n)))
		return central_fail(ce, "flags clear", rc);
	printf("%d flag%s of %s cleared\n", n, n == 1 ? "" : "s", argv[2]);
	return EX_DONE;
}

static int
cmd_report(struct central *ce, int argc, char **argv)
{
	return central_report(&ce->c, ce->conninfo, argc, argv);
}

static int
rollup_said(const char *day, int made, void *ctx)
{
	int *n = ctx;

	n[!!made]++;
	if (made)
		printf("%s summed\n", day);
	return 0;
}

/* the closed days' rollups made where missing or changed since: what a
 * report of all outlets reads (cdb_rollup; the timer runs it nightly) */
static int
cmd_rollup(struct central *ce, int argc, char **argv)
{
	const char *from, *to;
	char err[512];
	int bad = 0, rc, n[2] = { 0, 0 };

	from = central_take_opt(&argc, argv, "--from", &bad);
	to = central_take_opt(&argc, argv, "--to", &bad);
	if (bad || argc != 1)
		return central_usage("rollup", "usage: rollup [--from "
		    "YYYY-MM-DD] [--to YYYY-MM-DD]");
	if ((from && !report_valid_day(from)) || (to && !report_valid_day(to)))
		return central_usage("rollup", "a day is written YYYY-MM-DD, "
		    "e.g. 2026-11-02");
	/* a day of all outlets is read whole in one statement */
	if (cdb_connect(&ce->c, ce->conninfo, 60, err, sizeof err)) {
		fprintf(stderr, "antri-central: the central is unreachable: "
		    "%s\n", err);
		return EX_SYSTEM;
	}
	if ((rc = cdb_rollup(ce->c, from, to, rollup_said, n)))
		return central_fail(ce, "rollup", rc);
	printf("%d closed day%s summed, %d held\n", n[1], n[1] == 1 ? "" :
	    "s", n[0]);
	return EX_DONE;
}

/* A password from the terminal (twice, not shown) or one line of stdin;
 * never from argv. */
static int
read_password(char *pw, size_t len)
{
	struct termios old, quiet;
	char again[256];
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		fprintf(stderr, "password: ");
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		if (!fgets(pw, (int)len, stdin))
			pw[0] = 0;
		fprintf(stderr, "\nagain: ");
		if (!fgets(again, sizeof again, stdin))
			again[0] = 0;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
		if (strcmp(pw, again)) {
			fprintf(stderr, "antri-central: the two passwords "
			    "differ\n");
			return -1;
		}
		memset(again, 0, sizeof again);
	} else if (!fgets(pw, (int)len, stdin)) {
		pw[0] = 0;
	}
	n = strcspn(pw, "\r\n");
	pw[n] = 0;
	if (n < 8) {
		fprintf(stderr, "antri-central: a password has at least 8 "
		    "characters (given on stdin, never as an argument)\n");
		return -1;
	}
	return 0;
}

static int
cmd_user(struct central *ce, int argc, char **argv)
{
	const char *role;
	char pw[256], hash[256];
	int bad = 0, rc;

	role = central_take_opt(&argc, argv, "--role", &bad);
	if (bad || argc != 3 || strcmp(argv[1], "add") || !role ||
	    (strcmp(role, "viewer") && strcmp(role, "admin")))
		return central_usage("user", "usage: user add NAME --role "
		    "viewer|admin (the password on stdin)");
	if (argv[2][0] == '-')
		return central_usage("user", "unknown option");
	if (read_password(pw, sizeof pw))
		return EX_USAGE;
	rc = queue_secret_hash(pw, hash, sizeof hash);
	memset(pw, 0, sizeof pw);
	if (rc) {
		fprintf(stderr, "antri-central: cannot hash the password\n");
		return EX_SYSTEM;
	}
	if ((rc = central_connect(ce)))
		return rc;
	if ((rc = cdb_user_add(ce->c, argv[2], role, hash))) {
		if (rc == CDB_EEXIST) {
			fprintf(stderr, "antri-central: account %s exists "
			    "already\n", argv[2]);
			return EX_REFUSED;
		}
		if (rc == CDB_EINVAL) {
			fprintf(stderr, "antri-central: an account's name is 1 "
			    "to 32 characters a-z, 0-9, '.', '_' and '-'\n");
			return EX_USAGE;
		}
		return central_fail(ce, "user add", rc);
	}
	cdb_log(ce->c, "cli", "user add", argv[2]);
	printf("account %s added (%s)\n", argv[2], role);
	return EX_DONE;
}

/* "HOST:PORT", "[V6]:PORT" or ":PORT" into host and port; -1 bad */
static int
parse_listen(const char *s, char *host, size_t hlen, int *port)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long p;

	if (!colon || colon - s >= (long)hlen)
		return -1;
	if (s[0] == '[') {
		if (colon < s + 2 || colon[-1] != ']')
			return -1;
		snprintf(host, hlen, "%.*s", (int)(colon - s - 2), s + 1);
	} else {
		snprintf(host, hlen, "%.*s", (int)(colon - s), s);
	}
	p = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || p < 0 || p > 65535)
		return -1;
	*port = (int)p;
	return 0;
}

/* The web server until SIGTERM or SIGINT. */
static int
serve(struct central *ce, const char *listen)
{
	char host[256], www[PATH_MAX], err[512];
	struct ch_opts ho;
	struct ca_opts ao;
	struct rlimit rl;
	sigset_t sigs;
	int port, sig, rc, line;

	if (parse_listen(listen, host, sizeof host, &port)) {
		line = ce->cfg ? config_line(ce->cfg, "central", "listen") : 0;
		if (line > 0)
			fprintf(stderr, "antri-central: %s:%d: [central] listen "
			    "is HOST:PORT, e.g. 127.0.0.1:8090\n",
			    config_path(ce->cfg), line);
		else
			fprintf(stderr, "antri-central: --listen is HOST:PORT, "
			    "e.g. 127.0.0.1:8090\n");
		return EX_USAGE;
	}
	memset(&ao, 0, sizeof ao);
	ao.lang = i18n_parse(config_str(ce->cfg, "central", "language", "id"));
	ao.long_wait_s = (int)config_int(ce->cfg, "central", "long_wait_min",
	    60) * 60;
	ao.idle_s = 8 * 3600;
	ao.max_s = 12 * 3600;
	ao.lock_s = 300;
	/* the pages: the tree's central/www for a program run from its build
	 * folder, else the installed one */
	util_tree_path("central/www", "central/www", www, sizeof www);
	memset(&ho, 0, sizeof ho);
	ho.conninfo = ce->conninfo;
	ho.host = host;
	ho.port = port;
	ho.www = www;
	ho.max_streams = (int)config_int(ce->cfg, "central", "max_streams",
	    10000);
	/* a socket per stream: as many as the hard limit allows */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	ca_init(&ao);
	if (ch_start(&ho, &port, err, sizeof err)) {
		fprintf(stderr, "antri-central: %s\n", err);
		return EX_SYSTEM;
	}
	printf("antri-central: serving http://%s%s%s:%d/outlets (pages: %s)\n",
	    strchr(host, ':') ? "[" : "", host[0] ? host : "0.0.0.0",
	    strchr(host, ':') ? "]" : "", port, www);
	rc = sigwait(&sigs, &sig);
	printf("antri-central: %s, stopping\n", rc ? "sigwait failed" :
	    strsignal(sig));
	ch_stop();
	return EX_DONE;
}

static const struct cmd cmds[] = {
	{ "init", cmd_init, "", "create or upgrade the central's schema" },
	{ "office", cmd_office, "add ID \"NAME\" [--area AREA] "
	  "[--passfile FILE]", "register an outlet and its database role" },
	{ "check", cmd_check, "[--office ID]",
	  "verify each outlet's chain as received, and its flags" },
	{ "flags", cmd_flags, "clear ID",
	  "clear an outlet's flags, once looked into" },
	{ "remote", central_cmd_remote, "OFFICE SERVICE "
	  "[--phone P [--lang id|en]] [--wait MS] [--json]",
	  "ask an outlet for a remote ticket of its today" },
	{ "book", central_cmd_book, "OFFICE SERVICE 'YYYY-MM-DD HH:MM' "
	  "[--name N] [--phone P [--lang id|en]] [--wait MS] [--json]",
	  "book an outlet's slot" },
	{ "slots", central_cmd_slots, "OFFICE SERVICE --length MIN "
	  "--per-slot N --days N --from HH:MM --to HH:MM",
	  "set a service's slots at an outlet" },
	{ "report", cmd_report, "--from DAY --to DAY [--office ID | --area "
	  "NAME] [--by office|area] [--json | --csv | --pdf FILE] "
	  "[--no-rollup]",
	  "the figures of antri report across outlets" },
	{ "rollup", cmd_rollup, "[--from DAY] [--to DAY]",
	  "sum the closed days across outlets for the reports" },
	{ "notify", central_cmd_notify, "",
	  "the reminders of central bookings: counts and dead ones" },
	{ "user", cmd_user, "add NAME --role viewer|admin",
	  "a head-office account for /hq (password on stdin)" },
	{ NULL, NULL, NULL, NULL },
};

static void
help(FILE *f)
{
	fprintf(f, "usage: antri-central [--pg CONNINFO | --config FILE] "
	    "COMMAND [ARGS]\n       antri-central [--pg CONNINFO | --config "
	    "FILE] [--listen HOST:PORT]\n\nThe head office's copy of every "
	    "outlet's queue, and its web server (/outlets, /hq) when started "
	    "without a command.  Commands:\n");
	for (const struct cmd *k = cmds; k->name; k++)
		fprintf(f, "  %-7s %-45s %s\n", k->name, k->usage, k->help);
	fprintf(f, "  %-7s %-45s %s\n", "routes", "", "the web server's route "
	    "table (no database)");
	fprintf(f, "\nExit status: 0 done, 1 refused or a problem found, "
	    "2 bad usage, 3 the central unreachable.\n");
}

int
main(int argc, char **argv)
{
	struct central ce;
	const char *pg, *cfgarg, *listen;
	config *cfg = NULL;
	char err[512];
	int bad = 0, rc = EX_USAGE;

	cdb_clear_env();
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&ce, 0, sizeof ce);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")
	    || !strcmp(argv[1], "help"))) {
		help(stdout);
		return EX_DONE;
	}
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("antri-central %s\n", ANTRI_VERSION);
		return EX_DONE;
	}
	if (argc > 1 && !strcmp(argv[1], "routes")) {
		ca_routes(stdout);
		return EX_DONE;
	}
	pg = central_take_opt(&argc, argv, "--pg", &bad);
	cfgarg = central_take_opt(&argc, argv, "--config", &bad);
	listen = central_take_opt(&argc, argv, "--listen", &bad);
	if (bad) {
		fprintf(stderr, "antri-central: --pg, --config and --listen "
		    "need a value\n");
		return EX_USAGE;
	}
	if (argc < 2 && !listen && !pg && !cfgarg) {
		help(stderr);
		return EX_USAGE;
	}
	if (pg && config_check("central", "pg", pg, err, sizeof err)) {
		fprintf(stderr, "antri-central: --pg: %s\n", err);
		return EX_USAGE;
	}
	if (!pg || (cfgarg && argc < 2)) {
		if (config_load(&cfg, cfgarg, err, sizeof err)) {
			fprintf(stderr, "antri-central: %s\n", err);
			return EX_USAGE;
		}
		if (!pg)
			pg = config_str(cfg, "central", "pg", NULL);
		if (!pg) {
			fprintf(stderr, "antri-central: give --pg CONNINFO or "
			    "[central] pg in the config\n");
			config_free(cfg);
			return EX_USAGE;
		}
	}
	ce.conninfo = pg;
	ce.cfg = cfg;
	if (argc < 2) {
		if (!listen)
			listen = config_str(cfg, "central", "listen", NULL);
		if (!listen) {
			fprintf(stderr, "antri-central: give a command, or "
			    "--listen HOST:PORT (or [central] listen) for the "
			    "web server\n");
			config_free(cfg);
			return EX_USAGE;
		}
		rc = serve(&ce, listen);
		config_free(cfg);
		return rc;
	}
	if (listen) {
		fprintf(stderr, "antri-central: --listen is for the web server "
		    "(no command)\n");
		config_free(cfg);
		return EX_USAGE;
	}
	for (const struct cmd *k = cmds; k->name; k++) {
		if (strcmp(k->name, argv[1]))
			continue;
		rc = k->fn(&ce, argc - 1, argv + 1);
		cdb_close(ce.c);
		config_free(cfg);
		return rc;
	}
	fprintf(stderr, "antri-central: unknown command '%s'\n\n", argv[1]);
	help(stderr);
	config_free(cfg);
	return EX_USAGE;
}
