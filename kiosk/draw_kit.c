/* draw_kit.c - the kiosk's drawing kit: see draw_kit.h. */
#define _POSIX_C_SOURCE 200809L
#include "draw_kit.h"
#include "words.h"

#include <stdio.h>
#include <string.h>

const SDL_Color BG = { 244, 243, 238, 255 };
const SDL_Color INK = { 20, 24, 32, 255 };
const SDL_Color SOFT = { 70, 76, 88, 255 };
const SDL_Color WHITE = { 255, 255, 255, 255 };
const SDL_Color HEAD = { 18, 36, 66, 255 };
const SDL_Color GREY = { 150, 150, 150, 255 };
const SDL_Color GREYBG = { 214, 214, 210, 255 };
const SDL_Color GO = { 0, 110, 50, 255 };
const SDL_Color WAIT = { 176, 96, 0, 255 };
const SDL_Color BAD = { 178, 24, 24, 255 };
const SDL_Color KEY = { 40, 62, 100, 255 };
const SDL_Color CHECKIN = { 92, 38, 128, 255 };   /* white on it: 10:1 */

SDL_Color
kd_tc(const struct kiosk_view *v, SDL_Color c)
{
	SDL_Color out;

	if (!v->hc)
		return c;
	if (!memcmp(&c, &INK, sizeof c) || !memcmp(&c, &WHITE, sizeof c))
		return words_hc_colour(KHC_TEXT);
	if (!memcmp(&c, &SOFT, sizeof c) || !memcmp(&c, &GREY, sizeof c))
		return words_hc_colour(KHC_SOFT);
	out = words_hc_colour(KHC_ACCENT);
	return out;
}

int
kd_big(const struct kiosk_view *v, int px)
{
	return v->hc ? px * 5 / 4 : px;
}

void
kd_note(struct kiosk_view *v, const char *s, SDL_Rect box, int px, int bold)
{
	struct kiosk_seen *n;
	size_t second = 0, cut = 0;

	if (!v->seen || v->nseen >= v->maxseen || !s || !*s)
		return;
	n = &v->seen[v->nseen++];
	snprintf(n->s, sizeof n->s, "%s", s);
	n->px = ui_fit_plan(&v->ui, s, box, px, bold, &second, &cut);
	n->cut = cut != 0;
}

#define WRAP_LINES 3
#define WRAP_WORDS 48

/* Large text: the largest size <= px at which s fits box on one to
 * WRAP_LINES lines broken at spaces, never inside a word; the lines into
 * line[], their number into *n.  Sizes are tried from widths measured
 * once at px and scaled (a font's advance grows with its size), and the
 * chosen one measured again.  0 when even 8 px does not fit. */
