/* print_ticket.c - the ticket renderer: SDL_ttf text laid out into a 1-bit
 * bitmap the width of the paper.
 *
 * Start at ticket_render(): it draws each block (header, service, the
 * number, time, the QR code of the visitor's link when [serve] public_url
 * is set, people ahead, wait, instruction, footer) top to bottom into
 * a one-byte-per-dot canvas, then packs the used height into the 1-bit
 * struct ticket_bitmap that the encoders (print_encode.c) and the kiosk's
 * preview read.  Only SDL_ttf is used, no window and no video subsystem.
 */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"

#define CANVAS_MAX_H 6000     /* dots: 75 cm of paper, far above a ticket */

struct canvas {
	int w, h, y;              /* y: next free row */
	int margin;
	int number_y, number_h;   /* rows of the big number */
	unsigned char *px;        /* 1 = black */
	double scale;             /* paper width / 384 */
	char font[1024], bold[1024];
};

/* FreeType's library object is shared by every TTF_Font in the process:
 * opening and closing faces must not run in two threads at once.  The
 * kiosk renders its preview on the UI thread and prints from a worker. */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static int
px_of(const struct canvas *c, int base)
{
	int v = (int)(base * c->scale + 0.5);

	return v < 8 ? 8 : v;
}

static TTF_Font *
open_font(const struct canvas *c, int px, int bold)
{
	return TTF_OpenFont(bold ? c->bold : c->font, px);
}

/* Copy a rendered text surface onto the canvas at (x, y); ink where its
 * alpha is at least half.  invert: clear instead of set (white on black). */
static void
blit(struct canvas *c, SDL_Surface *s, int x, int y, int invert)
{
	SDL_Surface *conv = SDL_ConvertSurfaceFormat(s,
	    SDL_PIXELFORMAT_ARGB8888, 0);

	if (!conv)
		return;
	SDL_LockSurface(conv);
	for (int r = 0; r < conv->h; r++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)conv->pixels +
		    (size_t)r * conv->pitch);
		int cy = y + r;

		if (cy < 0 || cy >= c->h)
			continue;
		for (int k = 0; k < conv->w; k++) {
			int cx = x + k;

			if (cx < 0 || cx >= c->w || (row[k] >> 24) < 128)
				continue;
			c->px[(size_t)cy * c->w + cx] = invert ? 0 : 1;
		}
	}
	SDL_UnlockSurface(conv);
	SDL_FreeSurface(conv);
}

static void
fill(struct canvas *c, int x, int y, int w, int h, int v)
{
	for (int r = y; r < y + h && r < c->h; r++)
		for (int k = x; k < x + w && k < c->w; k++)
			if (r >= 0 && k >= 0)
				c->px[(size_t)r * c->w + k] = (unsigned char)v;
}

/* One line of text centred between the margins at row c->y.  Shrinks the
 * size until the line fits.  Returns 0, or -1 when no font opens. */
static int
line(struct canvas *c, const char *s, int px, int bold, int invert)
{
	int maxw = c->w - 2 * c->margin, tw = 0, th = 0;
	SDL_Color black = { 0, 0, 0, 255 };
	SDL_Surface *surf;
	TTF_Font *f;

	if (!s || !*s)
		return 0;
	for (;;) {
		if (!(f = open_font(c, px, bold)))
			return -1;
		TTF_SizeUTF8(f, s, &tw, &th);
		if (tw <= maxw || px <= 8)
			break;
		TTF_CloseFont(f);
		px = px * maxw / tw;
		if (px < 8)
			px = 8;
	}
	surf = TTF_RenderUTF8_Blended(f, s, black);
	if (surf) {
		int x = (c->w - surf->w) / 2;
		int pad = invert ? px / 5 + 2 : 0;

		if (invert)
			fill(c, c->margin, c->y, maxw, surf->h + 2 * pad, 1);
		blit(c, surf, x, c->y + pad, invert);
		c->y += surf->h + 2 * pad;
		SDL_FreeSurface(surf);
	}
	TTF_CloseFont(f);
	return 0;
}

/* Word-wrapped text, each line centred.  invert: the whole block white on
 * black.  Returns 0, or -1 when no font opens. */
