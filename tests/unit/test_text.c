/* test_text.c - the rules for stored text (text.h) and the core that
 * enforces them for every front end: names, notices, office names and
 * reasons that are not UTF-8 or hold control characters give Q_EINVAL and
 * change nothing; long reasons are cut between characters; ticket names
 * are parsed strictly; setting the PIN does not lift the pad's lockout.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture.h"
#include "queue.h"
#include "text.h"

static void
test_valid(void)
{
	static const char *const good[] = { "", "Perizinan", "é", "Ñusantara — ok",
		"欢迎", "\xf0\x9f\x99\x82", "a b", "~!@#$%^&*()" };
	static const char *const bad[] = {
		"\x1b]0;x\x07", "a\nb", "tab\there", "\x7f", "\r",
		"\xc2\x85",             /* U+0085 NEL, a C1 control */
		"\xc2\x9b[2J",          /* U+009B CSI */
		"ok\xff", "\xc0\xaf",   /* not UTF-8, an overlong '/' */
		"\xed\xa0\x80",         /* a surrogate */
		"\xf4\x90\x80\x80",     /* above U+10FFFF */
		"caf\xc3",              /* cut inside a character */
	};

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK(text_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(!text_valid(bad[i]));
		if (text_valid(bad[i]))
			fprintf(stderr, "  accepted bad text #%zu\n", i);
	}
	CHECK(!text_valid(NULL));
}

static void
test_cut(void)
{
	char src[256] = "", dst[160];
	size_t n;

	for (int i = 0; i < 100; i++)
		strcat(src, "\xc3\xa9");                 /* é */
	n = text_cut(dst, sizeof dst, src);
	CHECK_INT(n, 158);                             /* 79 é, not 159 bytes */
	CHECK_INT(strlen(dst), 158);
	CHECK(text_valid(dst));
	CHECK_INT(text_cut(dst, 4, "\xc3\xa9\xc3\xa9"), 2);
	CHECK_STR(dst, "\xc3\xa9");
	CHECK_INT(text_cut(dst, 4, "\xe2\x80\x94x"), 3);   /* — fits exactly */
	CHECK_INT(text_cut(dst, 3, "\xe2\x80\x94x"), 0);
	CHECK_STR(dst, "");
	CHECK_INT(text_cut(dst, sizeof dst, NULL), 0);
	text_clean(dst, sizeof dst, "a\x1b[2Jb\xff\nc\xc3\xa9");
	CHECK_STR(dst, "a [2Jb? c\xc3\xa9");
	CHECK(text_valid(dst));
}

static void
test_labels(void)
{
	static const char *const bad[] = { "#\n2", "# 2", "#+2", "#-2", "#",
		"#2 ", "A 2", "A+1", "A-1", " A1", "A1 ", "A", "7A", "AB1", "#0",
		"A0", "A100000", "#99999999999999999999" };
	char code;
	int seq;
	int64_t id;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(q_label_parse(bad[i], &code, &seq, &id), Q_EINVAL);
	}
	CHECK_INT(q_label_parse("a002", &code, &seq, &id), Q_OK);
	CHECK(code == 'A' && seq == 2 && id == 0);
	CHECK_INT(q_label_parse("#12", &code, &seq, &id), Q_OK);
	CHECK(code == 0 && id == 12);
}

/* The newest event's detail. */
static void
last_detail(queue *q, char *out, size_t len)
{
	struct q_event_rec ev[64];
	struct q_status st;
	int n = 64;

	out[0] = 0;
	if (queue_status(q, &st) != Q_OK || st.last_event < 1)
		return;
	if (queue_events_since(q, st.last_event - 1, ev, &n) == Q_OK && n > 0)
		snprintf(out, len, "%s", ev[n - 1].detail);
}

static void
test_core(void)
{
	static const char *const bad[] = { "\x1b]0;x\x07", "a\nb", "\xc2\x9b",
		"ok\xff" };
	char reason[256] = "", detail[Q_REASON_MAX];
	struct q_status before, after;
	struct q_ticket t;
	queue *q = fx_fresh();
	int n, locked;

	if (!q)
		return;
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_INT(queue_status(q, &before), Q_OK);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(queue_service_add(q, 'Q', bad[i], NULL, 0), Q_EINVAL);
		CHECK_INT(queue_service_add(q, 'Q', "Nama", bad[i], 0), Q_EINVAL);
		CHECK_INT(queue_set_notice(q, bad[i]), Q_EINVAL);
		CHECK_INT(queue_set_office(q, bad[i]), Q_EINVAL);
		CHECK_INT(queue_cancel(q, "A001", bad[i]), Q_EINVAL);
		CHECK_INT(queue_close_day(q, bad[i], &n), Q_EINVAL);
	}
	CHECK_INT(queue_status(q, &after), Q_OK);
	CHECK_INT(after.last_event, before.last_event);   /* nothing written */
	CHECK_INT(after.nservices, before.nservices);
	CHECK_STR(after.notice, before.notice);
	/* a printer's message is kept, made safe */
	CHECK_INT(queue_print_state(q, t.id, Q_PRINT_FAILED, "jam\x1b[5m\xff"),
	    Q_OK);
	CHECK_INT(queue_ticket_get(q, t.id, &t), Q_OK);
	CHECK_STR(t.print_reason, "jam [5m?");
	/* a long reason is cut between characters */
	for (int i = 0; i < 100; i++)
		strcat(reason, "\xc3\xa9");
	CHECK_INT(queue_cancel(q, "A001", reason), Q_OK);
	last_detail(q, detail, sizeof detail);
	CHECK_INT(strlen(detail), 158);
	CHECK(text_valid(detail));
	/* the PIN: setting one does not lift a lockout */
	CHECK_INT(queue_pin_is_set(q), 0);
	CHECK_INT(queue_pin_set(q, "1234"), Q_OK);
	CHECK_INT(queue_pin_is_set(q), 1);
	for (int i = 0; i < 5; i++)
		queue_pin_check(q, "0000", &locked);
	CHECK_INT(queue_pin_check(q, "1234", &locked), Q_EPINLOCKED);
	CHECK_INT(queue_pin_set(q, "123456789012"), Q_OK);
	CHECK_INT(queue_pin_set(q, "1234567890123"), Q_EINVAL);
	CHECK_INT(queue_pin_check(q, "123456789012", &locked), Q_EPINLOCKED);
	CHECK(locked > 0);
	queue_close(q);
}

int
main(void)
{
	static void (*const tests[])(void) = { test_valid, test_cut,
	    test_labels, test_core };

	return fx_main("test_text", tests, sizeof tests / sizeof tests[0]);
}
