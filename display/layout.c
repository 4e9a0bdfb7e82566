/* layout.c - the room screen's rectangles, from the output size alone.
 *
 * Start at layout_compute().  Landscape: header on top, notice at the
 * bottom; the left 60% holds the called number and the counter tiles, the
 * right 40% the last calls, "silakan masuk", the room and the services.
 * Portrait: the same blocks stacked.  All sizes are fractions of the
 * output so 720p and 4K look alike.
 */
#include "layout.h"

#include <string.h>

static SDL_Rect
r(int x, int y, int w, int h)
{
	SDL_Rect q = { x, y, w < 0 ? 0 : w, h < 0 ? 0 : h };

	return q;
}

/* Rectangle a fraction f0..f1 of b's width, full height. */
static SDL_Rect
hslice(SDL_Rect b, double f0, double f1)
{
	int x0 = b.x + (int)(b.w * f0), x1 = b.x + (int)(b.w * f1);

	return r(x0, b.y, x1 - x0, b.h);
}

static SDL_Rect
inset(SDL_Rect b, int d)
{
	return r(b.x + d, b.y + d, b.w - 2 * d, b.h - 2 * d);
}

/* Split b into a title strip of fraction tf and the rest, with a gap. */
static void
titled(SDL_Rect b, double tf, int pad, SDL_Rect *title,
       SDL_Rect *body)
{
	SDL_Rect in = inset(b, pad);
	int th = (int)(in.h * tf);

	*title = r(in.x, in.y, in.w, th);
	*body = r(in.x, in.y + th + pad / 2, in.w, in.h - th - pad / 2);
}

/* n rows evenly in b, each 1 px short of the next to stay apart. */
static void
rows(SDL_Rect b, int n, SDL_Rect *out)
{
	for (int i = 0; i < n; i++) {
		int y0 = b.y + b.h * i / n, y1 = b.y + b.h * (i + 1) / n;

		out[i] = r(b.x, y0, b.w, y1 - y0 - 1);
	}
}

/* Counter tiles: the grid that gives the biggest number in each tile. */
static void
tiles(struct layout *l, int g)
{
	SDL_Rect a = l->counters;
	int n = l->ncounters, best_c = 1;
	double best = -1;

	if (n == 0)
		return;
	for (int c = 1; c <= n; c++) {
		int rws = (n + c - 1) / c;
		double tw = (a.w - (c - 1) * g) / (double)c;
		double th = (a.h - (rws - 1) * g) / (double)rws;
		/* a tile's number wants width ~ 2.2 x its height */
		double s = th * 0.62 < tw / 2.6 ? th * 0.62 : tw / 2.6;

		if (s > best) {
			best = s;
			best_c = c;
		}
	}
	int cols = best_c, rws = (n + cols - 1) / cols;
	int tw = (a.w - (cols - 1) * g) / cols;
	int th = (a.h - (rws - 1) * g) / rws;

	/* keep tiles from getting absurdly tall when few counters */
	if (th > tw * 3 / 4)
		th = tw * 3 / 4;
	for (int i = 0; i < n; i++) {
		struct layout_tile *t = &l->tile[i];
		int cx = i % cols, cy = i / cols;
		int pad = th / 14 + 1;

		t->box = r(a.x + cx * (tw + g), a.y + cy * (th + g), tw, th);
		SDL_Rect in = inset(t->box, pad);
		t->label = r(in.x, in.y, in.w, in.h * 30 / 100);
		t->number = r(in.x, in.y + in.h * 32 / 100, in.w,
		    in.h - in.h * 32 / 100);
	}
}

static void
main_box(struct layout *l, int pad)
{
	SDL_Rect in = inset(l->main, pad), rest, num, cnt;
	int th = in.h * 13 / 100;

	l->main_title = r(in.x, in.y, in.w, th);
	rest = r(in.x, in.y + th + pad / 2, in.w, in.h - th - pad / 2);
	if (l->portrait) {
		/* narrow: the number across the full width, the counter
		 * ("LOKET 3") on a row below it */
		int nh = rest.h * 64 / 100;

		l->main_number = r(rest.x, rest.y, rest.w, nh);
		cnt = r(rest.x, rest.y + nh + pad / 2, rest.w,
		    rest.h - nh - pad / 2);
		l->main_counter_label = hslice(cnt, 0, 0.58);
		l->main_counter = hslice(cnt, 0.60, 1.0);
		return;
	}
	num = hslice(rest, 0, 0.64);
	cnt = hslice(rest, 0.66, 1.0);
	l->main_number = num;
	l->main_counter_label = r(cnt.x, cnt.y, cnt.w, cnt.h * 22 / 100);
	l->main_counter = r(cnt.x, cnt.y + cnt.h * 24 / 100, cnt.w,
	    cnt.h - cnt.h * 24 / 100);
}

static void
side_blocks(struct layout *l, int pad)
{
	SDL_Rect body;

	titled(l->recent, 0.16, pad, &l->recent_title, &body);
	rows(body, LAYOUT_RECENT, l->recent_row);
	titled(l->admitted, 0.22, pad, &l->admitted_title, &body);
	{
		int cols = l->admitted.w > l->admitted.h * 2 ? 3 : 2;
		int rws = (LAYOUT_ADMITTED + cols - 1) / cols;

		for (int i = 0; i < LAYOUT_ADMITTED; i++) {
			int cx = i % cols, cy = i / cols;
			int x0 = body.x + body.w * cx / cols;
			int x1 = body.x + body.w * (cx + 1) / cols;
			int y0 = body.y + body.h * cy / rws;
			int y1 = body.y + body.h * (cy + 1) / rws;

			l->admitted_cell[i] = r(x0, y0, x1 - x0 - pad / 2,
			    y1 - y0 - 1);
		}
	}
	titled(l->occupancy, l->portrait ? 0.18 : 0.28, pad,
	    &l->occupancy_title,
	    &l->occupancy_value);
	titled(l->services, 0.16, pad, &l->services_title, &body);
	if (l->nservices) {
		/* rows no taller than the title */
		int rh = body.h / l->nservices;

		if (rh > l->services_title.h)
			body.h = l->services_title.h * l->nservices;
		rows(body, l->nservices, l->service_row);
	}
}