static int
wrap_plan(struct kiosk_view *v, const char *s, SDL_Rect box, int px,
          int bold, char line[WRAP_LINES][256], int *n, int *skip)
{
	int ww[WRAP_WORDS], nw = 0, sp, aa, h;
	const char *word[WRAP_WORDS];
	size_t wl[WRAP_WORDS];
	TTF_Font *f = ui_font(&v->ui, px, bold);
	char buf[256];

	if (!f || px < 8)
		return 0;
	for (const char *p = s; *p && nw < WRAP_WORDS;) {
		size_t l = strcspn(p, " ");

		if (l) {
			snprintf(buf, sizeof buf, "%.*s", (int)l, p);
			word[nw] = p;
			wl[nw] = l;
			ui_measure(&v->ui, buf, px, bold, &ww[nw], &h);
			nw++;
		}
		p += l;
		p += strspn(p, " ");
	}
	if (!nw)
		return 0;
	ui_measure(&v->ui, "a a", px, bold, &sp, &h);   /* a space's width */
	ui_measure(&v->ui, "aa", px, bold, &aa, &h);
	sp -= aa;
	*skip = TTF_FontLineSkip(f);
	for (int p = px; p >= 8; p = p > 80 ? p * 39 / 40 : p - 1) {
		int lines = 1, cur = 0, ok = 1, brk;
		long lim = (long)box.w * px;      /* widths in px units */

		for (int i = 0; i < nw && ok; i++) {
			long add = (long)ww[i] * p, spc = (long)sp * p;

			if (add > lim)
				ok = 0;
			else if (cur && (long)cur * p + spc + add > lim) {
				lines++;
				cur = ww[i];
			} else
				cur += (cur ? sp : 0) + ww[i];
		}
		if (!ok || lines > WRAP_LINES ||
		    (long)lines * *skip * p > (long)box.h * px)
			continue;
		/* two lines: the break that leaves the longer one shortest,
		 * after a colon when that is possible ("Perkiraan tunggu:" /
		 * "< 1 menit", never "... < 1" / "menit") */
		brk = -1;
		if (lines == 2) {
			long best = -1;

			for (int k = 1; k < nw; k++) {
				long a = 0, b = 0, m;

				for (int i = 0; i < nw; i++)
					*(i < k ? &a : &b) += ww[i] +
					    (i && i != k ? sp : 0);
				m = a > b ? a : b;
				if (m * p > lim)
					continue;
				if (word[k - 1][wl[k - 1] - 1] == ':')
					m -= (long)box.w * px / p / 4;
				if (best < 0 || m < best) {
					best = m;
					brk = k;
				}
			}
		}
		/* the lines, and the size measured for real */
		*n = 0;
		cur = 0;
		line[0][0] = 0;
		for (int i = 0; i < nw; i++) {
			size_t len = strlen(line[*n]);
			long add = (long)ww[i] * p;

			if (brk >= 0 ? i == brk : cur && (long)cur * p +
			    (long)sp * p + add > (long)box.w * px) {
				(*n)++;
				line[*n][0] = 0;
				len = 0;
				cur = 0;
			}
			snprintf(line[*n] + len, 256 - len, "%s%.*s", cur ? " " :
			    "", (int)wl[i], word[i]);
			cur += (cur ? sp : 0) + ww[i];
		}
		(*n)++;
		for (int i = 0; i < *n && ok; i++) {
			int w;

			ui_measure(&v->ui, line[i], p, bold, &w, &h);
			ok = w <= box.w;
		}
		if (!ok)
			continue;
		/* the scaled widths are a little pessimistic: the same lines
		 * a few pixels larger, measured */
		while (p < px) {
			TTF_Font *g = ui_font(&v->ui, p + 1, bold);

			for (int i = 0; i < *n && ok; i++) {
				int w;

				ui_measure(&v->ui, line[i], p + 1, bold, &w, &h);
				ok = w <= box.w;
			}
			if (!ok || !g || *n * TTF_FontLineSkip(g) > box.h)
				break;
			p++;
		}
		f = ui_font(&v->ui, p, bold);
		*skip = f ? TTF_FontLineSkip(f) : (int)((long)*skip * p / px);
		return p;
	}
	return 0;
}

/* s in box as large as it fits on up to WRAP_LINES lines (large text);
 * ui_draw_fit where even that cannot fit.  Returns the size used. */
static int
wrap_draw(struct kiosk_view *v, const char *s, SDL_Rect b, int px,
          int bold, SDL_Color c, int align)
{
	char line[WRAP_LINES][256];
	int n = 0, skip = 0, p = s && *s ? wrap_plan(v, s, b, px, bold, line,
	    &n, &skip) : 0, y;

	if (!p) {
		kd_note(v, s, b, px, bold);
		return ui_draw_fit(&v->ui, s, b, px, bold, c, align);
	}
	if (v->seen && v->nseen < v->maxseen) {
		struct kiosk_seen *r = &v->seen[v->nseen++];

		snprintf(r->s, sizeof r->s, "%s", s);
		r->px = p;
		r->cut = 0;
	}
	y = b.y + (b.h - n * skip) / 2;
	for (int i = 0; i < n; i++)
		ui_draw_text(&v->ui, line[i], (SDL_Rect){ b.x, y + i * skip,
		    b.w, skip }, p, bold, c, align);
	return p;
}

int
kd_text(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
        SDL_Color c, int align)
{
	int used;

	if (v->hc)
		return wrap_draw(v, s, b, kd_big(v, px), bold, kd_tc(v, c),
		    align);
	used = ui_draw_text(&v->ui, s, b, kd_big(v, px), bold,
	    kd_tc(v, c), align);

	if (v->seen && v->nseen < v->maxseen && s && *s) {
		struct kiosk_seen *n = &v->seen[v->nseen++];

		snprintf(n->s, sizeof n->s, "%s", s);
		n->px = used;
		n->cut = 0;               /* ui_draw_text only shrinks */
	}
	return used;
}

int
kd_fit(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
       SDL_Color c, int align)
{
	if (v->hc)
		return wrap_draw(v, s, b, kd_big(v, px), bold, kd_tc(v, c),
		    align);
	kd_note(v, s, b, kd_big(v, px), bold);
	return ui_draw_fit(&v->ui, s, b, kd_big(v, px), bold, kd_tc(v, c),
	    align);
}

/* A filled box; in high contrast black with a white outline. */
void
kd_box(struct kiosk_view *v, SDL_Rect r, int rad, SDL_Color c)
{
	int w = v->L.unit / 8 > 2 ? v->L.unit / 8 : 2;

	if (!v->hc) {
		ui_round(&v->ui, r, rad, c);
		return;
	}
	ui_round(&v->ui, r, rad, words_hc_colour(KHC_TEXT));
	ui_round(&v->ui, (SDL_Rect){ r.x + w, r.y + w, r.w - 2 * w,
	    r.h - 2 * w }, rad, words_hc_colour(KHC_BG));
}

