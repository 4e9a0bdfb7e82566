/* central_book.c - antri-central asks an outlet (central.h; docs/central.md
 * "Requests to an outlet"):
 *
 *   antri-central remote OFFICE SERVICE [--phone P [--lang id|en]]
 *                 [--wait MS] [--json]
 *   antri-central book OFFICE SERVICE 'YYYY-MM-DD HH:MM' [--name N]
 *                 [--phone P [--lang id|en]] [--wait MS] [--json]
 *   antri-central slots OFFICE SERVICE --length MIN --per-slot N --days N
 *                 --from HH:MM --to HH:MM [--json]
 *
 * Each becomes a request that the outlet's antri-sync takes over its own
 * connection and issues by the outlet's rules (cdb_request.c; --wait: how
 * long the outlet has to take it, default CDB_REQUEST_WAIT_MS): the head
 * office never writes an outlet's queue.  The check-in code and QR text
 * are printed once, for the citizen; nobody keeps them.  Exit: 0 done,
 * 1 refused by the outlet or the outlet offline (the sentence says
 * which), 2 bad usage or an unknown office, 3 the central unreachable.
 */
#define _POSIX_C_SOURCE 200809L
#include "central.h"
#include "i18n.h"
#include "text.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "--json" out of argv: 1 when it was there */
static int
take_flag(int *argc, char **argv, const char *name)
{
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], name))
			continue;
		memmove(argv + i, argv + i + 1, (size_t)(*argc - i) *
		    sizeof *argv);
		(*argc)--;
		return 1;
	}
	return 0;
}

char
central_service(const char *s)
{
	return s && s[0] && !s[1] && isalpha((unsigned char)s[0]) ?
	    (char)toupper((unsigned char)s[0]) : 0;
}

const char *
central_booking_bad(const char *slot, const char *name, const char *phone)
{
	if (!slot || q_slot_parse(slot) < 0)
		return "slot: 'YYYY-MM-DD HH:MM', e.g. '2026-12-07 09:15'";
	if (name && (strlen(name) >= Q_BOOK_NAME_MAX || !text_valid(name)))
		return "name: up to 63 bytes of text, no control characters";
	return central_phone_bad(phone);
}

const char *
central_phone_bad(const char *phone)
{
	if (phone && !q_phone_valid(phone))
		return "phone: 6-19 digits, an optional leading +";
	return NULL;
}

/* --wait MS (1-60000), the longest wait for the outlet to take the
 * request: 0 when absent (the default), -1 when bad */
static int
take_wait(int *argc, char **argv, int *bad)
{
	const char *w = central_take_opt(argc, argv, "--wait", bad);
	char *end;
	long v;

	if (!w)
		return 0;
	v = strtol(w, &end, 10);
	return *w && !*end && v >= 1 && v <= 60000 ? (int)v : -1;
}

/* no option left over */
static int
no_opts(const char *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return central_usage(cmd, "unknown option (see "
			    "antri-central --help)");
	return EX_DONE;
}

/* The outcome of a request: the connection's failure, an unknown
 * office, or the outlet's refusal or silence as a sentence. */
static int
refused(struct central *ce, const char *cmd, const char *office, int rc,
        const struct cdb_answer *a)
{
	if (rc == CDB_ENOOFFICE) {
		fprintf(stderr, "antri-central %s: no office %s (see "
		    "antri-central office add)\n", cmd, office);
		return EX_USAGE;
	}
	if (rc == CDB_EINVAL)
		return central_usage(cmd, cdb_error(ce->c));
	if (rc)
		return central_fail(ce, cmd, rc);
	fprintf(stderr, "antri-central %s: %s: %s\n", cmd, office,
	    i18n_error(LANG_EN, a->error));
	return EX_REFUSED;
}

static int
put_json(json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	if (!s) {
		fprintf(stderr, "antri-central: out of memory\n");
		return EX_SYSTEM;
	}
	printf("%s\n", s);
	free(s);
	return EX_DONE;
}

/* what is wrong with --lang (NULL: nothing, or none given) */
static const char *
lang_bad(const char *lang)
{
	return lang && strcmp(lang, "id") && strcmp(lang, "en") ?
	    "--lang: id or en (the reminders' language)" : NULL;
}

int
central_cmd_remote(struct central *ce, int argc, char **argv)
{
	struct cdb_answer a;
	const char *phone, *lang;
	char svc, est[32];
	int json = take_flag(&argc, argv, "--json"), bad = 0, wait, rc;

	phone = central_take_opt(&argc, argv, "--phone", &bad);
	lang = central_take_opt(&argc, argv, "--lang", &bad);
	wait = take_wait(&argc, argv, &bad);
	if (bad)
		return central_usage("remote", "--phone, --lang and --wait "
		    "need a value");
	if (wait < 0)
		return central_usage("remote", "--wait: 1-60000 ms");
	if (central_phone_bad(phone))
		return central_usage("remote", central_phone_bad(phone));
	if (lang_bad(lang))
		return central_usage("remote", lang_bad(lang));
	if ((rc = no_opts("remote", argc, argv)))
		return rc;
	if (argc != 3 || !(svc = central_service(argv[2])))
		return central_usage("remote", "usage: remote OFFICE SERVICE "
		    "[--phone P [--lang id|en]] [--wait MS] [--json], e.g. "
		    "remote jkt-menteng A");
	if ((rc = central_connect(ce)))
		return rc;
	rc = cdb_request_remote(ce->c, argv[1], svc, phone, lang, NULL, wait,
	    &a);
	if (rc || a.error)
		return refused(ce, "remote", argv[1], rc, &a);
	if (json)
		return put_json(json_pack("{s:s,s:I,s:s,s:s,s:s,s:i,s:i}",
		    "office", argv[1], "request", (json_int_t)a.id, "number",
		    a.number, "code", a.code, "qr", a.qr, "people_ahead",
		    a.people_ahead, "est_wait_s", a.est_wait_s));
	printf("%s at %s: expected; check in with code %s (QR: %s)\n",
	    a.number, argv[1], a.code, a.qr);
	printf("people ahead: %d, estimated wait: %s\n", a.people_ahead,
	    i18n_wait(LANG_EN, a.est_wait_s, est, sizeof est));
	return EX_DONE;
}

