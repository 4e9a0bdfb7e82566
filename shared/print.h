/* print.h - tickets on paper: one renderer, two encodings, libcups.
 *
 * The ticket is laid out with SDL_ttf into a 1-bit bitmap the width of the
 * paper (384 dots for 58 mm, 576 for 80 mm, at 203 dpi); the kiosk shows
 * the same bitmap as its preview.  It is sent as ESC/POS raster (thermal
 * printers on a raw queue or printer application) or PWG raster (IPP
 * Everywhere), through libcups only, and each job is followed until it
 * completes, aborts or times out.  No window is needed: SDL_ttf alone.
 *
 * THIS HEADER IS A CONTRACT shared with the kiosk and the counter panel:
 * functions may be added, these signatures stay.
 */
#ifndef ANTRI_PRINT_H
#define ANTRI_PRINT_H

#include <stddef.h>

#include "config.h"
#include "i18n.h"
#include "queue.h"

enum print_format { PRINT_ESCPOS, PRINT_PWG };

struct print_opts {
	char printer[512];          /* CUPS queue name or ipp:// URI; "" none */
	enum print_format format;
	int paper_dots;             /* 384 (58 mm) or 576 (80 mm) */
	int cut;                    /* 1: cut after the ticket */
	char header[3][128];        /* lines over the number (office name...) */
	char footer[128];
	int timeout_s;              /* job follow-up limit */
	enum lang lang;
};

/* Fill o from [printer] and [office] of the config (NULL: defaults:
 * no printer, escpos, 58 mm, cut, 30 s, Indonesian). */
void print_opts_from_config(struct print_opts *o, const config *c);

struct ticket_bitmap {
	int w, h;                   /* dots */
	int stride;                 /* bytes per row, (w + 7) / 8 */
	unsigned char *bits;        /* row-major, MSB first, 1 = black */
};

/* What a ticket says beyond the q_ticket itself. */
struct ticket_text {
	const char *office;         /* office name */
	const char *service_name;   /* in the ticket's language */
};

/* Lay the ticket out into out (free with ticket_bitmap_free).  Returns 0,
 * or -1 with a reason (no font...) in err. */
int ticket_render(const struct print_opts *o, const struct q_ticket *t,
                  const struct ticket_text *tx, struct ticket_bitmap *out,
                  char *err, size_t errlen);
void ticket_bitmap_free(struct ticket_bitmap *b);

struct printer_state {
	int reachable;              /* 0: no answer from the printer */
	int state;                  /* IPP printer-state: 3 idle, 4 busy,
	                             * 5 stopped; 0 unknown */
	char reasons[512];          /* printer-state-reasons, comma separated */
	char message[256];          /* printer-state-message */
};

/* Ask the printer for its state (IPP Get-Printer-Attributes).  Returns 0
 * when it answered, -1 with a reason in err otherwise. */
int print_printer_state(const struct print_opts *o, struct printer_state *st,
                        char *err, size_t errlen);

/* Render, encode, send and follow one ticket; record its print state in
 * the queue (pending, then printed or failed with the reason).  Blocks up
 * to o->timeout_s: GUIs call it from a worker thread with their own queue
 * handle.  Never changes the ticket's place in the queue.  Returns 0 when
 * the printer reported the job completed, -1 with the reason otherwise. */
int print_ticket(queue *q, const struct print_opts *o,
                 const struct q_ticket *t, const struct ticket_text *tx,
                 char *reason, size_t len);

#endif
