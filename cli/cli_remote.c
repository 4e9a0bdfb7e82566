/* cli_remote.c - remote tickets on the box: `antri remote SERVICE` takes
 * a ticket for today as the phone page will (state EXPECTED, with the
 * code to check in with), `antri checkin CODE` checks one in as the
 * kiosk will.  The rules are queue_remote.c's; [remote] in antri.conf
 * sets share, grace_min and come_min (man/antri.conf.5).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <string.h>

/* The outlet's rules from the config, over the defaults. */
static void
rules(struct cli *c, struct q_remote_rules *r)
{
	q_remote_defaults(r);
	r->share = (int)config_int(c->cfg, "remote", "share", r->share);
	r->grace_min = (int)config_int(c->cfg, "remote", "grace_min",
	    r->grace_min);
	r->come_min = (int)config_int(c->cfg, "remote", "come_min",
	    r->come_min);
}

static int
cmd_remote(struct cli *c, int argc, char **argv)
{
	struct q_remote_rules r;
	struct q_ticket t;
	char code[Q_CHECKIN_CODE_LEN + 1], qr[Q_CHECKIN_QR_MAX], est[32];
	char svc;
	int rc;
	json_t *j;

	if ((rc = cli_no_more_opts("remote", argc, argv)))
		return rc;
	if (argc != 2 || !(svc = cli_code(argv[1])))
		return cli_usage("remote", "give one service code letter, e.g. "
		    "'antri remote A'");
	rules(c, &r);
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_remote_issue(c->q, svc, &r, &t, code, qr)))
		return cli_fail(c, "no remote ticket issued", rc);
	if (c->json) {
		if (!(j = qjson_ticket(&t)) ||
		    json_object_set_new(j, "code", json_string(code)) ||
		    json_object_set_new(j, "qr", json_string(qr)))
			return cli_json_put(NULL);
		return cli_json_put(j);
	}
	printf("%s  expected: check in with code %s (QR: %s)\n", t.label,
	    code, qr);
	printf("people ahead: %d, estimated wait: %s\n", t.people_ahead,
	    i18n_wait(LANG_EN, t.est_wait_s, est, sizeof est));
	return 0;
}

static int
cmd_checkin(struct cli *c, int argc, char **argv)
{
	struct q_remote_rules r;
	struct q_ticket t;
	enum q_checkin_how how;
	char est[32];
	int rc;
	json_t *j;

	if ((rc = cli_no_more_opts("checkin", argc, argv)))
		return rc;
	if (argc != 2)
		return cli_usage("checkin", "give one check-in code, e.g. "
		    "'antri checkin K7MXRP'");
	rules(c, &r);
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	rc = queue_checkin(c->q, argv[1], &r, &t, &how);
	if (rc == Q_EINVAL)
		return cli_usage("checkin", "a check-in code is 6 letters and "
		    "digits (e.g. K7MXRP), or the text of its QR code");
	if (rc)
		return cli_fail(c, "not checked in", rc);
	if (c->json) {
		if (!(j = qjson_ticket(&t)) ||
		    json_object_set_new(j, "late", json_boolean(how ==
		    Q_CHECKIN_LATE)))
			return cli_json_put(NULL);
		return cli_json_put(j);
	}
	printf("%s  checked in: %s\n", t.label, t.state == Q_ADMITTED ?
	    "please enter the room" :
	    "the room is full: wait outside, your number will be shown");
	if (how == Q_CHECKIN_LATE)
		printf("your turn had passed: you join the end of the line\n");
	printf("people ahead: %d, estimated wait: %s\n", t.people_ahead,
	    i18n_wait(LANG_EN, t.est_wait_s, est, sizeof est));
	return 0;
}

const struct cli_cmd cli_remote_cmds[] = {
	{ "remote", cmd_remote, "CODE",
	  "take a remote ticket for today: expected until it checks in" },
	{ "checkin", cmd_checkin, "CODE",
	  "check a remote ticket in with its 6-character code or QR text" },
	{ NULL, NULL, NULL, NULL },
};
