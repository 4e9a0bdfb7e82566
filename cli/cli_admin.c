/* cli_admin.c - the manager's commands: init, service, counter, limit,
 * policy, notice, office, pin, close-day.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int
cmd_init(struct cli *c, int argc, char **argv)
{
	struct q_status st;
	int demo, rc;

	demo = cli_take_flag(&argc, argv, "--demo");
	if ((rc = cli_no_more_opts("init", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("init", "unexpected '%s'", argv[1]);
	if ((rc = cli_open(c, CLI_CREATE)))
		return rc;
	if (!demo) {
		printf("database ready: %s\n", c->db_path);
		return 0;
	}
	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "cannot read the database", rc);
	if (st.nservices > 0) {
		fprintf(stderr, "antri: %s already has services; the demo office "
		    "goes into a new database (antri --db FILE init --demo)\n",
		    c->db_path);
		return EXIT_REFUSED;
	}
	if ((rc = queue_init_demo(c->q)))
		return cli_fail(c, "cannot create the demo office", rc);
	printf("demo office created in %s: services A B C D P, counters 1-4, "
	    "limit 10\n", c->db_path);
	return 0;
}

/* ---- services --------------------------------------------------------- */

static int
service_list(struct cli *c)
{
	struct q_status st;
	int rc;

	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "cannot read the services", rc);
	if (c->json) {
		json_t *a = json_array();

		for (int i = 0; a && i < st.nservices; i++) {
			struct q_service *s = &st.services[i];
			char code[2] = { s->code, 0 };

			if (json_array_append_new(a, json_pack("{s:s,s:o,s:o,"
			    "s:b,s:i,s:b,s:i}", "code", code, "name_id",
			    qjson_str(s->name_id), "name_en", qjson_str(s->name_en),
			    "open", s->open, "quota", s->quota, "priority",
			    s->priority, "issued_today", s->issued_today))) {
				json_decref(a);
				a = NULL;
			}
		}
		return cli_json_put(a);
	}
	printf("CODE  OPEN    QUOTA  ISSUED  NAME\n");
	for (int i = 0; i < st.nservices; i++) {
		struct q_service *s = &st.services[i];
		char quota[16];

		snprintf(quota, sizeof quota, "%d", s->quota);
		printf("%c     %-6s  %5s  %6d  %s / %s%s\n", s->code,
		    s->open ? "open" : "closed", s->quota ? quota : "-",
		    s->issued_today, s->name_id, s->name_en,
		    s->priority ? "  (priority)" : "");
	}
	return 0;
}

/* A closed service takes no new tickets; say that those it gave out are
 * still called, and how many. */
static int
said_closed(struct cli *c, char code)
{
	struct q_status *st = malloc(sizeof *st);
	int in = 0, out = 0;

	if (st && queue_status(c->q, st) == Q_OK)
		for (int i = 0; i < st->nservices; i++)
			if (st->services[i].code == code) {
				in = st->services[i].waiting;
				out = st->services[i].outside;
			}
	free(st);
	printf("service %c closed: no new tickets; the %d waiting (%d inside, "
	    "%d outside) are still called\n", code, in + out, in, out);
	return 0;
}

