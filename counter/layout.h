/* panel_layout.h - where everything of the counter panel goes, and which
 * button a tap hits.  Pure arithmetic: no SDL, no queue, so it is tested
 * without a display (tests/unit/test_counter_layout.c).
 *
 * Start reading at panel_layout_compute().  The window is cut into a top
 * bar (counter, state, room, clock), the current ticket (big), a side
 * column (waiting per service, last tickets served), one line for the
 * result of the last action, and a pad of buttons at the bottom.  Wide
 * windows get one row of six buttons; narrow or portrait ones a grid of
 * three columns.  The same pad holds the service buttons while the clerk
 * picks where to transfer a ticket.
 */
#ifndef ANTRI_PANEL_LAYOUT_H
#define ANTRI_PANEL_LAYOUT_H

#define PL_MAX_BUTTONS 32    /* 26 services + cancel, with room to spare */
#define PL_MIN_TOUCH 40      /* smallest button height we aim for, px */

struct pl_rect {
	int x, y, w, h;
};

struct panel_layout {
	int w, h;                /* the window's output size */
	int portrait;            /* 1 when taller than wide */
	int gap;                 /* space between boxes */
	struct pl_rect top;      /* counter name, state, room, clock */
	struct pl_rect ticket;   /* the current ticket, large */
	struct pl_rect side;     /* waiting per service, last served */
	struct pl_rect message;  /* result of the last action */
	struct pl_rect pad;      /* the buttons' area */
	int nbuttons, cols, rows;
	struct pl_rect button[PL_MAX_BUTTONS];
	/* font sizes in px, chosen from the window's size */
	int px_small, px_text, px_title, px_button, px_big;
};

/* Lay out a w x h window with nbuttons buttons (clamped to
 * 1..PL_MAX_BUTTONS; six for the actions, more while transferring).  Every
 * rectangle lies inside the window; regions do not overlap.  Sizes below
 * 160 x 120 are treated as 160 x 120. */
void panel_layout_compute(struct panel_layout *l, int w, int h, int nbuttons);

/* The index of the button under (x, y) in output pixels, or -1 when the
 * point hits no button (gaps between buttons hit nothing). */
int panel_layout_hit(const struct panel_layout *l, int x, int y);

/* 1 when the two rectangles share at least one pixel. */
int pl_overlap(struct pl_rect a, struct pl_rect b);
/* 1 when r lies wholly inside a w x h window. */
int pl_inside(struct pl_rect r, int w, int h);

#endif