void
layout_compute(struct layout *l, int w, int h, int ncounters, int nservices)
{
	int m, g, hh, nh;
	SDL_Rect body, left, right;

	memset(l, 0, sizeof *l);
	if (w < 64)
		w = 64;
	if (h < 64)
		h = 64;
	l->w = w;
	l->h = h;
	l->portrait = h > w;
	l->ncounters = ncounters < 0 ? 0 : ncounters > LAYOUT_MAX_COUNTERS ?
	    LAYOUT_MAX_COUNTERS : ncounters;
	l->nservices = nservices < 0 ? 0 : nservices > LAYOUT_MAX_SERVICES ?
	    LAYOUT_MAX_SERVICES : nservices;
	{
		int s = w < h ? w : h;

		m = s / 60 + 1;
		g = m;
		l->margin = m;
		l->radius = s / 70 + 1;
	}
	hh = h * (l->portrait ? 6 : 8) / 100;
	nh = h * (l->portrait ? 5 : 7) / 100;
	l->header = r(m, m, w - 2 * m, hh);
	l->office = hslice(l->header, 0, 0.62);
	l->clock = hslice(l->header, 0.64, 1.0);
	l->notice = r(m, h - m - nh, w - 2 * m, nh);
	body = r(m, l->header.y + hh + g, w - 2 * m,
	    l->notice.y - g - (l->header.y + hh + g));

	if (!l->portrait) {
		int lw = (body.w - g) * 60 / 100;

		left = r(body.x, body.y, lw, body.h);
		right = r(body.x + lw + g, body.y, body.w - lw - g, body.h);
		l->main = r(left.x, left.y, left.w, left.h * 52 / 100);
		l->counters = r(left.x, l->main.y + l->main.h + g, left.w,
		    left.h - l->main.h - g);
		/* right column: calls 36%, admitted 22%, room 14%, services */
		{
			int y = right.y, rh = right.h - 3 * g;
			int h1 = rh * 36 / 100, h2 = rh * 22 / 100,
			    h3 = rh * 14 / 100;

			l->recent = r(right.x, y, right.w, h1);
			y += h1 + g;
			l->admitted = r(right.x, y, right.w, h2);
			y += h2 + g;
			l->occupancy = r(right.x, y, right.w, h3);
			y += h3 + g;
			l->services = r(right.x, y, right.w,
			    right.y + right.h - y);
		}
	} else {
		int rh = body.h - 3 * g;
		int h1 = rh * 38 / 100, h2 = rh * 21 / 100, h3 = rh * 20 / 100;
		int y = body.y;
		SDL_Rect row3, row4;

		l->main = r(body.x, y, body.w, h1);
		y += h1 + g;
		l->counters = r(body.x, y, body.w, h2);
		y += h2 + g;
		row3 = r(body.x, y, body.w, h3);
		y += h3 + g;
		row4 = r(body.x, y, body.w, body.y + body.h - y);
		l->recent = r(row3.x, row3.y, (row3.w - g) / 2, row3.h);
		l->admitted = r(row3.x + (row3.w - g) / 2 + g, row3.y,
		    row3.w - (row3.w - g) / 2 - g, row3.h);
		l->occupancy = r(row4.x, row4.y, (row4.w - g) * 36 / 100,
		    row4.h);
		l->services = r(row4.x + (row4.w - g) * 36 / 100 + g, row4.y,
		    row4.w - (row4.w - g) * 36 / 100 - g, row4.h);
	}
	main_box(l, m);
	tiles(l, g);
	side_blocks(l, m / 2 + 1);
}

int
layout_leaves(const struct layout *l, SDL_Rect *out, int max)
{
	int n = 0;

#define ADD(x) do { if (n < max) out[n] = (x); n++; } while (0)
	ADD(l->office);
	ADD(l->clock);
	ADD(l->main_title);
	ADD(l->main_number);
	ADD(l->main_counter_label);
	ADD(l->main_counter);
	for (int i = 0; i < l->ncounters; i++) {
		ADD(l->tile[i].label);
		ADD(l->tile[i].number);
	}
	ADD(l->recent_title);
	for (int i = 0; i < LAYOUT_RECENT; i++)
		ADD(l->recent_row[i]);
	ADD(l->admitted_title);
	for (int i = 0; i < LAYOUT_ADMITTED; i++)
		ADD(l->admitted_cell[i]);
	ADD(l->occupancy_title);
	ADD(l->occupancy_value);
	ADD(l->services_title);
	for (int i = 0; i < l->nservices; i++)
		ADD(l->service_row[i]);
	ADD(l->notice);
#undef ADD
	return n < max ? n : max;
}

int
layout_overlap(SDL_Rect a, SDL_Rect b)
{
	if (a.w <= 0 || a.h <= 0 || b.w <= 0 || b.h <= 0)
		return 0;
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
	    b.y < a.y + a.h;
}

int
layout_inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	    in.y + in.h <= out.y + out.h;
}