static int
cmd_service(struct cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	int prio, rc, ok;
	long quota;
	char code;

	prio = cli_take_flag(&argc, argv, "--priority");
	if ((rc = cli_no_more_opts("service", argc, argv)))
		return rc;
	if (!strcmp(sub, "list")) {
		if (argc != 2)
			return cli_usage("service", "list takes no argument");
		return (rc = cli_open(c, CLI_READ)) ? rc : service_list(c);
	}
	if (argc < 3 || !(code = cli_code(argv[2])))
		return cli_usage("service", "use: service add|rename|open|close|quota "
		    "CODE ... (CODE is one letter A-Z)");
	if (!strcmp(sub, "add") || !strcmp(sub, "rename")) {
		if (argc < 4 || argc > 5)
			return cli_usage("service", "use: service %s CODE "
			    "\"Indonesian name\" [\"English name\"]%s", sub,
			    *sub == 'a' ? " [--priority]" : "");
		if (!cli_text_ok("service", "the name", argv[3], Q_NAME_MAX) ||
		    (argc == 5 && !cli_text_ok("service", "the English name",
		    argv[4], Q_NAME_MAX)))
			return EXIT_USAGE;
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		rc = *sub == 'a' ? queue_service_add(c->q, code, argv[3],
		    argc == 5 ? argv[4] : NULL, prio) :
		    queue_service_rename(c->q, code, argv[3], argc == 5 ?
		    argv[4] : NULL);
	} else if (!strcmp(sub, "open") || !strcmp(sub, "close")) {
		if (argc != 3)
			return cli_usage("service", "use: service %s CODE", sub);
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		rc = queue_service_set_open(c->q, code, !strcmp(sub, "open"));
	} else if (!strcmp(sub, "quota")) {
		quota = argc == 4 ? cli_number(argv[3], 0, 9999, &ok) : 0;
		if (argc != 4 || !ok)
			return cli_usage("service", "use: service quota CODE N "
			    "(0-9999, 0 = no quota)");
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		rc = queue_service_set_quota(c->q, code, (int)quota);
	} else {
		return cli_usage("service", "unknown subcommand '%s'", sub);
	}
	if (rc)
		return cli_fail(c, sub, rc);
	if (!strcmp(sub, "close"))
		return said_closed(c, code);
	printf("service %c: %s done\n", code, sub);
	return 0;
}

/* ---- counters --------------------------------------------------------- */

static int
counter_list(struct cli *c)
{
	struct q_status st;
	int rc;

	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "cannot read the counters", rc);
	if (c->json) {
		json_t *a = json_array();

		for (int i = 0; a && i < st.ncounters; i++) {
			struct q_counter *k = &st.counters[i];

			if (json_array_append_new(a, json_pack("{s:i,s:s,s:s,"
			    "s:o}", "number", k->number, "state",
			    q_cstate_name(k->state), "services", k->services,
			    "current", qjson_str(k->has_current ?
			    k->current.label : "")))) {
				json_decref(a);
				a = NULL;
			}
		}
		return cli_json_put(a);
	}
	printf("COUNTER  STATE   SERVES  CURRENT\n");
	for (int i = 0; i < st.ncounters; i++) {
		struct q_counter *k = &st.counters[i];

		printf("%7d  %-6s  %-6s  %s\n", k->number,
		    q_cstate_name(k->state), k->services,
		    k->has_current ? k->current.label : "-");
	}
	return 0;
}

static int
valid_codes(char *s)
{
	for (char *p = s; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
		if (*p < 'A' || *p > 'Z')
			return 0;
	}
	return *s != 0;
}

static int
cmd_counter(struct cli *c, int argc, char **argv)
{
	static const struct { const char *name; enum q_cstate st; } states[] = {
		{ "open", Q_COUNTER_OPEN }, { "pause", Q_COUNTER_PAUSED },
		{ "close", Q_COUNTER_CLOSED },
	};
	const char *sub = argc > 1 ? argv[1] : "";
	long n;
	int rc, ok;

	if ((rc = cli_no_more_opts("counter", argc, argv)))
		return rc;
	if (!strcmp(sub, "list")) {
		if (argc != 2)
			return cli_usage("counter", "list takes no argument");
		return (rc = cli_open(c, CLI_READ)) ? rc : counter_list(c);
	}
	n = argc >= 3 ? cli_number(argv[2], 1, 999, &ok) : (ok = 0);
	if (!ok)
		return cli_usage("counter", "use: counter add|services|open|"
		    "pause|close N ... (N is 1-999)");
	if (!strcmp(sub, "add") || !strcmp(sub, "services")) {
		if (argc != 4 || !valid_codes(argv[3]))
			return cli_usage("counter", "use: counter %s N CODES "
			    "(the service letters it serves, e.g. ABP)", sub);
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		rc = !strcmp(sub, "add") ?
		    queue_counter_add(c->q, (int)n, argv[3]) :
		    queue_counter_set_services(c->q, (int)n, argv[3]);
	} else {
		size_t i;

		for (i = 0; i < 3; i++)
			if (!strcmp(sub, states[i].name))
				break;
		if (i == 3)
			return cli_usage("counter", "unknown subcommand '%s'", sub);
		if (argc != 3)
			return cli_usage("counter", "use: counter %s N", sub);
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		rc = queue_counter_set_state(c->q, (int)n, states[i].st);
	}
	if (rc)
		return cli_fail(c, sub, rc);
	printf("counter %ld: %s done\n", n, sub);
	return 0;
}

