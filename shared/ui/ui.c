/* ui.c - window, renderer, fonts and cached text for every antri screen.
 */
#define _POSIX_C_SOURCE 200809L
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

int
ui_find_font(const char *configured, const char *dir, int bold, char *out,
             size_t len)
{
	const char *name = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
	char dirs[UTIL_SHARE_DIRS + 2][UTIL_PATH_MAX];
	int n = 0;

	if (configured && *configured) {
		snprintf(out, len, "%s", configured);
		return access(out, R_OK) == 0 ? 0 : -1;
	}
	if (dir && *dir)
		snprintf(dirs[n++], UTIL_PATH_MAX, "%s", dir);
	n += util_share_dirs("fonts", dirs + n, UTIL_SHARE_DIRS);
	snprintf(dirs[n++], UTIL_PATH_MAX, "/usr/share/fonts/truetype/dejavu");
	for (int i = 0; i < n; i++) {
		snprintf(out, len, "%s/%s", dirs[i], name);
		if (access(out, R_OK) == 0)
			return 0;
	}
	out[0] = 0;
	return -1;
}

static const char *renderer_opt;   /* --renderer, over [ui] renderer */

int
ui_set_renderer(const char *name)
{
	if (!name || (strcmp(name, "auto") && strcmp(name, "software") &&
	    strcmp(name, "accelerated")))
		return -1;
	renderer_opt = name;
	return 0;
}

static int
make_renderer(struct ui *u, int soft)
{

	if (!soft) {
		u->ren = SDL_CreateRenderer(u->win, -1,
		    SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
		if (!u->ren)
			u->ren = SDL_CreateRenderer(u->win, -1,
			    SDL_RENDERER_ACCELERATED);
	}
	if (!u->ren) {
		u->ren = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_SOFTWARE);
		soft = 1;
	}
	u->software = soft;
	return u->ren ? 0 : -1;
}

int
ui_open(struct ui *u, const char *title, int fullscreen, int w, int h,
        const config *cfg, char *err, size_t errlen)
{
	const char *want = renderer_opt ? renderer_opt : config_str(cfg, "ui",
	    "renderer", "auto");
	const char *fdir = config_str(cfg, "ui", "font_dir", NULL);
	Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE |
	    SDL_WINDOW_ALLOW_HIGHDPI;

	memset(u, 0, sizeof *u);
	if (ui_find_font(config_str(cfg, "ui", "font", NULL), fdir, 0,
	    u->font_path, sizeof u->font_path) || ui_find_font(config_str(cfg,
	    "ui", "font_bold", NULL), fdir, 1, u->bold_path, sizeof u->bold_path)) {
		snprintf(err, errlen, "no font found (set [ui] font and "
		    "font_bold in the config, or install fonts-dejavu-core)");
		return -1;
	}
	/* the software renderer must not pull in Mesa's GL */
	if (!strcmp(want, "software"))
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
	if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		snprintf(err, errlen, "cannot start the video: %s",
		    SDL_GetError());
		return -1;
	}
	if (TTF_Init() != 0) {
		snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
		return -1;
	}
	if (fullscreen)
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	u->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED,
	    SDL_WINDOWPOS_CENTERED, w > 0 ? w : 1280, h > 0 ? h : 720, flags);
	if (!u->win || make_renderer(u, !strcmp(want, "software"))) {
		snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
		ui_close(u);
		return -1;
	}
	SDL_DisableScreenSaver();
	ui_resize(u);
	return 0;
}

static void
drop_text(struct ui_text *t)
{
	if (t->tex)
		SDL_DestroyTexture(t->tex);
	free(t->s);
	memset(t, 0, sizeof *t);
}

