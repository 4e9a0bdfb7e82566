/* layout.h - where everything of the counter panel goes, and which
 * button a tap hits.  Pure arithmetic: no SDL, no queue, so it is tested
 * without a display (tests/unit/test_counter_layout.c).
 *
 * Start reading at counter_layout_compute().  The window is cut into a top
 * bar (counter, state, room, clock), the current ticket (big), a side
 * column (waiting per service, last tickets served), one line for the
 * result of the last action, and a pad of buttons at the bottom.  Wide
 * windows get one row of six buttons; narrow or portrait ones a grid of
 * three columns.  The same pad holds the service buttons while the clerk
 * picks where to transfer a ticket; in a wide window they take fewer,
 * wider columns when the rows fit, so that long service names can be
 * read.
 */
#ifndef ANTRI_COUNTER_LAYOUT_H
#define ANTRI_COUNTER_LAYOUT_H

#include <SDL_rect.h>   /* SDL_Rect, a plain struct: no SDL call here */

#define CL_MAX_BUTTONS 32    /* 26 services + cancel, with room to spare */
#define CL_MIN_TOUCH 40      /* smallest button height we aim for, px */

struct counter_layout {
	int w, h;                /* the window's output size */
	int portrait;            /* 1 when taller than wide */
	int gap;                 /* space between boxes */
	SDL_Rect top;            /* counter name, state, room, clock */
	SDL_Rect ticket;         /* the current ticket, large */
	SDL_Rect side;           /* waiting per service, last served */
	SDL_Rect side_in;        /* the side card's content, inside its margin */
	int row_h;               /* one row of the waiting list */
	SDL_Rect message;        /* result of the last action */
	SDL_Rect pad;            /* the buttons' area */
	int nbuttons, cols, rows;
	SDL_Rect button[CL_MAX_BUTTONS];
	/* font sizes in px, chosen from the window's size */
	int px_small, px_text, px_title, px_button, px_big;
};

/* Lay out a w x h window with nbuttons buttons (clamped to
 * 1..CL_MAX_BUTTONS): the six actions, or with transfer set the services
 * to transfer to and Cancel.  Every rectangle lies inside the window;
 * regions do not overlap.  Sizes below 160 x 120 are treated as
 * 160 x 120. */
void counter_layout_compute(struct counter_layout *l, int w, int h,
                            int nbuttons, int transfer);

/* Row i of the waiting list (0: its header) inside l->side_in: the
 * service's name (left 60%) and its numbers (right 38%).  Rows past the
 * card's bottom lie outside it: the caller stops there. */
void counter_layout_row(const struct counter_layout *l, int i, SDL_Rect *name,
                        SDL_Rect *num);

/* The index of the button under (x, y) in output pixels, or -1 when the
 * point hits no button (gaps between buttons hit nothing). */
int counter_layout_hit(const struct counter_layout *l, int x, int y);

/* 1 when the two rectangles share at least one pixel. */
int counter_layout_overlap(SDL_Rect a, SDL_Rect b);
/* 1 when r lies wholly inside a w x h window. */
int counter_layout_inside(SDL_Rect r, int w, int h);

#endif