/* ---- room ------------------------------------------------------------- */

static int
cmd_limit(struct cli *c, int argc, char **argv)
{
	struct q_status st;
	long n = 0;
	int rc, ok = 1;

	if ((rc = cli_no_more_opts("limit", argc, argv)))
		return rc;
	if (argc > 2 || (argc == 2 && (n = cli_number(argv[1], 0, 100000,
	    &ok), !ok)))
		return cli_usage("limit", "use: limit [N] (0-100000, 0 = no "
		    "limit)");
	if ((rc = cli_open(c, argc == 2 ? CLI_WRITE : CLI_READ)))
		return rc;
	if (argc == 2 && (rc = queue_set_limit(c->q, (int)n)))
		return cli_fail(c, "limit", rc);
	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "limit", rc);
	if (c->json)
		return cli_json_put(json_pack("{s:i,s:i,s:i}", "limit",
		    st.limit, "occupancy", st.occupancy, "outside", st.outside));
	if (st.limit)
		printf("limit %d, inside %d, waiting outside %d\n", st.limit,
		    st.occupancy, st.outside);
	else
		printf("no limit, inside %d\n", st.occupancy);
	return 0;
}

static int
cmd_policy(struct cli *c, int argc, char **argv)
{
	struct q_status st;
	int rc, p = 0;

	if ((rc = cli_no_more_opts("policy", argc, argv)))
		return rc;
	if (argc > 2 || (argc == 2 && (p = q_policy_parse(argv[1])) < 0))
		return cli_usage("policy", "use: policy [hold|refuse] (hold: "
		    "tickets say wait outside; refuse: no ticket when full)");
	if ((rc = cli_open(c, argc == 2 ? CLI_WRITE : CLI_READ)))
		return rc;
	if (argc == 2 && (rc = queue_set_policy(c->q, (enum q_policy)p)))
		return cli_fail(c, "policy", rc);
	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, "policy", rc);
	if (c->json)
		return cli_json_put(json_pack("{s:s}", "policy",
		    q_policy_name(st.policy)));
	printf("policy %s\n", q_policy_name(st.policy));
	return 0;
}

/* notice and office: show, or set to the one argument */
static int
text_cmd(struct cli *c, int argc, char **argv, int (*set)(queue *,
         const char *), int notice)
{
	struct q_status st;
	int rc;

	if (argc > 2)
		return cli_usage(argv[0], "give the text as one quoted "
		    "argument");
	if (argc == 2 && !cli_text_ok(argv[0], "the text", argv[1], notice ?
	    Q_NOTICE_MAX : Q_NAME_MAX))
		return EXIT_USAGE;
	if ((rc = cli_open(c, argc == 2 ? CLI_WRITE : CLI_READ)))
		return rc;
	if (argc == 2 && (rc = set(c->q, argv[1])))
		return cli_fail(c, argv[0], rc);
	if ((rc = queue_status(c->q, &st)))
		return cli_fail(c, argv[0], rc);
	if (c->json)
		return cli_json_put(json_pack("{s:o}", argv[0],
		    qjson_str(notice ? st.notice : st.office)));
	printf("%s\n", notice ? st.notice : st.office);
	return 0;
}

static int
cmd_notice(struct cli *c, int argc, char **argv)
{
	return text_cmd(c, argc, argv, queue_set_notice, 1);
}

static int
cmd_office(struct cli *c, int argc, char **argv)
{
	return text_cmd(c, argc, argv, queue_set_office, 0);
}

int
cli_read_secret(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	char *nl;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(buf, (int)len, stdin))
		buf[0] = 0;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	if ((nl = strchr(buf, '\n')))
		*nl = 0;
	return buf[0] ? 0 : -1;
}

/* A non-root user replacing a PIN gives the current one first, read like
 * the new one (terminal without echo, or the first line of stdin); a wrong
 * one counts towards the pad's lockout like a wrong try at the kiosk.
 * Root may replace a forgotten PIN without it.  Returns 0 or the exit. */
