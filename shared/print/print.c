/* print.c - tickets on paper: the one call the kiosk makes
 * (print_ticket).  The options from the config are in print_opts.c, the
 * words for printer states in print_state.c.
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
