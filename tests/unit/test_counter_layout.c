/* test_counter_layout.c - the counter panel's geometry, without a display:
 * at 480x320, 1920x1080, portrait and odd sizes every region and button
 * lies inside the window, nothing overlaps, buttons are big enough to
 * touch, and a tap in a button's middle hits exactly that button.  Each
 * size of a sweep is one check (check_group_begin): a failing one is
 * named with its size and the number of buttons. */
#include <string.h>

#include "check.h"
#include "counter/layout.h"

static void
no_overlaps(const struct counter_layout *l)
{
	SDL_Rect reg[5] = { l->top, l->ticket, l->side, l->message,
		l->pad };
	int own = !check_group_on;      /* one check, unless in a sweep's */

	if (own)
		check_group_begin("regions and %d buttons at %dx%d",
		    l->nbuttons, l->w, l->h);
	for (int i = 0; i < 5; i++) {
		CHECK(counter_layout_inside(reg[i], l->w, l->h));
		for (int j = i + 1; j < 5; j++)
			CHECK(!counter_layout_overlap(reg[i], reg[j]));
	}
	for (int i = 0; i < l->nbuttons; i++) {
		SDL_Rect b = l->button[i];

		CHECK(counter_layout_inside(b, l->w, l->h));
		CHECK(b.w > 0 && b.h > 0);
		/* inside the pad */
		CHECK(b.x >= l->pad.x && b.y >= l->pad.y &&
		    b.x + b.w <= l->pad.x + l->pad.w &&
		    b.y + b.h <= l->pad.y + l->pad.h);
		for (int j = i + 1; j < l->nbuttons; j++)
			CHECK(!counter_layout_overlap(b, l->button[j]));
		/* the middle hits it, a point just outside to the left or
		 * above does not hit it */
		CHECK_INT(counter_layout_hit(l, b.x + b.w / 2, b.y + b.h / 2), i);
		CHECK_INT(counter_layout_hit(l, b.x, b.y), i);
		CHECK_INT(counter_layout_hit(l, b.x + b.w - 1, b.y + b.h - 1), i);
		CHECK(counter_layout_hit(l, b.x - 1, b.y + b.h / 2) != i);
		CHECK(counter_layout_hit(l, b.x + b.w / 2, b.y - 1) != i);
	}
	CHECK_INT(counter_layout_hit(l, l->ticket.x + 1, l->ticket.y + 1), -1);
	CHECK_INT(counter_layout_hit(l, -5, -5), -1);
	CHECK_INT(counter_layout_hit(l, l->w + 5, l->h + 5), -1);
	if (own)
		check_group_end();
}

static void
actions(int w, int h, int want_cols)
{
	struct counter_layout l;

	check_group_begin("the actions at %dx%d", w, h);
	counter_layout_compute(&l, w, h, 6, 0);
	CHECK_INT(l.w, w);
	CHECK_INT(l.h, h);
	CHECK_INT(l.nbuttons, 6);
	CHECK_INT(l.cols, want_cols);
	CHECK_INT(l.rows, 6 / want_cols);
	no_overlaps(&l);
	for (int i = 0; i < 6; i++)
		CHECK(l.button[i].h >= CL_MIN_TOUCH);
	/* the ticket keeps a useful share of the window */
	CHECK(l.ticket.h >= h / 4);
	CHECK(l.ticket.w >= w / 3);
	CHECK(l.px_big > l.px_text);
	CHECK(l.px_text >= 11 && l.px_small >= 10 && l.px_button >= 11);
	check_group_end();
}