/* A strong colour per service letter; the priority queue is red. */
SDL_Color
kd_service_colour(const struct q_service *s)
{
	static const SDL_Color pal[] = {
		{ 0, 84, 166, 255 },    /* blue */
		{ 0, 122, 64, 255 },    /* green */
		{ 170, 72, 0, 255 },    /* burnt orange */
		{ 104, 36, 150, 255 },  /* purple */
		{ 0, 112, 120, 255 },   /* teal */
		{ 150, 20, 100, 255 },  /* magenta */
	};

	if (s->priority)
		return (SDL_Color){ 190, 20, 30, 255 };
	return pal[(s->code - 'A') % (int)(sizeof pal / sizeof pal[0])];
}

SDL_Rect
kd_shrink(SDL_Rect r, int m)
{
	return (SDL_Rect){ r.x + m, r.y + m, r.w - 2 * m, r.h - 2 * m };
}

void
kd_button(struct kiosk_view *v, SDL_Rect r, SDL_Color bg, const char *label,
       SDL_Color fg)
{
	kd_box(v, r, v->L.unit / 2, bg);
	kd_fit(v, label, kd_shrink(r, v->L.pad / 2), r.h * 2 / 5, 1, fg,
	    UI_CENTER);
}

/* Draw s in box like ui_draw_text, from texture slot i: the texture is
 * made again only when the text, size or colour changed. */
void
kd_slot(struct kiosk_view *v, int i, const char *s, SDL_Rect box, int px,
          int bold, SDL_Color c, int align)
{
	struct kiosk_slot *sl = &v->slots[i];
	SDL_Rect dst;

	if (!s || !*s)
		return;
	c = kd_tc(v, c);
	if (v->hc && i != KSLOT_NUMBER) {
		/* large text: as large as up to three lines allow (from ui.c's
		 * cache: one visitor's texts, not a day's) */
		wrap_draw(v, s, box, kd_big(v, px), bold, c, align);
		return;
	}
	px = ui_fit(&v->ui, s, kd_big(v, px), bold, box.w);
	if (!sl->tex || sl->px != px || sl->bold != bold || strcmp(sl->s, s) ||
	    memcmp(&sl->c, &c, sizeof c)) {
		TTF_Font *f = ui_font(&v->ui, px, bold);
		SDL_Surface *surf = f ? TTF_RenderUTF8_Blended(f, s, c) : NULL;
		int miny = 0, maxy = 0;

		if (sl->tex)
			SDL_DestroyTexture(sl->tex);
		sl->tex = NULL;
		if (!surf)
			return;
		sl->tex = SDL_CreateTextureFromSurface(v->ui.ren, surf);
		sl->w = surf->w;
		sl->h = surf->h;
		SDL_FreeSurface(surf);
		if (TTF_GlyphMetrics(f, '0', NULL, NULL, &miny, &maxy, NULL))
			miny = maxy = 0;
		sl->digit_h = maxy - miny;
		snprintf(sl->s, sizeof sl->s, "%s", s);
		sl->px = px;
		sl->bold = bold;
		sl->c = c;
		if (!sl->tex)
			return;
	}
	dst = (SDL_Rect){ align == UI_LEFT ? box.x : align == UI_RIGHT ?
		box.x + box.w - sl->w : box.x + (box.w - sl->w) / 2,
		box.y + (box.h - sl->h) / 2, sl->w, sl->h };
	if (v->hc && i == KSLOT_NUMBER) {
		/* large text: the digits 15% of the screen's height, even
		 * where the width holds them only a little condensed */
		dst.h = kiosk_number_line_h(&v->L, sl->digit_h, sl->h);
		/* and taller than in normal text where the width holds it to
		 * the same size (a portrait screen) */
		if (dst.h < sl->h * 115 / 100)
			dst.h = sl->h * 115 / 100;
		if (dst.h > box.h && box.h >= sl->h)
			dst.h = box.h;
		dst.y = box.y + (box.h - dst.h) / 2;
	}
	if (v->seen && v->nseen < v->maxseen) {
		struct kiosk_seen *n = &v->seen[v->nseen++];

		/* the size as drawn: the number's stretched height counts */
		snprintf(n->s, sizeof n->s, "%s", s);
		n->px = sl->h ? (int)((long)px * dst.h / sl->h) : px;
		n->cut = 0;
	}
	SDL_RenderCopy(v->ui.ren, sl->tex, NULL, &dst);
}