void
ui_close(struct ui *u)
{
	for (int i = 0; i < UI_TEXTS; i++)
		drop_text(&u->texts[i]);
	for (int i = 0; i < UI_FONTS; i++)
		if (u->fonts[i].f)
			TTF_CloseFont(u->fonts[i].f);
	if (u->ren)
		SDL_DestroyRenderer(u->ren);
	if (u->win)
		SDL_DestroyWindow(u->win);
	memset(u->fonts, 0, sizeof u->fonts);
	u->ren = NULL;
	u->win = NULL;
	if (TTF_WasInit())
		TTF_Quit();
	SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

void
ui_resize(struct ui *u)
{
	if (SDL_GetRendererOutputSize(u->ren, &u->w, &u->h) != 0)
		SDL_GetWindowSize(u->win, &u->w, &u->h);
}

TTF_Font *
ui_font(struct ui *u, int px, int bold)
{
	int slot = -1;

	if (px < 6)
		px = 6;
	for (int i = 0; i < UI_FONTS; i++) {
		if (u->fonts[i].f && u->fonts[i].px == px &&
		    u->fonts[i].bold == bold)
			return u->fonts[i].f;
		if (!u->fonts[i].f && slot < 0)
			slot = i;
	}
	if (slot < 0) {            /* full: forget the oldest opened */
		TTF_CloseFont(u->fonts[0].f);
		memmove(&u->fonts[0], &u->fonts[1],
		    (UI_FONTS - 1) * sizeof u->fonts[0]);
		slot = UI_FONTS - 1;
		/* textures keep their pixels; only fonts are reopened */
	}
	u->fonts[slot].f = TTF_OpenFont(bold ? u->bold_path : u->font_path, px);
	u->fonts[slot].px = px;
	u->fonts[slot].bold = bold;
	return u->fonts[slot].f;
}

static unsigned long
hash(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

SDL_Texture *
ui_text(struct ui *u, const char *s, int px, int bold, SDL_Color c, int *w,
        int *h)
{
	Uint32 rgba = (Uint32)c.r << 24 | (Uint32)c.g << 16 |
	    (Uint32)c.b << 8 | c.a;
	unsigned long hh;
	struct ui_text *t, *victim = NULL;
	SDL_Surface *surf;
	TTF_Font *f;

	if (!s || !*s)
		return NULL;
	hh = hash(s);
	for (int i = 0; i < UI_TEXTS; i++) {
		t = &u->texts[i];
		if (t->tex && t->hash == hh && t->px == px && t->bold == bold &&
		    t->rgba == rgba && !strcmp(t->s, s)) {
			t->used = u->frame;
			*w = t->w;
			*h = t->h;
			return t->tex;
		}
		if (!t->tex) {
			if (!victim || victim->tex)
				victim = t;
		} else if (!victim || (victim->tex && t->used < victim->used)) {
			victim = t;
		}
	}
	if (!(f = ui_font(u, px, bold)))
		return NULL;
	if (!(surf = TTF_RenderUTF8_Blended(f, s, c)))
		return NULL;
	drop_text(victim);
	victim->tex = SDL_CreateTextureFromSurface(u->ren, surf);
	victim->w = surf->w;
	victim->h = surf->h;
	SDL_FreeSurface(surf);
	if (!victim->tex || !(victim->s = strdup(s))) {
		drop_text(victim);
		return NULL;
	}
	victim->hash = hh;
	victim->px = px;
	victim->bold = bold;
	victim->rgba = rgba;
	victim->used = u->frame;
	*w = victim->w;
	*h = victim->h;
	return victim->tex;
}

void
ui_text_trim(struct ui *u, unsigned long before)
{
	for (int i = 0; i < UI_TEXTS; i++)
		if (u->texts[i].tex && u->texts[i].used < before)
			drop_text(&u->texts[i]);
}

void
ui_measure(struct ui *u, const char *s, int px, int bold, int *w, int *h)
{
	TTF_Font *f = ui_font(u, px, bold);

	*w = *h = 0;
	if (f && s && *s)
		TTF_SizeUTF8(f, s, w, h);
}

int
ui_fit(struct ui *u, const char *s, int px, int bold, int maxw)
{
	int w, h;

	ui_measure(u, s, px, bold, &w, &h);
	if (w <= maxw || w == 0)
		return px;
	px = (int)((long)px * maxw / w);
	while (px > 8) {
		ui_measure(u, s, px, bold, &w, &h);
		if (w <= maxw)
			break;
		px = px * 9 / 10;
	}
	return px < 8 ? 8 : px;
}

int
ui_draw_text(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
             SDL_Color c, int align)
{
	SDL_Texture *tex;
	SDL_Rect dst;
	int w, h;

	if (!s || !*s)
		return px;
	px = ui_fit(u, s, px, bold, box.w);
	if (!(tex = ui_text(u, s, px, bold, c, &w, &h)))
		return px;
	dst.w = w;
	dst.h = h;
	dst.y = box.y + (box.h - h) / 2;
	dst.x = align == UI_LEFT ? box.x : align == UI_RIGHT ?
	    box.x + box.w - w : box.x + (box.w - w) / 2;
	SDL_RenderCopy(u->ren, tex, NULL, &dst);
	return px;
}

/* The largest size <= px at which s fits in maxw x maxh, at least 8; 0
 * when it does not fit even at 8. */
static int
fit_box(struct ui *u, const char *s, int px, int bold, int maxw, int maxh)
{
	int w, h;

	px = ui_fit(u, s, px, bold, maxw);
	for (ui_measure(u, s, px, bold, &w, &h); h > maxh && px > 8;
	    ui_measure(u, s, px, bold, &w, &h))
		px = px * 9 / 10;
	if (px < 8)
		ui_measure(u, s, px = 8, bold, &w, &h);
	return w <= maxw ? px : 0;
}

int
ui_fit_plan(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
            size_t *second, size_t *cut)
{
	int least = px * UI_FIT_MIN_PCT / 100, one, best = 0, top = 0;
	int wide = 0, stop = 0, w, h;
	size_t n = strlen(s), at = 0;
	char buf[512];
	short fits[512];             /* the size a split at each space allows */

	*second = *cut = 0;
	if (least < 8)
		least = 8;      /* a small box: 8 is the floor, not 60% */
	if ((one = fit_box(u, s, px, bold, box.w, box.h)) >= least)
		return one;
	/* two lines: the largest size any split allows; then, of the splits
	 * within a tenth of it (the step of the sizes tried), one after a
	 * sentence's end if there is one, the most even (its longer line the
	 * shortest): "Unknown code at this office. / Please check your
	 * code.", not "Unknown code / at this office. Please check your
	 * code." for a pixel more, which the sizes' steps give by chance */
	for (size_t i = 1; i + 1 < n && n < sizeof buf; i++) {
		int a, b;

		fits[i] = 0;
		if (s[i] != ' ')
			continue;
		memcpy(buf, s, i);
		buf[i] = 0;
		a = fit_box(u, buf, px, bold, box.w, box.h / 2);
		b = fit_box(u, s + i + 1, px, bold, box.w, box.h / 2);
		fits[i] = (short)(a < b ? a : b);
		if (fits[i] > top)
			top = fits[i];
	}
	for (size_t i = 1; i + 1 < n && n < sizeof buf; i++) {
		int m = fits[i], wa, wb, end;

		if (m == 0 || m * 10 < top * 9 || m < least || m <= one)
			continue;
		end = strchr(".!?", s[i - 1]) != NULL;
		if (end < stop)
			continue;
		memcpy(buf, s, i);
		buf[i] = 0;
		ui_measure(u, buf, px, bold, &wa, &h);
		ui_measure(u, s + i + 1, px, bold, &wb, &h);
		if (!at || end > stop || (wa > wb ? wa : wb) < wide) {
			wide = wa > wb ? wa : wb;
			best = m;
			stop = end;
			at = i + 1;
		}
	}
	if (at && best >= least && best > one) {
		*second = at;
		return best;
	}
	/* one line at the least size, cut at a character boundary + "..." */
	if ((w = fit_box(u, "M\xe2\x80\xa6", least, bold, box.w, box.h)))
		least = w;
	for (size_t k = n < sizeof buf - 4 ? n : sizeof buf - 4; k > 0; k--) {
		if (((unsigned char)s[k] & 0xC0) == 0x80)
			continue;            /* inside a UTF-8 character */
		memcpy(buf, s, k);
		memcpy(buf + k, "\xe2\x80\xa6", 4);
		ui_measure(u, buf, least, bold, &w, &h);
		if (w <= box.w) {
			*cut = k;
			return least;
		}
	}
	*cut = 1;
	return least;
}

/* One line of s (n bytes, or all of it) at px inside box. */
static void
draw_line(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
          SDL_Color c, int align)
{
	SDL_Texture *tex;
	SDL_Rect dst;
	int w, h;

	if (!(tex = ui_text(u, s, px, bold, c, &w, &h)))
		return;
	dst.w = w < box.w ? w : box.w;
	dst.h = h;
	dst.y = box.y + (box.h - h) / 2;
	dst.x = align == UI_LEFT ? box.x : align == UI_RIGHT ?
	    box.x + box.w - dst.w : box.x + (box.w - dst.w) / 2;
	SDL_RenderCopy(u->ren, tex, NULL, &dst);
}

int
ui_fit_lines(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
             char text[2][512], SDL_Rect at[2], int *used)
{
	size_t second, cut;

	*used = px;
	if (!s || !*s)
		return 0;
	*used = ui_fit_plan(u, s, box, px, bold, &second, &cut);
	at[0] = at[1] = box;
	if (second) {
		int w, h0, h1, lh;

		snprintf(text[0], 512, "%.*s", (int)(second - 1), s);
		snprintf(text[1], 512, "%s", s + second);
		/* the two lines together, as one block centred in the box (a
		 * tall box must not hold them apart) */
		ui_measure(u, text[0], *used, bold, &w, &h0);
		ui_measure(u, text[1], *used, bold, &w, &h1);
		lh = h0 > h1 ? h0 : h1;
		if (lh <= 0 || 2 * lh > box.h)
			lh = box.h / 2;
		at[0].y = box.y + (box.h - 2 * lh) / 2;
		at[0].h = at[1].h = lh;
		at[1].y = at[0].y + lh;
		return 2;
	}
	if (cut)
		snprintf(text[0], 512, "%.*s\xe2\x80\xa6", (int)cut, s);
	else
		snprintf(text[0], 512, "%s", s);
	return 1;
}

int
ui_draw_fit(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
            SDL_Color c, int align)
{
	char text[2][512];
	SDL_Rect at[2];
	int n = ui_fit_lines(u, s, box, px, bold, text, at, &px);

	for (int i = 0; i < n; i++)
		draw_line(u, text[i], at[i], px, bold, c, align);
	return px;
}

void
ui_fill(struct ui *u, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, c.a);
	SDL_SetRenderDrawBlendMode(u->ren, c.a == 255 ? SDL_BLENDMODE_NONE :
	    SDL_BLENDMODE_BLEND);
	SDL_RenderFillRect(u->ren, &r);
}

void
ui_round(struct ui *u, SDL_Rect r, int rad, SDL_Color c)
{
	SDL_Rect mid = { r.x, r.y + rad, r.w, r.h - 2 * rad };

	if (rad * 2 > r.h)
		rad = r.h / 2;
	if (rad * 2 > r.w)
		rad = r.w / 2;
	mid = (SDL_Rect){ r.x, r.y + rad, r.w, r.h - 2 * rad };
	ui_fill(u, mid, c);
	/* the rounded top and bottom bands, one line each */
	for (int dy = 0; dy < rad; dy++) {
		int yy = rad - dy;
		int inset = rad - (int)SDL_sqrtf((float)(rad * rad - yy * yy));
		SDL_Rect top = { r.x + inset, r.y + dy, r.w - 2 * inset, 1 };
		SDL_Rect bot = { r.x + inset, r.y + r.h - 1 - dy, r.w - 2 * inset,
			1 };

		ui_fill(u, top, c);
		ui_fill(u, bot, c);
	}
}

void
ui_clear(struct ui *u, SDL_Color c)
{
	SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, c.a);
	SDL_RenderClear(u->ren);
}

void
ui_present(struct ui *u)
{
	SDL_RenderPresent(u->ren);
	u->frame++;
	if (!u->shown) {
		SDL_ShowWindow(u->win);
		u->shown = 1;
	}
}

int
ui_save_bmp(struct ui *u, const char *path)
{
	SDL_Surface *s;
	int rc = -1;

	s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 32,
	    SDL_PIXELFORMAT_ARGB8888);
	if (!s)
		return -1;
	if (SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_ARGB8888,
	    s->pixels, s->pitch) == 0)
		rc = SDL_SaveBMP(s, path);
	SDL_FreeSurface(s);
	return rc;
}
