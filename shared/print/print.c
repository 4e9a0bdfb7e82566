/* print.c - tickets on paper: options from the config, the one call the
 * kiosk makes (print_ticket).  The words for printer states are in
 * print_state.c.
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
	copy(o->public_url, sizeof o->public_url, config_str(c, "serve",
	    "public_url", ""));
	for (size_t n = strlen(o->public_url); n && o->public_url[n - 1] ==
	    '/'; n--)
		o->public_url[n - 1] = 0;
}

const char *
print_format_name(enum print_format f)
{
	return f == PRINT_PWG ? "pwg" : "escpos";
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