/* transferring: the pad holds the services and Cancel */
static void
transfers(void)
{
	struct counter_layout l;

	/* transferring in a wide window: fewer, wider columns when the rows
	 * fit, so that a 63-character name can be read; every count of
	 * services at every supported size stays inside, and in the wide
	 * ones touchable (small windows with twenty services and more get
	 * shorter buttons, as before) */
	counter_layout_compute(&l, 1280, 720, 8, 1);
	CHECK_INT(l.cols, 2);
	CHECK(l.button[0].w >= 1280 / 2 - 3 * l.gap);
	counter_layout_compute(&l, 480, 320, 8, 1);
	CHECK_INT(l.cols, 3);                   /* narrow: as the actions */
	{
		static const int sizes[][2] = { { 480, 320 }, { 640, 400 },
			{ 800, 480 }, { 1280, 720 }, { 1280, 800 },
			{ 1920, 1080 }, { 480, 800 } };

		for (int s = 0; s < 7; s++) {
			check_group_begin("transferring at %dx%d",
			    sizes[s][0], sizes[s][1]);
			for (int n = 2; n <= 27; n++) {
				check_group_at("%d buttons", n);
				counter_layout_compute(&l, sizes[s][0],
				    sizes[s][1], n, 1);
				CHECK_INT(l.nbuttons, n);
				CHECK(l.cols * l.rows >= n);
				no_overlaps(&l);
				for (int i = 0; i < n && sizes[s][0] >= 800;
				    i++)
					CHECK(l.button[i].h >= CL_MIN_TOUCH);
			}
			check_group_end();
		}
	}
}

int
main(void)
{
	struct counter_layout l, small, large;

	/* the smallest window the issue asks for, and full HD */
	actions(480, 320, 3);
	actions(1920, 1080, 6);
	actions(800, 480, 6);
	actions(640, 400, 3);
	actions(1280, 720, 6);
	/* portrait: ticket above the side column */
	actions(480, 800, 3);
	counter_layout_compute(&l, 480, 800, 6, 0);
	CHECK(l.portrait);
	CHECK(l.side.y >= l.ticket.y + l.ticket.h);

	/* bigger window, bigger number */
	counter_layout_compute(&small, 480, 320, 6, 0);
	counter_layout_compute(&large, 1920, 1080, 6, 0);
	CHECK(large.px_big > small.px_big);
	CHECK(large.button[0].h > small.button[0].h);
	CHECK(!small.portrait && !large.portrait);

	/* in a wide window the buttons are one row along the bottom */
	for (int i = 1; i < 6; i++) {
		CHECK_INT(large.button[i].y, large.button[0].y);
		CHECK(large.button[i].x > large.button[i - 1].x);
	}
	CHECK(large.pad.y + large.pad.h <= 1080);
	CHECK(large.pad.y > large.ticket.y + large.ticket.h);

	/* transferring with every service open: 26 + cancel still fits */
	counter_layout_compute(&l, 480, 320, 27, 1);
	CHECK_INT(l.nbuttons, 27);
	CHECK_INT(l.rows, 9);
	no_overlaps(&l);
	counter_layout_compute(&l, 1920, 1080, 27, 1);
	no_overlaps(&l);
	for (int i = 0; i < 27; i++)
		CHECK(l.button[i].h >= CL_MIN_TOUCH);
	/* five services + cancel as in the demo office */
	counter_layout_compute(&l, 480, 320, 5, 1);
	no_overlaps(&l);

	transfers();

	/* nonsense sizes are clamped, not trusted */
	counter_layout_compute(&l, 0, 0, 6, 0);
	CHECK_INT(l.w, 160);
	CHECK_INT(l.h, 120);
	no_overlaps(&l);
	counter_layout_compute(&l, 480, 320, 100, 0);
	CHECK_INT(l.nbuttons, CL_MAX_BUTTONS);
	no_overlaps(&l);
	counter_layout_compute(&l, 480, 320, -3, 0);
	CHECK_INT(l.nbuttons, 1);

	/* the helpers themselves */
	CHECK(counter_layout_overlap((SDL_Rect){ 0, 0, 10, 10 },
	    (SDL_Rect){ 9, 9, 10, 10 }));
	CHECK(!counter_layout_overlap((SDL_Rect){ 0, 0, 10, 10 },
	    (SDL_Rect){ 10, 0, 10, 10 }));
	CHECK(counter_layout_inside((SDL_Rect){ 0, 0, 480, 320 }, 480, 320));
	CHECK(!counter_layout_inside((SDL_Rect){ 1, 0, 480, 320 }, 480, 320));
	return check_done();
}
