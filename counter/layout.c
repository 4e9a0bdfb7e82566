/* layout.c - the counter panel's geometry; see layout.h. */
#include "layout.h"

#include <string.h>

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static SDL_Rect
rect(int x, int y, int w, int h)
{
	SDL_Rect r = { x, y, w < 0 ? 0 : w, h < 0 ? 0 : h };

	return r;
}

/* How many columns of buttons.  Actions: one row of six in a wide
 * window, else three.  Services to transfer to, in a wide window: the
 * fewest columns (two, three, four, six) whose rows fit at three quarters
 * of their natural height, so that long names get wide buttons. */
static int
pad_cols(int wide, int transfer, int n, int row_h, int g, int max_pad)
{
	static const int tries[] = { 2, 3, 4 };
	int cols = wide ? 6 : 3;

	for (int i = 0; wide && transfer && i < 3; i++) {
		int rows = (n + tries[i] - 1) / tries[i];

		if (rows * (row_h * 3 / 4) + (rows - 1) * g <= max_pad) {
			cols = tries[i];
			break;
		}
	}
	return cols > n ? n : cols;
}

void
counter_layout_compute(struct counter_layout *l, int w, int h, int nbuttons,
                       int transfer)
{
	int top_h, msg_h, row_h, pad_h, main_h, max_pad, bw, y, g, wide;

	memset(l, 0, sizeof *l);
	w = w < 160 ? 160 : w;
	h = h < 120 ? 120 : h;
	nbuttons = clampi(nbuttons, 1, CL_MAX_BUTTONS);
	l->w = w;
	l->h = h;
	l->portrait = h > w;
	g = l->gap = clampi((w < h ? w : h) / 64, 3, 16);
	wide = !l->portrait && w >= 800;

	top_h = clampi(h / 11, 22, 72);
	msg_h = clampi(h / 12, 20, 64);
	l->nbuttons = nbuttons;
	row_h = clampi(h * 2 / (wide ? 13 : 14), CL_MIN_TOUCH, 140);
	/* the actions leave the ticket at least a third of the height; the
	 * services to transfer to (or a long list of them) may take
	 * everything but the top and the message line */
	max_pad = h - top_h - msg_h - 5 * g - (nbuttons <= 6 && !transfer ?
	    h / 3 : 0);
	l->cols = pad_cols(wide, transfer, nbuttons, row_h, g, max_pad);
	l->rows = (nbuttons + l->cols - 1) / l->cols;
	pad_h = l->rows * row_h + (l->rows - 1) * g;
	if (pad_h > max_pad) {
		pad_h = max_pad;
		row_h = (pad_h - (l->rows - 1) * g) / l->rows;
		pad_h = l->rows * row_h + (l->rows - 1) * g;
	}
	main_h = h - top_h - msg_h - pad_h - 5 * g;

	y = g;
	l->top = rect(g, y, w - 2 * g, top_h);
	y += top_h + g;
	if (l->portrait) {
		int th = main_h * 11 / 20;

		l->ticket = rect(g, y, w - 2 * g, th);
		l->side = rect(g, y + th + g, w - 2 * g, main_h - th - g);
	} else {
		int tw = (w - 3 * g) * 11 / 20;

		l->ticket = rect(g, y, tw, main_h);
		l->side = rect(2 * g + tw, y, w - 3 * g - tw, main_h);
	}
	y += main_h + g;
	l->message = rect(g, y, w - 2 * g, msg_h);
	y += msg_h + g;
	l->pad = rect(g, y, w - 2 * g, pad_h);

	bw = (l->pad.w - (l->cols - 1) * g) / l->cols;
	for (int i = 0; i < nbuttons; i++) {
		int c = i % l->cols, r = i / l->cols;
		int x = l->pad.x + c * (bw + g);
		int bwi = c == l->cols - 1 ? l->pad.x + l->pad.w - x : bw;

		l->button[i] = rect(x, l->pad.y + r * (row_h + g), bwi, row_h);
	}

	l->px_text = clampi(h / 20 < w / 30 ? h / 20 : w / 30, 11, 40);
	l->px_small = clampi(l->px_text * 4 / 5, 10, 32);
	l->px_title = clampi(top_h * 11 / 20 < w / 18 ? top_h * 11 / 20 : w / 18,
	    12, 44);
	l->px_button = clampi(row_h * 34 / 100 < bw / 5 ? row_h * 34 / 100 :
	    bw / 5, 11, 44);
	l->px_big = clampi(l->ticket.h / 2, 12, 400);
	l->row_h = l->px_text * 3 / 2;
	l->side_in = rect(l->side.x + 2 * g, l->side.y + g, l->side.w - 4 * g,
	    l->side.h - 2 * g);
}

void
counter_layout_row(const struct counter_layout *l, int i, SDL_Rect *name,
                   SDL_Rect *num)
{
	SDL_Rect in = l->side_in;
	int y = in.y + i * l->row_h;

	*name = rect(in.x, y, in.w * 60 / 100, l->row_h);
	*num = rect(in.x + in.w * 62 / 100, y, in.w * 38 / 100, l->row_h);
}

int
counter_layout_hit(const struct counter_layout *l, int x, int y)
{
	for (int i = 0; i < l->nbuttons; i++) {
		SDL_Rect r = l->button[i];

		if (x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h)
			return i;
	}
	return -1;
}

int
counter_layout_overlap(SDL_Rect a, SDL_Rect b)
{
	if (a.w <= 0 || a.h <= 0 || b.w <= 0 || b.h <= 0)
		return 0;
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
	    b.y < a.y + a.h;
}

int
counter_layout_inside(SDL_Rect r, int w, int h)
{
	return r.x >= 0 && r.y >= 0 && r.w >= 0 && r.h >= 0 &&
	    r.x + r.w <= w && r.y + r.h <= h;
}
