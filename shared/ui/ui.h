/* ui.h - SDL drawing helpers shared by the kiosk, the display and the
 * counter panel.
 *
 * One struct ui per window: it opens the window hidden, picks a renderer
 * (accelerated unless [ui] renderer or --renderer says software, or none
 * exists; the software
 * one with SDL_HINT_FRAMEBUFFER_ACCELERATION=0 so Mesa is not loaded),
 * finds the fonts, and keeps rendered text as cached textures.  Programs
 * lay out from u->w and u->h (the renderer's output size, updated by
 * ui_resize) and redraw only when something changed.
 */
#ifndef ANTRI_UI_H
#define ANTRI_UI_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "config.h"

enum { UI_LEFT, UI_CENTER, UI_RIGHT };

#define UI_FONTS 24          /* open (size, weight) pairs kept */
#define UI_TEXTS 384         /* cached text textures */

struct ui_font {
	int px, bold;
	TTF_Font *f;
};

struct ui_text {
	unsigned long hash;
	int px, bold;
	Uint32 rgba;
	SDL_Texture *tex;
	int w, h;
	unsigned long used;      /* frame it was last drawn in */
	char *s;
};

struct ui {
	SDL_Window *win;
	SDL_Renderer *ren;
	int w, h;                /* renderer output size */
	int software;            /* 1 when the software renderer is used */
	int shown;               /* window shown after its first frame */
	unsigned long frame;
	char font_path[1024], bold_path[1024];
	struct ui_font fonts[UI_FONTS];
	struct ui_text texts[UI_TEXTS];
};

/* Open a window: fullscreen (desktop size) or w x h, hidden until the first
 * ui_present().  Also initialises SDL video and SDL_ttf.  cfg may be NULL;
 * [ui] font and font_bold override the font search, [ui] font_dir
 * is searched first.  On failure returns -1
 * with a reason in err (no font, no video). */
int ui_open(struct ui *u, const char *title, int fullscreen, int w, int h,
            const config *cfg, char *err, size_t errlen);
void ui_close(struct ui *u);
/* The renderer a program's --renderer option asks for: auto, software or
 * accelerated; it wins over [ui] renderer for every later ui_open().
 * Returns 0, or -1 (nothing changed) for any other name. */
int ui_set_renderer(const char *name);

/* Find a TrueType font: configured path if set, else in dir ([ui]
 * font_dir; may be NULL), the shared files' "fonts" (util_share_dirs:
 * the source tree's when run from a build, the installed ones), then
 * Debian's DejaVu.  Returns 0 and the path in out, or -1. */
int ui_find_font(const char *configured, const char *dir, int bold, char *out,
                 size_t len);

/* Re-read the output size (after SDL_WINDOWEVENT_SIZE_CHANGED). */
void ui_resize(struct ui *u);

/* A font of px pixels, cached; NULL if it cannot be opened. */
TTF_Font *ui_font(struct ui *u, int px, int bold);
/* Texture of s (UTF-8) in px/bold/colour, cached; w and h get its size.
 * NULL for an empty string or on failure. */
SDL_Texture *ui_text(struct ui *u, const char *s, int px, int bold,
                     SDL_Color c, int *w, int *h);
/* Forget cached texts last drawn before frame `before` (u->frame counts
 * presented frames), to free memory when a screen's texts keep changing. */
void ui_text_trim(struct ui *u, unsigned long before);
/* Size s would have at px, without drawing. */
void ui_measure(struct ui *u, const char *s, int px, int bold, int *w,
                int *h);
/* The largest size <= px at which s fits in maxw (at least 8). */
int ui_fit(struct ui *u, const char *s, int px, int bold, int maxw);

/* Draw s inside box: shrunk to fit the box's width, vertically centred,
 * aligned left/centre/right.  Returns the size used. */
int ui_draw_text(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
                 SDL_Color c, int align);
/* The one way to fit a text of any length into a box: at px if it fits,
 * else shrunk down to UI_FIT_MIN_PCT of px, else on two lines (split at
 * the space that allows the largest size, the most even of those), else
 * one line at the smallest size cut with an ellipsis at a character
 * boundary.  Vertically centred (two lines as one block), aligned
 * left/centre/right.  Returns the size used. */
#define UI_FIT_MIN_PCT 60
int ui_draw_fit(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
                SDL_Color c, int align);
/* How ui_draw_fit would place s, without drawing: the size, and where the
 * second line starts (0 for one line); *cut > 0 is the number of bytes of
 * s kept before an ellipsis. */
int ui_fit_plan(struct ui *u, const char *s, SDL_Rect box, int px, int bold,
                size_t *second, size_t *cut);
/* The lines ui_draw_fit draws for s in box: one or two, the cut one with
 * its ellipsis, into text[] with the box of each into at[]; returns how
 * many (0 for an empty s) and the size in *used. */
int ui_fit_lines(struct ui *u, const char *s, SDL_Rect box, int px,
                 int bold, char text[2][512], SDL_Rect at[2], int *used);
void ui_fill(struct ui *u, SDL_Rect r, SDL_Color c);
/* A filled box with rounded corners of radius rad. */
void ui_round(struct ui *u, SDL_Rect r, int rad, SDL_Color c);
void ui_clear(struct ui *u, SDL_Color c);
/* Present the frame; shows the window after its first frame. */
void ui_present(struct ui *u);
/* Save the frame drawn so far as a BMP file (for tests); call it before
 * ui_present().  0 or -1. */
int ui_save_bmp(struct ui *u, const char *path);

/* 1 if p is inside r. */
static inline int
ui_hit(SDL_Rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

#endif
