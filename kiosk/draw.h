/* draw.h - what the kiosk's screens look like (SDL, via shared/ui/ui.h).
 *
 * kiosk_draw() paints one whole frame of a struct kiosk (kiosk.h) into the
 * boxes of its layout (layout.h); it reads the kiosk and changes nothing
 * of it.  The view keeps what drawing needs between frames: the window,
 * the layout, the paper ticket's picture and the textures of texts that
 * change with every ticket.  main.c presents the frame (ui_present).
 */
#ifndef ANTRI_KIOSK_DRAW_H
#define ANTRI_KIOSK_DRAW_H

#include <stdint.h>

#include "kiosk.h"
#include "layout.h"
#include "print.h"
#include "ui.h"

/* texture slots: the number, people ahead, the wait, then three per
 * service (inside, outside, the wait) */
enum { KSLOT_NUMBER, KSLOT_AHEAD, KSLOT_WAIT, KSLOT_SERVICE,
	KIOSK_SLOTS = KSLOT_SERVICE + 3 * Q_MAX_SERVICES };

struct kiosk_view {
	struct ui ui;
	struct kiosk_layout L;
	struct print_opts po;          /* for the paper ticket's picture */
	int staff_on;                  /* this frame shows the staff's line */
	/* large text, high contrast in this frame (the visitor's button,
	 * kiosk.c's k->big): the large-text layout (kiosk_layout_large),
	 * every text larger, a sentence too wide for one line on two or
	 * three (draw_kit.c), on black; boxes are black with a white outline; text
	 * white, and what was coloured (states, numbers, service letters)
	 * yellow.  Every pair has a contrast of at least 7:1
	 * (tests/unit/test_kiosk.c checks them). */
	int hc;
	/* for the tests: every text of the frame, the size it was drawn at
	 * and whether it was cut with an ellipsis (NULL: nothing kept) */
	struct kiosk_seen {
		char s[96];
		int px, cut;
	} *seen;
	int nseen, maxseen;
	SDL_Texture *preview;          /* the paper ticket's picture */
	int64_t preview_id;
	int preview_w, preview_h;
	/* texts that change with every ticket or count (the number, people
	 * ahead, waits): one texture per place, replaced when the text
	 * changes, so memory stays flat however many tickets a day brings
	 * (ui.c's cache would keep hundreds of them) */
	struct kiosk_slot {
		SDL_Texture *tex;
		char s[160];
		int px, bold, w, h;
		int digit_h;           /* the height of its font's digits */
		SDL_Color c;
	} slots[KIOSK_SLOTS];
};

/* Draw k's current screen into the back buffer; now is the clock of
 * kiosk.h (animation, countdowns). */
void kiosk_draw(struct kiosk_view *v, const struct kiosk *k, int64_t now);
/* The size to ask ui_draw_fit for a service's name in box: px, or
 * smaller where that lets the whole name show on two lines instead of
 * ending in an ellipsis. */
int kiosk_name_px(struct ui *u, const char *s, SDL_Rect box, int px);
/* Free the textures the view made (not the window). */
void kiosk_view_free(struct kiosk_view *v);

#endif
