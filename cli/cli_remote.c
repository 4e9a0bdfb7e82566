/* cli_remote.c - remote tickets on the box: `antri remote SERVICE` takes
 * a ticket for today as the phone page will (state EXPECTED, with the
 * code to check in with), `antri checkin CODE` checks one in as the
 * kiosk will.  The rules are queue_remote.c's; [remote] in antri.conf
 * sets share, grace_min and come_min (man/antri.conf.5).  Appointments:
 * `antri slots SERVICE ...` sets a service's slots, `antri book SERVICE
 * SLOT` books one on the box (the central will call the same core).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The outlet's rules from the config, over the defaults. */
static void
rules(struct cli *c, struct q_remote_rules *r)
{
	q_remote_from_config(c->cfg, r);
}

static int
cmd_remote(struct cli *c, int argc, char **argv)
{
	struct q_remote_rules r;
	struct q_ticket t;
	char code[Q_CHECKIN_CODE_LEN + 1], qr[Q_CHECKIN_QR_MAX], est[32];
	char svc;
	const char *phone, *lang;
	int rc, bad = 0;
	json_t *j;

	phone = cli_take_opt(&argc, argv, "--phone", &bad);
	lang = cli_take_opt(&argc, argv, "--lang", &bad);
	if (bad || (rc = cli_no_more_opts("remote", argc, argv)))
		return bad ? cli_usage("remote", "--phone and --lang need a "
		    "value") : rc;
	if (argc != 2 || !(svc = cli_code(argv[1])))
		return cli_usage("remote", "give one service code letter, e.g. "
		    "'antri remote A'");
	if (lang && strcmp(lang, "id") && strcmp(lang, "en"))
		return cli_usage("remote", "--lang is id or en");
	if (phone && !q_phone_valid(phone))
		return cli_usage("remote", "--phone takes 6-19 digits, with an "
		    "optional leading '+', e.g. +6281234567890");
	rules(c, &r);
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_remote_issue(c->q, svc, &r, &t, code, qr)))
		return cli_fail(c, "no remote ticket issued", rc);
	/* the reminders' number: after the issue, in its own write (a bad
	 * number was refused above, by the same rule) */
	if (phone && (rc = queue_phone_set(c->q, t.id, 0, phone, lang)))
		return cli_fail(c, "the ticket was issued, but its phone "
		    "number was not kept", rc);
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
		    Q_CHECKIN_LATE || how == Q_CHECKIN_SLOT_LATE)) ||
		    json_object_set_new(j, "appointment", json_boolean(how ==
		    Q_CHECKIN_SLOT)))
			return cli_json_put(NULL);
		return cli_json_put(j);
	}
	printf("%s  checked in: %s\n", t.label, t.state == Q_ADMITTED ?
	    "please enter the room" : t.state == Q_EXPECTED ?
	    "please wait for your slot" :
	    "the room is full: wait outside, your number will be shown");
	if (how == Q_CHECKIN_LATE)
		printf("your turn had passed: you join the end of the line\n");
	if (how == Q_CHECKIN_SLOT_LATE)
		printf("you came after your slot's check-in time: you join the "
		    "walk-in queue\n");
	if (how == Q_CHECKIN_SLOT && t.state == Q_EXPECTED)
		printf("you are called at your slot, ahead of the walk-ins\n");
	printf("people ahead: %d, estimated wait: %s\n", t.people_ahead,
	    i18n_wait(LANG_EN, t.est_wait_s, est, sizeof est));
	return 0;
}

