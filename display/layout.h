/* layout.h - where everything on the room's screen goes.
 *
 * Start reading here for the display's geometry.  layout_compute() turns an
 * output size (1280x720 .. 3840x2160, landscape or portrait) and the number
 * of counters and services into rectangles; draw.c draws into them.  Pure
 * arithmetic, no SDL calls (SDL_Rect is only a plain struct here):
 * tests/unit/test_display_layout.c checks that nothing overlaps, nothing
 * leaves the screen and the called number stays big.
 */
#ifndef ANTRI_DISPLAY_LAYOUT_H
#define ANTRI_DISPLAY_LAYOUT_H

#include <SDL_rect.h>

#define LAYOUT_MAX_COUNTERS 64
#define LAYOUT_MAX_SERVICES 26
#define LAYOUT_RECENT 5         /* rows of "last calls" */
#define LAYOUT_ADMITTED 6       /* cells of "silakan masuk" */

struct layout_tile {            /* one counter */
	SDL_Rect box, label, number;
};

struct layout {
	int w, h, portrait;
	int margin, radius;
	SDL_Rect header, office, clock;
	SDL_Rect main, main_title, main_number, main_counter_label,
	    main_counter;
	SDL_Rect counters;      /* area of the tiles */
	int ncounters;
	struct layout_tile tile[LAYOUT_MAX_COUNTERS];
	SDL_Rect recent, recent_title, recent_row[LAYOUT_RECENT];
	SDL_Rect admitted, admitted_title, admitted_cell[LAYOUT_ADMITTED];
	SDL_Rect occupancy, occupancy_title, occupancy_value;
	SDL_Rect services, services_title;
	int nservices;
	SDL_Rect service_row[LAYOUT_MAX_SERVICES];
	SDL_Rect notice;
};

/* Fill l for an output of w x h pixels showing ncounters counter tiles and
 * nservices service rows (both clamped to the maxima above; 0 is fine).
 * Every rectangle lies inside the output.  Never fails. */
void layout_compute(struct layout *l, int w, int h, int ncounters,
                    int nservices);

/* The leaf rectangles that carry text and must not overlap one another,
 * written to out (at most max); returns how many.  For tests and for the
 * scene dump. */
int layout_leaves(const struct layout *l, SDL_Rect *out, int max);

/* 1 if a and b share at least one pixel. */
int layout_overlap(SDL_Rect a, SDL_Rect b);
/* 1 if inner lies entirely inside outer. */
int layout_inside(SDL_Rect inner, SDL_Rect outer);

#endif
