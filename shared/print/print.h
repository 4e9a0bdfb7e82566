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
	/* added after the first contract: [ui] font and font_bold, "" to
	 * search as ui_find_font() does */
	char font[512], font_bold[512];
	char font_dir[512];         /* [ui] font_dir, "" for none */
	/* added for the visitor's link: [serve] public_url without a
	 * trailing '/'; "" for no QR code on the ticket */
	char public_url[256];
};

/* Fill o from [printer] and [office] of the config (NULL: defaults:
 * no printer, escpos, 58 mm, cut, 30 s, Indonesian). */
void print_opts_from_config(struct print_opts *o, const config *c);

struct ticket_bitmap {
	int w, h;                   /* dots */
	int stride;                 /* bytes per row, (w + 7) / 8 */
	unsigned char *bits;        /* row-major, MSB first, 1 = black */
	/* the rows the big number occupies (preview, tests) */
	int number_y, number_h;
};

/* What a ticket says beyond the q_ticket itself. */
struct ticket_text {
	const char *office;         /* office name */
	const char *service_name;   /* in the ticket's language */
	/* an extra line under the instruction ("CETAK ULANG" on a
	 * reprint); NULL or "" for none */
	const char *note;
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

/* ---- pieces for the command line, the kiosk, tests, benchmark ------- */

/* An encoded document in memory (free with print_buf_free). */
struct print_buf {
	unsigned char *data;
	size_t len, cap;
};
void print_buf_free(struct print_buf *b);

/* ESC/POS: ESC @, the bitmap as GS v 0 raster bands of at most
 * PRINT_ESCPOS_BAND rows, ESC d 4 (feed), and GS V 66 0 (cut) when cut.
 * Returns 0, or -1 when out of memory. */
#define PRINT_ESCPOS_BAND 256
int print_encode_escpos(const struct ticket_bitmap *b, int cut,
                        struct print_buf *out);
/* PWG raster (libcups cupsRasterOpenIO, CUPS_RASTER_WRITE_PWG): one page,
 * black_1, 203 dpi, the bitmap's width and height in dots.  Returns 0, or
 * -1 with a reason in err. */
#define PRINT_DPI 203
int print_encode_pwg(const struct ticket_bitmap *b, struct print_buf *out,
                     char *err, size_t errlen);
/* PWG raster at another resolution (nearest neighbour from the 203 dpi
 * bitmap, so the ticket keeps its size on paper) and, with gray8, as
 * sgray_8 (0 black, 255 white) for printers without black_1.  What
 * print_send_bitmap() sends when the printer lists no 203 dpi / black_1. */
int print_encode_pwg_as(const struct ticket_bitmap *b, int dpi, int gray8,
                        struct print_buf *out, char *err, size_t errlen);
/* The encoding o->format asks for (PWG: 203 dpi, black_1). */
int print_encode(const struct print_opts *o, const struct ticket_bitmap *b,
                 struct print_buf *out, char *err, size_t errlen);
/* The bitmap as a 1-bit greyscale PNG file (black ink on white).  Returns
 * 0, or -1 with a reason in err. */
int ticket_write_png(const struct ticket_bitmap *b, const char *path,
                     char *err, size_t errlen);

/* Send an encoded document to o->printer and follow the job to completed,
 * aborted/cancelled or o->timeout_s.  A printer that is blocked
 * (print_state_blocked) gets no job; a job that waits while the printer
 * reports a problem (print_state_problem, e.g. media-empty-warning) for
 * more than PRINT_PROBLEM_GRACE_MS is given up and cancelled, so it cannot
 * come out later as a surprise duplicate.  No queue involved.  Returns 0 when completed, -1
 * with the reason otherwise (reason may be NULL). */
#define PRINT_PROBLEM_GRACE_MS 1500
int print_send(const struct print_opts *o, const char *title,
               const struct print_buf *doc, char *reason, size_t len);

/* Like print_send(), but encodes the bitmap itself after asking the
 * printer: for PWG, a resolution from pwg-raster-document-resolution-
 * supported (203 dpi when listed or not said, else the nearest above) and
 * black_1, or sgray_8 when the printer lists no black_1. */
int print_send_bitmap(const struct print_opts *o, const char *title,
                      const struct ticket_bitmap *b, char *reason,
                      size_t len);

/* print_ticket() for a bitmap the caller already rendered (the kiosk's
 * preview): encode, send, follow, record the print state. */
int print_ticket_bitmap(queue *q, const struct print_opts *o,
                        const struct q_ticket *t,
                        const struct ticket_bitmap *b, char *reason,
                        size_t len);


/* A short sentence for staff about a printer state, in l: "Siap", "Kertas
 * habis", "Kertas macet", "Printer tidak menjawab"...  Static string. */
const char *print_state_text(enum lang l, const struct printer_state *st);
/* 1 when the state says the printer cannot print now: no answer, stopped,
 * or a reason media-empty, media-needed, media-jam, door-open, cover-open,
 * offline... bare or with "-error" ("-report"/"-warning" do not block;
 * print_state_text() still names them). */
int print_state_blocked(const struct printer_state *st);
/* 1 when print_state_blocked(), or one of its reasons is there with any
 * suffix ("media-empty-warning"): worth a warning on staff screens.  A
 * job already sent is given up when this stays true (see print_send). */
int print_state_problem(const struct printer_state *st);
/* ---- the QR code of the visitor's link (print_qr.c, libqrencode) ---- */

/* A QR code's modules, row-major, size x size, 1 = dark; no quiet zone. */
struct ticket_qr {
	int size;
	unsigned char *mod;
};
/* The link of a ticket, "<public_url>/t/<token>", into buf.  Returns 0, or
 * -1 when there is none: no public_url, a ticket without a token, or buf
 * too small. */
int ticket_qr_url(const char *public_url, const struct q_ticket *t,
                  char *buf, size_t len);
/* Encode text as a QR code (error correction M, 8-bit mode) into out
 * (free with ticket_qr_free).  Returns 0, or -1 (out of memory, too long). */
int ticket_qr_make(const char *text, struct ticket_qr *out);
void ticket_qr_free(struct ticket_qr *qr);

/* "escpos" or "pwg". */
const char *print_format_name(enum print_format f);

#endif
