/* test_display_layout.c - the room screen's layout at every size: nothing
 * overlaps, nothing leaves the screen, the called number keeps >= 15% of
 * the height, counter tiles stay readable.  Pure C, no display needed.
 * Each screen size is one check (check_group_begin) over every count of
 * counters and services; a failure names the size and the counts. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "display/layout.h"

static int
on_screen(SDL_Rect a, int w, int h)
{
	return a.w > 0 && a.h > 0 && a.x >= 0 && a.y >= 0 && a.x + a.w <= w &&
	    a.y + a.h <= h;
}

static void
one(int w, int h, int nc, int ns)
{
	struct layout l;
	SDL_Rect leaf[256], blocks[8];
	int n, bad_screen = 0, bad_overlap = 0, bad_tile = 0;

	check_group_at("c%d s%d", nc, ns);
	layout_compute(&l, w, h, nc, ns);
	n = layout_leaves(&l, leaf, 256);
	CHECK(n < 256);
	for (int i = 0; i < n; i++) {
		if (!on_screen(leaf[i], w, h)) {
			bad_screen++;
			fprintf(stderr, "%dx%d c%d s%d: leaf %d off screen "
			    "(%d,%d %dx%d)\n", w, h, nc, ns, i, leaf[i].x,
			    leaf[i].y, leaf[i].w, leaf[i].h);
		}
		for (int j = i + 1; j < n; j++)
			if (layout_overlap(leaf[i], leaf[j])) {
				bad_overlap++;
				fprintf(stderr, "%dx%d c%d s%d: leaves %d and %d "
				    "overlap\n", w, h, nc, ns, i, j);
			}
	}
	CHECK_INT(bad_screen, 0);
	CHECK_INT(bad_overlap, 0);
	/* the blocks themselves */
	blocks[0] = l.header; blocks[1] = l.main; blocks[2] = l.counters;
	blocks[3] = l.recent; blocks[4] = l.admitted; blocks[5] = l.occupancy;
	blocks[6] = l.services; blocks[7] = l.notice;
	for (int i = 0; i < 8; i++) {
		CHECK(on_screen(blocks[i], w, h));
		for (int j = i + 1; j < 8; j++)
			CHECK(!layout_overlap(blocks[i], blocks[j]));
	}
	/* the called number: at least 15% of the screen's height */
	CHECK(l.main_number.h * 100 >= h * 15);
	CHECK(l.main_counter.h * 100 >= h * (l.portrait ? 7 : 12));
	CHECK(layout_inside(l.main_number, l.main));
	CHECK(layout_inside(l.main_counter, l.main));
	/* tiles inside their area, each number readable (>= 2.5% of h for
	 * up to 20 counters) */
	for (int i = 0; i < l.ncounters; i++) {
		if (!layout_inside(l.tile[i].box, l.counters) ||
		    !layout_inside(l.tile[i].number, l.tile[i].box) ||
		    !layout_inside(l.tile[i].label, l.tile[i].box))
			bad_tile++;
		for (int j = i + 1; j < l.ncounters; j++)
			if (layout_overlap(l.tile[i].box, l.tile[j].box))
				bad_tile++;
		if (nc <= 20 && l.tile[i].number.h * 1000 < h * 25) {
			bad_tile++;
			fprintf(stderr, "%dx%d c%d: tile number %d px high\n",
			    w, h, nc, l.tile[i].number.h);
		}
	}
	CHECK_INT(bad_tile, 0);
	for (int i = 0; i < l.nservices; i++)
		CHECK(layout_inside(l.service_row[i], l.services));
	for (int i = 0; i < LAYOUT_RECENT; i++)
		CHECK(layout_inside(l.recent_row[i], l.recent));
	for (int i = 0; i < LAYOUT_ADMITTED; i++)
		CHECK(layout_inside(l.admitted_cell[i], l.admitted));
	CHECK_INT(l.portrait, h > w);
}

int
main(void)
{
	static const int sizes[][2] = {
		{ 1280, 720 }, { 1366, 768 }, { 1920, 1080 }, { 2560, 1440 },
		{ 3840, 2160 }, { 1024, 768 }, { 720, 1280 }, { 1080, 1920 },
		{ 1440, 2560 }, { 2160, 3840 },
	};
	static const int counters[] = { 0, 1, 2, 4, 6, 10, 16, 20, 32, 64 };
	static const int services[] = { 1, 5, 12, 26 };

	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		check_group_begin("%dx%d", sizes[s][0], sizes[s][1]);
		for (size_t c = 0; c < sizeof counters / sizeof counters[0];
		    c++)
			for (size_t v = 0; v < sizeof services /
			    sizeof services[0]; v++)
				one(sizes[s][0], sizes[s][1], counters[c],
				    services[v]);
		check_group_end();
	}
	/* out-of-range input is clamped, never crashes */
	check_group_begin("1920x1080 with 500 counters and 99 services");
	one(1920, 1080, 500, 99);
	check_group_end();
	{
		struct layout l;

		layout_compute(&l, 0, 0, -3, -1);
		CHECK(l.w >= 64 && l.h >= 64 && l.ncounters == 0);
	}
	return check_done();
}