static int
cmd_slots(struct cli *c, int argc, char **argv)
{
	struct q_slot_rules r;
	const char *o[5], *names[5] = { "--length", "--per-slot", "--days",
	    "--from", "--to" };
	int bad = 0, ok = 1, k = 0, rc;
	char svc;

	for (int i = 0; i < 5; i++) {
		o[i] = cli_take_opt(&argc, argv, names[i], &bad);
		k += o[i] != NULL;
	}
	if (bad || (rc = cli_no_more_opts("slots", argc, argv)))
		return bad ? cli_usage("slots", "each option needs a value") :
		    rc;
	if (argc != 2 || !(svc = cli_code(argv[1])))
		return cli_usage("slots", "give one service code letter, e.g. "
		    "'antri slots A --length 15 --per-slot 2 --days 14 "
		    "--from 08:00 --to 15:00'");
	if (k == 0) {                    /* show them */
		if ((rc = cli_open(c, CLI_READ)))
			return rc;
		if ((rc = queue_slots_get(c->q, svc, &r)))
			return cli_fail(c, argv[1], rc);
		if (c->json)
			return cli_json_put(json_pack("{s:s%,s:i,s:i,s:i,"
			    "s:i,s:i}", "service", &svc, (size_t)1,
			    "length_min", r.length_min, "per_slot", r.per_slot,
			    "days_ahead", r.days_ahead, "from_min", r.from_min,
			    "to_min", r.to_min));
		printf("%c: slots of %d min, %d per slot, up to %d days ahead, "
		    "%02d:%02d-%02d:%02d\n", svc, r.length_min, r.per_slot,
		    r.days_ahead, r.from_min / 60, r.from_min % 60,
		    r.to_min / 60, r.to_min % 60);
		return 0;
	}
	if (k != 5)
		return cli_usage("slots", "give all of --length, --per-slot, "
		    "--days, --from and --to");
	r.length_min = (int)cli_number(o[0], 5, 240, &ok);
	if (ok)
		r.per_slot = (int)cli_number(o[1], 1, 100, &ok);
	if (ok)
		r.days_ahead = (int)cli_number(o[2], 0, 90, &ok);
	r.from_min = q_hhmm_parse(o[3]);
	r.to_min = q_hhmm_parse(o[4]);
	if (!ok || r.from_min < 0 || r.to_min < 0 ||
	    r.from_min + r.length_min > r.to_min)
		return cli_usage("slots", "--length 5-240 minutes, --per-slot "
		    "1-100, --days 0-90, --from and --to as HH:MM with room "
		    "for one slot between them");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_slots_set(c->q, svc, &r)))
		return cli_fail(c, argv[1], rc);
	if (c->json)
		return cli_json_put(json_pack("{s:s%}", "slots", &svc,
		    (size_t)1));
	printf("%c: slots set\n", svc);
	return 0;
}

static int
cmd_book(struct cli *c, int argc, char **argv)
{
	struct q_remote_rules r;
	const char *name, *phone;
	char code[Q_CHECKIN_CODE_LEN + 1], qr[Q_CHECKIN_QR_MAX], svc;
	int64_t slot;
	int bad = 0, rc;

	name = cli_take_opt(&argc, argv, "--name", &bad);
	phone = cli_take_opt(&argc, argv, "--phone", &bad);
	if (bad || (rc = cli_no_more_opts("book", argc, argv)))
		return bad ? cli_usage("book", "--name and --phone need a "
		    "value") : rc;
	if (argc != 3 || !(svc = cli_code(argv[1])) ||
	    (slot = q_slot_parse(argv[2])) < 0)
		return cli_usage("book", "give a service code and a slot, e.g. "
		    "'antri book A \"2026-12-07 09:15\"'");
	if (name && !cli_text_ok("book", "--name", name, Q_BOOK_NAME_MAX))
		return EXIT_USAGE;
	rules(c, &r);
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	rc = queue_book(c->q, svc, slot, name, phone, &r, code, qr);
	if (rc == Q_EINVAL)
		return cli_usage("book", "--phone: 6-19 digits, an optional "
		    "leading +");
	if (rc)
		return cli_fail(c, "not booked", rc);
	if (c->json)
		return cli_json_put(json_pack("{s:s%,s:s,s:s,s:s}", "service",
		    &svc, (size_t)1, "slot", argv[2], "code", code, "qr", qr));
	printf("booked %c at %s: check in with code %s (QR: %s)\n", svc,
	    argv[2], code, qr);
	return 0;
}

const struct cli_cmd cli_remote_cmds[] = {
	{ "remote", cmd_remote, "CODE [--phone N [--lang id|en]]",
	  "take a remote ticket for today: expected until it checks in "
	  "(phone only for reminders)" },
	{ "checkin", cmd_checkin, "CODE",
	  "check a remote ticket or booking in with its code or QR text" },
	{ "slots", cmd_slots, "CODE [--length MIN --per-slot N --days N "
	  "--from HH:MM --to HH:MM]", "show or set a service's appointment slots" },
	{ "book", cmd_book, "CODE 'YYYY-MM-DD HH:MM' [--name T] [--phone N]",
	  "book an appointment slot (no NIK; phone only for reminders)" },
	{ NULL, NULL, NULL, NULL },
};
