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

int
kd_text(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
        SDL_Color c, int align)
{
	return ui_draw_text(&v->ui, s, b, kd_big(v, px), bold, kd_tc(v, c),
	    align);
}

int
kd_fit(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
       SDL_Color c, int align)
{
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
		dst.y = box.y + (box.h - dst.h) / 2;
	}
	SDL_RenderCopy(v->ui.ren, sl->tex, NULL, &dst);
}
