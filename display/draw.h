/* draw.h - drawing the room's screen from the queue's status.
 *
 * Start here for what the screen shows.  draw_frame() paints one frame
 * into the layout of layout.h with the helpers of ui.h: the latest call
 * (flashing while highlighted), counter tiles, last calls, "silakan
 * masuk", occupancy, waiting per service, clock, the scrolling notice; or
 * a "waiting for the queue" page while the database cannot be read.  With
 * a scene file set, every text drawn is also written there as a line
 * "text TAG X Y W H STRING" so tests can read the frame without eyes.
 */
#ifndef ANTRI_DISPLAY_DRAW_H
#define ANTRI_DISPLAY_DRAW_H

#include <stdio.h>
#include <stdint.h>

#include "i18n.h"
#include "layout.h"
#include "queue.h"
#include "ui.h"

struct draw_view {
	const struct q_status *st;   /* NULL while waiting for the queue */
	const char *wait_reason;     /* shown while st is NULL */
	char hl_label[Q_LABEL_MAX];  /* the call in the big box, "" none */
	int hl_counter;
	int hl_active;               /* highlighted (flashing) now */
	int flash_on;                /* flash phase while highlighted */
	int voice_missing;           /* voice on, clips not found: say so */
	const char *staff;           /* a line for staff ("clock looks
	                              * wrong"), NULL or "" none */
	int64_t wall_ms;             /* for the clock */
	int64_t anim_ms;             /* for the notice scroll */
	enum lang lang;
};

struct draw {
	struct layout lay;
	FILE *scene;                 /* test mode: frame descriptions */
	int notice_scrolls;          /* set by the last full draw: animate */
	/* the static picture, kept for scroll frames */
	SDL_Texture *cache;
	int cw, ch, valid;
	char *scene_buf;             /* its scene lines */
	size_t scene_len;
	unsigned long full_frame[3]; /* frames of the last full draws */
	int nfull;
};

/* Draw one frame of v into u (without presenting).  full: everything
 * changed (lays out again from u->w x u->h); 0: only the scrolling
 * notice moved, the rest is copied from the last full draw.  Never
 * fails; text that cannot be rendered is skipped. */
void draw_frame(struct draw *b, struct ui *u, const struct draw_view *v,
                int full);
/* Free the board's own texture and buffers (before ui_close). */
void draw_free(struct draw *b);

/* Free the cached text textures that none of the last three full draws
 * used (ui.h keeps up to UI_TEXTS of them; after a day of calls that is
 * tens of MB of old numbers).  Call after a full draw. */
void draw_trim_cache(struct draw *b, struct ui *u);

/* Counters with a tile: open or paused ones, at most the layout's. */
int draw_tile_count(const struct q_status *st);

#endif