static int
para(struct canvas *c, const char *s, int px, int bold, int invert)
{
	int maxw = c->w - 2 * c->margin - (invert ? 2 * (px / 3) : 0);
	char buf[1024], out[1024];
	int tw, th, start = c->y, pad = invert ? px / 3 : 0;
	size_t n = 0;
	TTF_Font *f;
	char *word, *save = NULL;
	SDL_Color black = { 0, 0, 0, 255 };
	struct { int y; SDL_Surface *s; } lines[32];
	int nl = 0, y;

	if (!s || !*s)
		return 0;
	if (!(f = open_font(c, px, bold)))
		return -1;
	snprintf(buf, sizeof buf, "%s", s);
	out[0] = 0;
	y = pad;
	for (word = strtok_r(buf, " ", &save); ; word = strtok_r(NULL, " ",
	    &save)) {
		char try[1024];
		int flush = 0;

		if (word) {
			size_t ol = strlen(out), wl = strlen(word);

			/* buf is at most 1023 bytes: out + " " + word fits */
			memcpy(try, out, ol);
			try[ol] = ' ';
			memcpy(try + ol + (n ? 1 : 0), word, wl + 1);
			TTF_SizeUTF8(f, try, &tw, &th);
			if (tw > maxw && n)
				flush = 1;
		}
		if ((flush || !word) && n && nl < 32) {
			lines[nl].s = TTF_RenderUTF8_Blended(f, out, black);
			lines[nl].y = y;
			y += TTF_FontLineSkip(f);
			nl++;
			n = 0;
			out[0] = 0;
			if (word)
				memcpy(try, word, strlen(word) + 1);
		}
		if (!word)
			break;
		memcpy(out, try, strlen(try) + 1);
		n++;
	}
	if (invert)
		fill(c, c->margin, start, c->w - 2 * c->margin, y + pad, 1);
	for (int i = 0; i < nl; i++) {
		if (!lines[i].s)
			continue;
		blit(c, lines[i].s, (c->w - lines[i].s->w) / 2, start +
		    lines[i].y, invert);
		SDL_FreeSurface(lines[i].s);
	}
	c->y = start + y + pad;
	TTF_CloseFont(f);
	return 0;
}

static void
rule(struct canvas *c, int thick)
{
	fill(c, c->margin, c->y, c->w - 2 * c->margin, thick, 1);
	c->y += thick;
}

static void
gap(struct canvas *c, int base)
{
	c->y += px_of(c, base);
}

