/* layout.h - where everything on the room's screen goes.
 *
 * Start reading here for the display's geometry.  layout_compute() turns an
 * output size (1280x720 .. 3840x2160, landscape or portrait) and the number
 * of counters and services into rectangles; board.c draws into them.  Pure
 * arithmetic, no SDL: tests/unit/test_display_layout.c checks that nothing
 * overlaps, nothing leaves the screen and the called number stays big.
 */
#ifndef ANTRI_DISPLAY_LAYOUT_H
#define ANTRI_DISPLAY_LAYOUT_H

#define LAYOUT_MAX_COUNTERS 64
#define LAYOUT_MAX_SERVICES 26
#define LAYOUT_RECENT 5         /* rows of "last calls" */
#define LAYOUT_ADMITTED 6       /* cells of "silakan masuk" */

struct lrect { int x, y, w, h; };

struct layout_tile {            /* one counter */
	struct lrect box, label, number;
};

struct layout {
	int w, h, portrait;
	int margin, radius;
	struct lrect header, office, clock;
	struct lrect main, main_title, main_number, main_counter_label,
	    main_counter;
	struct lrect counters;      /* area of the tiles */
	int ncounters;
	struct layout_tile tile[LAYOUT_MAX_COUNTERS];
	struct lrect recent, recent_title, recent_row[LAYOUT_RECENT];
	struct lrect admitted, admitted_title, admitted_cell[LAYOUT_ADMITTED];
	struct lrect occupancy, occupancy_title, occupancy_value;
	struct lrect services, services_title;
	int nservices;
	struct lrect service_row[LAYOUT_MAX_SERVICES];
	struct lrect notice;
};

/* Fill l for an output of w x h pixels showing ncounters counter tiles and
 * nservices service rows (both clamped to the maxima above; 0 is fine).
 * Every rectangle lies inside the output.  Never fails. */
void layout_compute(struct layout *l, int w, int h, int ncounters,
                    int nservices);

/* The leaf rectangles that carry text and must not overlap one another,
 * written to out (at most max); returns how many.  For tests and for the
 * scene dump. */
int layout_leaves(const struct layout *l, struct lrect *out, int max);

/* 1 if a and b share at least one pixel. */
int layout_overlap(struct lrect a, struct lrect b);
/* 1 if inner lies entirely inside outer. */
int layout_inside(struct lrect inner, struct lrect outer);

#endif