int
central_cmd_book(struct central *ce, int argc, char **argv)
{
	struct cdb_answer a;
	const char *name, *phone, *lang, *bad_what;
	char svc, svcs[2];
	int json, bad = 0, wait, rc;

	json = take_flag(&argc, argv, "--json");
	name = central_take_opt(&argc, argv, "--name", &bad);
	phone = central_take_opt(&argc, argv, "--phone", &bad);
	lang = central_take_opt(&argc, argv, "--lang", &bad);
	wait = take_wait(&argc, argv, &bad);
	if (bad)
		return central_usage("book", "--name, --phone, --lang and --wait "
		    "need a value");
	if (lang_bad(lang))
		return central_usage("book", lang_bad(lang));
	if (wait < 0)
		return central_usage("book", "--wait: 1-60000 ms");
	if ((rc = no_opts("book", argc, argv)))
		return rc;
	if (argc != 4 || !(svc = central_service(argv[2])) ||
	    q_slot_parse(argv[3]) < 0)
		return central_usage("book", "usage: book OFFICE SERVICE "
		    "'YYYY-MM-DD HH:MM' [--name N] [--phone P] [--json], e.g. "
		    "book jkt-menteng A '2026-12-07 09:15'");
	if ((bad_what = central_booking_bad(argv[3], name, phone)))
		return central_usage("book", bad_what);
	if ((rc = central_connect(ce)))
		return rc;
	rc = cdb_request_booking(ce->c, argv[1], svc, argv[3], name, phone,
	    lang, NULL, wait, &a);
	if (rc || a.error)
		return refused(ce, "book", argv[1], rc, &a);
	svcs[0] = svc;
	svcs[1] = 0;
	if (json)
		return put_json(json_pack("{s:s,s:I,s:s,s:s,s:s,s:s}",
		    "office", argv[1], "request", (json_int_t)a.id, "service",
		    svcs, "slot", a.slot, "code", a.code, "qr", a.qr));
	printf("booked %c at %s %s: check in with code %s (QR: %s)\n", svc,
	    argv[1], a.slot, a.code, a.qr);
	return EX_DONE;
}

int
central_cmd_slots(struct central *ce, int argc, char **argv)
{
	static const char *const names[5] = { "--length", "--per-slot",
		"--days", "--from", "--to" };
	const char *o[5];
	struct cdb_answer a;
	char svc, rules[64], *end;
	long v[3];
	int json, bad = 0, k = 0, rc, from, to;

	json = take_flag(&argc, argv, "--json");
	for (int i = 0; i < 5; i++) {
		o[i] = central_take_opt(&argc, argv, names[i], &bad);
		k += o[i] != NULL;
	}
	if (bad)
		return central_usage("slots", "each option needs a value");
	if ((rc = no_opts("slots", argc, argv)))
		return rc;
	if (argc != 3 || !(svc = central_service(argv[2])) || k != 5)
		return central_usage("slots", "usage: slots OFFICE SERVICE --length "
		    "MIN --per-slot N --days N --from HH:MM --to HH:MM");
	for (int i = 0; i < 3; i++) {
		v[i] = strtol(o[i], &end, 10);
		if (!*o[i] || *end || !isdigit((unsigned char)*o[i]))
			v[i] = -1;
	}
	from = q_hhmm_parse(o[3]);
	to = q_hhmm_parse(o[4]);
	if (v[0] < 5 || v[0] > 240 || v[1] < 1 || v[1] > 100 || v[2] < 0 ||
	    v[2] > 90 || from < 0 || to < 0 || from + v[0] > to)
		return central_usage("slots", "--length 5-240 minutes, --per-slot "
		    "1-100, --days 0-90, --from and --to as HH:MM with room "
		    "for one slot between them");
	snprintf(rules, sizeof rules, "%ld %ld %ld %d %d", v[0], v[1], v[2],
	    from, to);
	if ((rc = central_connect(ce)))
		return rc;
	rc = cdb_request_slots(ce->c, argv[1], svc, rules, 0, &a);
	if (rc || a.error)
		return refused(ce, "slots", argv[1], rc, &a);
	if (json)
		return put_json(json_pack("{s:s,s:I,s:s%}", "office", argv[1],
		    "request", (json_int_t)a.id, "slots", &svc, (size_t)1));
	printf("%c at %s: slots set\n", svc, argv[1]);
	return EX_DONE;
}
