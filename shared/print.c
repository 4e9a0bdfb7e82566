/* print.c - tickets on paper: options from the config, the one call the
 * kiosk makes (print_ticket), and the words for printer states.
 *
 * Start here.  print_ticket() = ticket_render() (print_ticket.c) +
 * print_send_bitmap() (print_cups.c, libcups), which asks the printer
 * what it takes and encodes with print_encode.c,
 * with the ticket's print state recorded in the queue around it: pending
 * before the job goes out, then printed or failed with the reason.  The
 * ticket itself (its number, its place) is never touched here.
 */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <stdio.h>
#include <string.h>

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void
print_opts_from_config(struct print_opts *o, const config *c)
{
	const char *fmt, *paper;

	memset(o, 0, sizeof *o);
	o->format = PRINT_ESCPOS;
	o->paper_dots = 384;
	o->cut = 1;
	o->timeout_s = 30;
	o->lang = LANG_ID;
	if (!c)
		return;
	copy(o->printer, sizeof o->printer, config_str(c, "printer",
	    "printer", ""));
	fmt = config_str(c, "printer", "format", "escpos");
	o->format = !strcmp(fmt, "pwg") ? PRINT_PWG : PRINT_ESCPOS;
	paper = config_str(c, "printer", "paper", "58");
	o->paper_dots = !strcmp(paper, "80") ? 576 : 384;
	o->cut = config_bool(c, "printer", "cut", 1);
	o->timeout_s = (int)config_int(c, "printer", "timeout", 30);
	copy(o->header[0], sizeof o->header[0], config_str(c, "printer",
	    "header1", config_str(c, "office", "name", "")));
	copy(o->header[1], sizeof o->header[1], config_str(c, "printer",
	    "header2", ""));
	copy(o->header[2], sizeof o->header[2], config_str(c, "printer",
	    "header3", ""));
	copy(o->footer, sizeof o->footer, config_str(c, "printer", "footer",
	    ""));
	o->lang = i18n_parse(config_str(c, "office", "language", "id"));
	copy(o->font, sizeof o->font, config_str(c, "ui", "font", ""));
	copy(o->font_bold, sizeof o->font_bold, config_str(c, "ui",
	    "font_bold", ""));
}

const char *
print_format_name(enum print_format f)
{
	return f == PRINT_PWG ? "pwg" : "escpos";
}

/* 1 if a reason starts with prefix; errors_only: and carries no suffix or
 * "-error" (printers add "-report" and "-warning" to reasons that do not
 * stop printing, and a printer application may keep a stale "-report"). */
static int
reason_is(const struct printer_state *st, const char *prefix, int errors_only)
{
	const char *p = st->reasons;
	size_t n = strlen(prefix);

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t m = end ? (size_t)(end - p) : strlen(p);

		if (m >= n && !strncmp(p, prefix, n) && (!errors_only ||
		    m == n || (m == n + 6 && !strncmp(p + n, "-error", 6))))
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int
has_reason(const struct printer_state *st, const char *prefix)
{
	return reason_is(st, prefix, 0);
}

static const char *const bad_reasons[] = { "media-empty", "media-needed",
	"media-jam", "door-open", "cover-open", "offline",
	"marker-supply-empty", "toner-empty", "paused" };

int
print_state_blocked(const struct printer_state *st)
{
	if (!st->reachable || st->state == 5)
		return 1;
	for (size_t i = 0; i < sizeof bad_reasons / sizeof bad_reasons[0]; i++)
		if (reason_is(st, bad_reasons[i], 1))
			return 1;
	return 0;
}

int
print_state_problem(const struct printer_state *st)
{
	if (print_state_blocked(st))
		return 1;
	for (size_t i = 0; i < sizeof bad_reasons / sizeof bad_reasons[0]; i++)
		if (reason_is(st, bad_reasons[i], 0))
			return 1;
	return 0;
}

const char *
print_state_text(enum lang l, const struct printer_state *st)
{
	if (!st->reachable)
		return tr(l, "Printer tidak menjawab", "Printer not answering");
	if (has_reason(st, "media-empty") || has_reason(st, "media-needed"))
		return tr(l, "Kertas habis", "Out of paper");
	if (has_reason(st, "media-jam"))
		return tr(l, "Kertas macet", "Paper jam");
	if (has_reason(st, "door-open") || has_reason(st, "cover-open"))
		return tr(l, "Penutup printer terbuka", "Printer cover open");
	if (has_reason(st, "offline"))
		return tr(l, "Printer offline", "Printer offline");
	if (has_reason(st, "media-low"))
		return tr(l, "Kertas hampir habis", "Paper low");
	if (st->state == 5)
		return tr(l, "Printer berhenti", "Printer stopped");
	if (st->state == 4)
		return tr(l, "Sedang mencetak", "Printing");
	return tr(l, "Siap", "Ready");
}

int
print_ticket_bitmap(queue *q, const struct print_opts *o,
                    const struct q_ticket *t, const struct ticket_bitmap *b,
                    char *reason, size_t len)
{
	char why[Q_REASON_MAX], title[64];
	int rc;

	why[0] = 0;
	if (!o->printer[0]) {
		/* nothing to record: this office prints no tickets */
		if (reason && len)
			snprintf(reason, len, "no printer configured");
		return -1;
	}
	if (q)
		queue_print_state(q, t->id, Q_PRINT_PENDING, NULL);
	snprintf(title, sizeof title, "antri %s", t->label);
	rc = print_send_bitmap(o, title, b, why, sizeof why);
	/* a failure to record is not a print failure: the paper is out */
	if (q)
		queue_print_state(q, t->id, rc ? Q_PRINT_FAILED :
		    Q_PRINT_PRINTED, rc ? why : NULL);
	if (reason && len)
		snprintf(reason, len, "%s", rc ? why : "");
	return rc;
}

int
print_ticket(queue *q, const struct print_opts *o, const struct q_ticket *t,
             const struct ticket_text *tx, char *reason, size_t len)
{
	struct ticket_bitmap b;
	char why[Q_REASON_MAX];
	int rc;

	if (ticket_render(o, t, tx, &b, why, sizeof why)) {
		if (q)
			queue_print_state(q, t->id, Q_PRINT_FAILED, why);
		if (reason && len)
			snprintf(reason, len, "%s", why);
		return -1;
	}
	rc = print_ticket_bitmap(q, o, t, &b, reason, len);
	ticket_bitmap_free(&b);
	return rc;
}