static void
fmt_time(enum lang l, int64_t ms, char *buf, size_t len)
{
	static const char *const mon_id[] = { "Januari", "Februari", "Maret",
		"April", "Mei", "Juni", "Juli", "Agustus", "September",
		"Oktober", "November", "Desember" };
	static const char *const mon_en[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	time_t t = ms > 0 ? (time_t)(ms / 1000) : time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(buf, len, "%d %s %d  %02d:%02d", tm.tm_mday,
	    (l == LANG_EN ? mon_en : mon_id)[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min);
}

/* The QR code of the ticket's link under the number, and a line saying
 * what it is for; nothing without a public URL or a token.  Modules are
 * whole dots (about 22 mm wide on paper) with the quiet zone of four
 * modules the standard asks for.  Returns 0, or -1 when no font opens. */
static int
qr_block(struct canvas *c, const struct print_opts *o,
         const struct q_ticket *t)
{
	char url[400];
	struct ticket_qr qr;
	int m, x0, y0;

	if (ticket_qr_url(o->public_url, t, url, sizeof url) ||
	    ticket_qr_make(url, &qr))
		return 0;
	m = px_of(c, 176) / (qr.size + 8);
	if (m < 3)
		m = 3;
	x0 = (c->w - qr.size * m) / 2;
	y0 = c->y + 4 * m;
	for (int r = 0; r < qr.size; r++)
		for (int k = 0; k < qr.size; k++)
			if (qr.mod[r * qr.size + k])
				fill(c, x0 + k * m, y0 + r * m, m, m, 1);
	c->y = y0 + (qr.size + 4) * m;
	ticket_qr_free(&qr);
	return para(c, tr(o->lang, "Pantau antrean di ponsel",
	    "Follow on your phone"), px_of(c, 20), 1, 0);
}

static int
draw(struct canvas *c, const struct print_opts *o, const struct q_ticket *t,
     const struct ticket_text *tx)
{
	enum lang l = o->lang;
	char buf[256], wait[64];
	const char *h1 = o->header[0][0] ? o->header[0] :
	    (tx && tx->office ? tx->office : "");
	int rc = 0;

	gap(c, 6);
	rc |= para(c, h1, px_of(c, 26), 1, 0);
	rc |= para(c, o->header[1], px_of(c, 19), 0, 0);
	rc |= para(c, o->header[2], px_of(c, 19), 0, 0);
	gap(c, 8);
	rule(c, px_of(c, 3));
	gap(c, 8);
	if (tx && tx->service_name && *tx->service_name)
		rc |= para(c, tx->service_name, px_of(c, 28), 1, 0);
	gap(c, 4);
	rc |= line(c, tr(l, "NOMOR ANTREAN", "YOUR NUMBER"), px_of(c, 20), 0, 0);
	c->number_y = c->y;
	rc |= line(c, t->label, px_of(c, 150), 1, 0);
	c->number_h = c->y - c->number_y;
	fmt_time(l, t->issued_ms, buf, sizeof buf);
	rc |= line(c, buf, px_of(c, 20), 0, 0);
	rc |= qr_block(c, o, t);
	gap(c, 8);
	rule(c, px_of(c, 1) < 2 ? 2 : px_of(c, 1));
	gap(c, 8);
	if (t->people_ahead >= 0) {
		if (l == LANG_EN)
			snprintf(buf, sizeof buf, "People ahead of you: %d",
			    t->people_ahead);
		else
			snprintf(buf, sizeof buf, "Antrean di depan Anda: %d "
			    "orang", t->people_ahead);
		rc |= line(c, buf, px_of(c, 22), 0, 0);
		i18n_wait(l, t->est_wait_s, wait, sizeof wait);
		snprintf(buf, sizeof buf, "%s: %s", i18n_w(l, W_T_WAIT), wait);
		rc |= line(c, buf, px_of(c, 22), 0, 0);
		gap(c, 10);
	}
	if (t->state == Q_OUTSIDE)
		rc |= para(c, i18n_w(l, W_T_GO_OUTSIDE), px_of(c, 23), 1, 1);
	else if (t->state == Q_ADMITTED || t->state == Q_CALLED)
		rc |= para(c, i18n_w(l, W_T_GO_IN), px_of(c, 23), 1, 1);
	gap(c, 10);
	if (tx && tx->note && *tx->note) {
		rc |= para(c, tx->note, px_of(c, 18), 1, 0);
		gap(c, 4);
	}
	rc |= para(c, o->footer, px_of(c, 18), 0, 0);
	gap(c, 10);
	return rc ? -1 : 0;
}

int
ticket_render(const struct print_opts *o, const struct q_ticket *t,
              const struct ticket_text *tx, struct ticket_bitmap *out,
              char *err, size_t errlen)
{
	struct canvas c;
	int rc = -1, w = o->paper_dots == 576 ? 576 : 384;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.w = w;
	c.h = CANVAS_MAX_H;
	c.scale = w / 384.0;
	c.margin = w == 576 ? 24 : 12;
	if (ui_find_font(o->font[0] ? o->font : NULL, o->font_dir, 0, c.font,
	    sizeof c.font) || ui_find_font(o->font_bold[0] ? o->font_bold :
	    NULL, o->font_dir, 1, c.bold, sizeof c.bold)) {
		snprintf(err, errlen, "no font found (set [ui] font and "
		    "font_bold, or install fonts-dejavu-core)");
		return -1;
	}
	if (!(c.px = calloc((size_t)c.w * c.h, 1))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	pthread_mutex_lock(&render_lock);
	if (TTF_Init() != 0) {
		snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
		goto out;
	}
	if (draw(&c, o, t, tx)) {
		snprintf(err, errlen, "cannot open the font %s or %s: %s",
		    c.font, c.bold, TTF_GetError());
		TTF_Quit();
		goto out;
	}
	TTF_Quit();
	if (c.y > c.h)
		c.y = c.h;
	out->w = c.w;
	out->h = c.y;
	out->stride = (c.w + 7) / 8;
	out->number_y = c.number_y;
	out->number_h = c.number_h;
	if (!(out->bits = calloc((size_t)out->stride * out->h, 1))) {
		snprintf(err, errlen, "out of memory");
		memset(out, 0, sizeof *out);
		goto out;
	}
	for (int y = 0; y < out->h; y++)
		for (int x = 0; x < out->w; x++)
			if (c.px[(size_t)y * c.w + x])
				out->bits[(size_t)y * out->stride + x / 8] |=
				    (unsigned char)(0x80 >> (x % 8));
	rc = 0;
out:
	pthread_mutex_unlock(&render_lock);
	free(c.px);
	return rc;
}

void
ticket_bitmap_free(struct ticket_bitmap *b)
{
	if (!b)
		return;
	free(b->bits);
	memset(b, 0, sizeof *b);
}