static int
pin_authorise(struct cli *c)
{
	char old[64];
	int rc, locked = 0;

	if (getuid() == 0)
		return 0;
	if ((rc = queue_pin_is_set(c->q)) < 0)
		return cli_fail(c, "pin", rc);
	if (rc == 0)
		return 0;
	if (cli_read_secret("Current manager PIN: ", old, sizeof old)) {
		fprintf(stderr, "antri: pin: a PIN is set: give the current "
		    "one first (or ask root to replace a forgotten one)\n");
		return EXIT_REFUSED;
	}
	rc = queue_pin_check(c->q, old, &locked);
	memset(old, 0, sizeof old);
	if (rc == Q_EPINLOCKED) {
		fprintf(stderr, "antri: pin: too many wrong PINs: try again in "
		    "%d s; nothing changed\n", locked);
		return EXIT_REFUSED;
	}
	if (rc == Q_EPIN) {
		fprintf(stderr, "antri: pin: that is not the current PIN; "
		    "nothing changed\n");
		return EXIT_REFUSED;
	}
	return rc ? cli_fail(c, "pin", rc) : 0;
}

static int
cmd_pin(struct cli *c, int argc, char **argv)
{
	char pin[64], again[64];
	int rc;

	if (argc != 2 || strcmp(argv[1], "set"))
		return cli_usage("pin", "use: pin set (the PINs are read from "
		    "the terminal, or lines of standard input: the current "
		    "PIN first when one is set, then the new one)");
	if ((rc = cli_open(c, CLI_WRITE)) || (rc = pin_authorise(c)))
		return rc;
	if (cli_read_secret("New manager PIN (4-12 digits): ", pin, sizeof pin))
		return cli_usage("pin", "no PIN given");
	if (isatty(STDIN_FILENO) && (cli_read_secret("Again: ", again, sizeof again) ||
	    strcmp(pin, again)))
		return cli_usage("pin", "the two PINs differ; nothing changed");
	rc = queue_pin_set(c->q, pin);
	memset(pin, 0, sizeof pin);
	memset(again, 0, sizeof again);
	if (rc == Q_EINVAL)
		return cli_usage("pin", "a PIN is 4 to 12 digits");
	if (rc)
		return cli_fail(c, "pin", rc);
	printf("manager PIN set\n");
	return 0;
}

static int
cmd_close_day(struct cli *c, int argc, char **argv)
{
	const char *reason;
	int bad = 0, rc, n;

	reason = cli_take_opt(&argc, argv, "--reason", &bad);
	if (bad)
		return cli_usage("close-day", "--reason needs a text");
	if ((rc = cli_no_more_opts("close-day", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("close-day", "unexpected '%s'", argv[1]);
	if (reason && !cli_text_ok("close-day", "--reason", reason, 0))
		return EXIT_USAGE;
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_close_day(c->q, reason ? reason :
	    "office closed for the day", &n)))
		return cli_fail(c, "close-day", rc);
	cli_print_seal(c, n);
	return 0;
}

const struct cli_cmd cli_admin_cmds[] = {
	{ "init", cmd_init, "[--demo]",
	  "create the database (--demo: a PTSP-like office)" },
	{ "service", cmd_service, "add|rename|list|open|close|quota ...",
	  "manage services (add CODE NAME [NAME_EN] [--priority])" },
	{ "counter", cmd_counter, "add|list|services|open|pause|close ...",
	  "manage counters (add N CODES)" },
	{ "limit", cmd_limit, "[N]", "show or set the room's occupancy limit" },
	{ "policy", cmd_policy, "[hold|refuse]",
	  "what the kiosk does when the room is full" },
	{ "notice", cmd_notice, "[TEXT]", "show or set the display's notice" },
	{ "office", cmd_office, "[NAME]", "show or set the office's name" },
	{ "pin", cmd_pin, "set", "set the manager PIN of the kiosk" },
	{ "close-day", cmd_close_day, "[--reason TEXT]",
	  "cancel what still waits; tomorrow starts at 001" },
	{ NULL, NULL, NULL, NULL },
};
