/* layout.c - the kiosk's boxes from the output size; see layout.h.
 *
 * Start at kiosk_layout_compute(): a header band (office, clock, language),
 * a banner line, and a body that each screen divides its own way.  The
 * service grid picks the column count that gives the largest buttons of a
 * comfortable shape; everything else is rows and columns cut from the body.
 */
#include "layout.h"

#include <string.h>

static SDL_Rect
rect(int x, int y, int w, int h)
{
	SDL_Rect r = { x, y, w < 0 ? 0 : w, h < 0 ? 0 : h };
	return r;
}

/* Row i of n rows cut from r with gap between them. */
static SDL_Rect
row(SDL_Rect r, int i, int n, int gap)
{
	int hh = (r.h - gap * (n - 1)) / n;
	return rect(r.x, r.y + i * (hh + gap), r.w, hh);
}

/* Column i of n columns cut from r with gap between them. */
static SDL_Rect
col(SDL_Rect r, int i, int n, int gap)
{
	int ww = (r.w - gap * (n - 1)) / n;
	return rect(r.x + i * (ww + gap), r.y, ww, r.h);
}

/* r without a margin of m on every side. */
static SDL_Rect
inset(SDL_Rect r, int m)
{
	return rect(r.x + m, r.y + m, r.w - 2 * m, r.h - 2 * m);
}

/* The top part of r of height h, and what is left below it (gap apart). */
static SDL_Rect
take_top(SDL_Rect *r, int h, int gap)
{
	SDL_Rect t = rect(r->x, r->y, r->w, h);
	r->y += h + gap;
	r->h -= h + gap;
	if (r->h < 0)
		r->h = 0;
	return t;
}

/* n buttons in area: *cols_out columns when it is > 0 on entry (the
 * large-text layout keeps the normal one's), else the count that fits
 * the largest 3:2 button. */
static void
grid(SDL_Rect area, int n, int gap, int *cols_out, int *rows_out,
     SDL_Rect *out)
{
	int best = *cols_out > 0 ? *cols_out : 1, bestsz = -1;

	for (int c = 1; *cols_out <= 0 && c <= (n ? n : 1); c++) {
		int r = (n + c - 1) / c, cw, ch, sz;

		if (r < 1)
			r = 1;
		cw = (area.w - gap * (c - 1)) / c;
		ch = (area.h - gap * (r - 1)) / r;
		sz = cw * 2 < ch * 3 ? cw * 2 : ch * 3;   /* width of a 3:2 box */
		if (sz > bestsz) {
			bestsz = sz;
			best = c;
		}
	}
	*cols_out = best;
	*rows_out = n ? (n + best - 1) / best : 0;
	for (int i = 0; i < n; i++) {
		SDL_Rect rr = row(area, i / best, *rows_out, gap);
		int inrow = (i / best == *rows_out - 1) ? n - best * (*rows_out - 1)
		    : best;
		/* a short last row is centred with the same button width */
		SDL_Rect c = col(rect(area.x, rr.y, area.w, rr.h), 0, best, gap);
		int x0 = area.x + (area.w - (inrow * c.w + (inrow - 1) * gap)) / 2;
		out[i] = rect(x0 + (i % best) * (c.w + gap), rr.y, c.w, rr.h);
	}
}

static void
layout_ticket(struct kiosk_layout *L)
{
	SDL_Rect main = inset(L->body, L->gap), a;

	L->t_preview = rect(0, 0, 0, 0);
	if (!L->portrait && main.w > main.h * 3 / 2) {
		int pw = main.w * 28 / 100;
		L->t_preview = rect(main.x + main.w - pw, main.y, pw, main.h);
		main.w -= pw + L->gap;
	} else if (L->portrait) {
		int ph = main.h * 30 / 100;
		L->t_preview = rect(main.x, main.y + main.h - ph, main.w, ph);
		main.h -= ph + L->gap;
	}
	a = main;
	L->t_service = take_top(&a, main.h * 13 / 100, 0);
	L->t_number = take_top(&a, main.h * 37 / 100, 0);
	for (int i = 0; i < 4; i++)
		L->t_line[i] = row(a, i, 4, 0);
}

static void layout_pin(struct kiosk_layout *L);
static void layout_manager(struct kiosk_layout *L);
static void layout_checkin(struct kiosk_layout *L);

/* The home screen: "I have a booking" across the foot of the body (3
 * units tall on a portrait screen, 2.5 on a landscape one, where the
 * services' names need the height; at most a fifth of it), the service
 * buttons above.  The
 * large-text layout keeps the band where it was (its body only loses
 * height at the top), so the same point hits it. */
static void
layout_home(struct kiosk_layout *L, int keep_band)
{
	SDL_Rect a = inset(L->body, L->gap);
	int bh = L->unit * (L->portrait ? 6 : 5) / 2;

	if (bh > a.h / 5)
		bh = a.h / 5;
	if (!keep_band)
		L->checkin = rect(a.x, a.y + a.h - bh, a.w, bh);
	a.h = L->checkin.y - L->gap - a.y;
	grid(a, L->nserv, L->gap, &L->cols, &L->rows, L->serv);
}

/* The ticket's boxes for large text: the whole width, taller lines. */
static void
layout_ticket_large(struct kiosk_layout *L)
{
	SDL_Rect main = inset(L->body, L->gap), a;
	/* the lines' shares: on a portrait screen the width holds the
	 * people ahead and the wait to one line each, so they need the
	 * height for two; a landscape one has the width */
	static const int pct[4] = { 25, 26, 27, 22 };
	static const int pct_wide[4] = { 24, 24, 26, 26 };
	int y;

	L->t_preview = rect(0, 0, 0, 0);
	if (L->portrait) {       /* the QR code's band at the foot */
		int ph = main.h * 13 / 100;
		L->t_preview = rect(main.x, main.y + main.h - ph, main.w, ph);
		main.h -= ph + L->gap;
	}
	a = main;
	L->t_service = take_top(&a, main.h * (L->portrait ? 12 : 13) / 100, 0);
	L->t_number = take_top(&a, main.h * (L->portrait ? 31 : 37) / 100, 0);
	y = a.y;
	for (int i = 0; i < 4; i++) {
		int hh = i == 3 ? a.y + a.h - y : a.h * (L->portrait ? pct[i] :
		    pct_wide[i]) / 100;

		L->t_line[i] = rect(a.x, y, a.w, hh);
		y += hh;
	}
}

void
kiosk_layout_large(struct kiosk_layout *L)
{
	L->large = 1;
	if (L->header_rows == 1) {
		/* the office's name and the clock share one row with the
		 * buttons: a taller row (the buttons stay as they are) */
		int g = L->header.h / 3, more = L->clock.w / 3;

		L->header.h += g;
		L->title.h += g;
		L->clock.h += g;
		/* the name may take two lines now: some of its width to the
		 * clock */
		L->clock.x -= more;
		L->clock.w += more;
		L->title.w -= more;
		L->banner.y += g;
		L->body.y += g;
		L->body.h -= g;
		layout_home(L, 1);
		layout_pin(L);
		layout_manager(L);
		layout_checkin(L);
	}
	layout_ticket_large(L);
}

static void
layout_pin(struct kiosk_layout *L)
{
	SDL_Rect b = inset(L->body, L->gap), left, keys;
	int g = L->gap;

	if (!L->portrait) {
		int side = b.h;            /* keys: 3 x 4 in a near-square */
		if (side * 3 / 4 > b.w * 55 / 100)
			side = b.w * 55 / 100 * 4 / 3;
		keys = rect(b.x + b.w - side * 3 / 4, b.y, side * 3 / 4, side);
		left = rect(b.x, b.y, keys.x - g - b.x, b.h);
		L->pin_display = row(left, 0, 4, g);
		L->pin_msg = row(left, 1, 4, g);
		L->pin_cancel = row(left, 3, 4, g);
	} else {
		SDL_Rect a = b;
		L->pin_display = take_top(&a, b.h / 9, g);
		L->pin_msg = take_top(&a, b.h / 12, g);
		L->pin_cancel = rect(a.x, a.y + a.h - b.h / 9, a.w, b.h / 9);
		a.h -= b.h / 9 + g;
		keys = a;
	}
	for (int i = 0; i < 12; i++) {
		SDL_Rect r = row(keys, i / 3, 4, g);
		L->pin_key[i] = col(r, i % 3, 3, g);
	}
}

static void
layout_manager(struct kiosk_layout *L)
{
	SDL_Rect b = inset(L->body, L->gap), left, right, r;
	int g = L->gap, n = L->nserv, c, rr;

	if (!L->portrait) {
		left = col(b, 0, 2, g * 2);
		right = col(b, 1, 2, g * 2);
	} else {
		left = rect(b.x, b.y, b.w, b.h * 55 / 100);
		right = rect(b.x, left.y + left.h + g, b.w, b.h - left.h - g);
	}
	r = row(left, 0, 5, g);
	L->m_limit_label = rect(r.x, r.y, r.w - 2 * (r.h * 3 / 2 + g), r.h);
	L->m_limit_down = rect(L->m_limit_label.x + L->m_limit_label.w + g, r.y,
	    r.h * 3 / 2, r.h);
	L->m_limit_up = rect(L->m_limit_down.x + L->m_limit_down.w + g, r.y,
	    r.h * 3 / 2, r.h);
	r = row(left, 1, 5, g);
	L->m_hold = col(r, 0, 2, g);
	L->m_refuse = col(r, 1, 2, g);
	L->m_printer = row(left, 2, 5, g);
	r = row(left, 3, 5, g);
	L->m_reprint = col(r, 0, 2, g);
	L->m_testprint = col(r, 1, 2, g);
	r = row(left, 4, 5, g);
	L->m_back = col(r, 0, 2, g);
	L->m_quit = col(r, 1, 2, g);
	L->m_msg = L->banner;
	/* service toggles: up to 7 rows a column */
	c = n <= 7 ? 1 : (n + 6) / 7;
	rr = n ? (n + c - 1) / c : 1;
	if (rr < 5)
		rr = 5;
	for (int i = 0; i < n; i++) {
		SDL_Rect cc = col(right, i / rr, c, g);
		L->m_serv[i] = row(cc, i % rr, rr, g / 2 > 1 ? g / 2 : 1);
	}
}

/* The check-in keypad: a key per character of q_checkin_alphabet, then
 * delete and OK.  Landscape: on the left the code, the message, delete
 * and OK side by side, cancel; the keys 7 x 3 on the right.
 * Portrait: the code and the message on top, the keys 5 a row (delete
 * the twentieth), OK a row of its own below them, cancel at the foot. */
static void
layout_checkin(struct kiosk_layout *L)
{
	SDL_Rect b = inset(L->body, L->gap), keys, left;
	int g = L->gap, n = Q_CHECKIN_ALPHA_N, cols, rows;

	if (!L->portrait) {
		keys = rect(b.x + b.w * 38 / 100 + g, b.y, b.w - b.w * 38 / 100 - g,
		    b.h);
		left = rect(b.x, b.y, b.w * 38 / 100, b.h);
		L->ci_display = row(left, 0, 4, g);
		L->ci_msg = row(left, 1, 4, g);
		L->ci_del = col(row(left, 2, 4, g), 0, 2, g);
		L->ci_ok = col(row(left, 2, 4, g), 1, 2, g);
		L->ci_cancel = row(left, 3, 4, g);
		cols = 7;
		rows = (n + cols - 1) / cols;
		for (int i = 0; i < n; i++)
			L->ci_key[i] = col(row(keys, i / cols, rows, g), i % cols,
			    cols, g);
		return;
	}
	L->ci_display = take_top(&b, b.h / 9, g);
	L->ci_msg = take_top(&b, b.h / 10, g);
	L->ci_cancel = rect(b.x, b.y + b.h - b.h / 8, b.w, b.h / 8);
	b.h -= b.h / 8 + g;
	cols = 5;
	rows = (n + 1 + cols - 1) / cols + 1;       /* and OK's own row */
	for (int i = 0; i <= n; i++) {
		SDL_Rect r = col(row(b, i / cols, rows, g), i % cols, cols, g);

		if (i < n)
			L->ci_key[i] = r;
		else
			L->ci_del = r;
	}
	L->ci_ok = row(b, rows - 1, rows, g);
}

void
kiosk_layout_compute(struct kiosk_layout *L, int w, int h, int nserv)
{
	int u, hh, bw;

	memset(L, 0, sizeof *L);
	if (w < KIOSK_MIN_W)
		w = KIOSK_MIN_W;
	if (h < KIOSK_MIN_H)
		h = KIOSK_MIN_H;
	if (nserv < 0)
		nserv = 0;
	if (nserv > Q_MAX_SERVICES)
		nserv = Q_MAX_SERVICES;
	L->w = w;
	L->h = h;
	L->portrait = h > w;
	L->nserv = nserv;
	L->unit = u = (w < h ? w : h) / 20;
	L->gap = u / 2 > 2 ? u / 2 : 2;
	L->pad = L->gap;
	hh = u * 12 / 5;
	L->corner = rect(0, 0, u * 3, u * 3);
	bw = L->portrait ? w / 5 : w / 8;
	L->header_rows = 1;
	/* one row: the name, the clock, the two buttons; where that leaves
	 * the name less than 45% of the width (a portrait screen), the name
	 * gets the first row to itself and the rest go on a second */
	if (w - 2 * bw - bw * 3 / 4 - 5 * L->gap < w * 45 / 100) {
		L->header_rows = 2;
		bw = w * 3 / 10;
	}
	/* the name's own row is three quarters of the buttons' */
	L->header = rect(0, 0, w, L->header_rows == 1 ? hh : hh * 7 / 4);
	if (L->header_rows == 1) {
		L->lang = rect(w - bw - L->gap, L->gap / 2, bw, hh - L->gap);
		L->big = rect(L->lang.x - L->gap - bw, L->gap / 2, bw,
		    hh - L->gap);
		L->clock = rect(L->big.x - L->gap - bw * 3 / 4, 0, bw * 3 / 4,
		    hh);
		/* the name may lie over the corner: that is an unseen touch
		 * spot (a long press there), and a tap on the name does
		 * nothing */
		L->title = rect(L->gap, 0, L->clock.x - 2 * L->gap, hh);
	} else {
		int t = hh * 3 / 4;

		L->title = rect(L->gap, 0, w - 2 * L->gap, t);
		L->lang = rect(w - bw - L->gap, t + L->gap / 2, bw,
		    hh - L->gap);
		L->big = rect(L->lang.x - L->gap - bw, t + L->gap / 2, bw,
		    hh - L->gap);
		L->clock = rect(L->gap, t, L->big.x - 2 * L->gap, hh);
	}
	hh = L->header.h;
	L->banner = rect(L->gap, hh, w - 2 * L->gap, u * 8 / 5);
	L->body = rect(0, hh + L->banner.h, w, h - hh - L->banner.h);
	layout_home(L, 0);
	L->number_min = (h * 15 + 99) / 100;    /* rounded up */
	layout_ticket(L);
	layout_pin(L);
	layout_manager(L);
	layout_checkin(L);
}

int
kiosk_number_line_h(const struct kiosk_layout *L, int digit_h, int line_h)
{
	long want, most = (long)line_h * KIOSK_STRETCH_MAX / 100;

	if (digit_h <= 0 || line_h <= 0 || digit_h >= L->number_min)
		return line_h;
	want = ((long)line_h * L->number_min + digit_h - 1) / digit_h;
	return (int)(want < most ? want : most);
}

void
kiosk_layout_tile(const struct kiosk_layout *L, int i, struct kiosk_tile *t)
{
	/* large text: less margin, more for the words */
	int pad = L->large ? L->pad / 2 : L->pad;
	SDL_Rect r = inset(L->serv[i], pad), below;
	int side;

	memset(t, 0, sizeof *t);
	if (i < 0 || i >= L->nserv)
		return;
	/* the name over the whole width: room for two lines of a long one */
	below = r;
	t->name = take_top(&below, r.h * (L->large ? 9 : 8) / 20, pad / 2);
	side = below.h < below.w * 3 / 10 ? below.h : below.w * 3 / 10;
	t->letter = rect(below.x, below.y + (below.h - side) / 2, side, side);
	below.x += side + pad;
	below.w -= side + pad;
	t->line[0] = row(below, 0, 2, 0);
	t->line[1] = row(below, 1, 2, 0);
}

static int
in(SDL_Rect r, int x, int y)
{
	return r.w > 0 && r.h > 0 && x >= r.x && y >= r.y && x < r.x + r.w &&
	    y < r.y + r.h;
}

enum kiosk_hit
kiosk_layout_hit(const struct kiosk_layout *L, enum kiosk_screen s, int x,
                 int y, int *index)
{
	static const enum kiosk_hit pinkeys[12] = { KH_PIN_DIGIT, KH_PIN_DIGIT,
		KH_PIN_DIGIT, KH_PIN_DIGIT, KH_PIN_DIGIT, KH_PIN_DIGIT,
		KH_PIN_DIGIT, KH_PIN_DIGIT, KH_PIN_DIGIT, KH_PIN_DEL,
		KH_PIN_DIGIT, KH_PIN_OK };

	*index = 0;
	if (x < 0 || y < 0 || x >= L->w || y >= L->h)
		return KH_NONE;
	switch (s) {
	case KS_HOME:
		if (in(L->corner, x, y))
			return KH_CORNER;
		if (in(L->lang, x, y))
			return KH_LANG;
		if (in(L->big, x, y))
			return KH_BIG;
		if (in(L->checkin, x, y))
			return KH_CHECKIN;
		for (int i = 0; i < L->nserv; i++)
			if (in(L->serv[i], x, y)) {
				*index = i;
				return KH_SERVICE;
			}
		return KH_NONE;
	case KS_TICKET:
	case KS_REFUSED:
		return KH_ANYWHERE;
	case KS_WAIT:
	case KS_COUNT:
		return KH_NONE;
	case KS_PIN:
		for (int i = 0; i < 12; i++)
			if (in(L->pin_key[i], x, y)) {
				*index = i == 10 ? 0 : i + 1;
				return pinkeys[i];
			}
		if (in(L->pin_cancel, x, y))
			return KH_PIN_CANCEL;
		return KH_NONE;
	case KS_CHECKIN:
		for (int i = 0; i < Q_CHECKIN_ALPHA_N; i++)
			if (in(L->ci_key[i], x, y)) {
				*index = i;
				return KH_CI_KEY;
			}
		if (in(L->ci_del, x, y))
			return KH_CI_DEL;
		if (in(L->ci_ok, x, y))
			return KH_CI_OK;
		if (in(L->ci_cancel, x, y))
			return KH_CI_CANCEL;
		return KH_NONE;
	case KS_MANAGER: {
		static const enum kiosk_hit order[] = { KH_M_LIMIT_DOWN,
			KH_M_LIMIT_UP, KH_M_HOLD, KH_M_REFUSE, KH_M_REPRINT,
			KH_M_TESTPRINT, KH_M_BACK, KH_M_QUIT };
		for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
			if (in(kiosk_layout_rect(L, s, order[i], 0), x, y))
				return order[i];
		for (int i = 0; i < L->nserv; i++)
			if (in(L->m_serv[i], x, y)) {
				*index = i;
				return KH_M_SERVICE;
			}
		return KH_NONE;
	}
	}
	return KH_NONE;
}

SDL_Rect
kiosk_layout_rect(const struct kiosk_layout *L, enum kiosk_screen s,
                  enum kiosk_hit h, int index)
{
	SDL_Rect none = { 0, 0, 0, 0 };

	switch (h) {
	case KH_SERVICE:
		return s == KS_HOME && index >= 0 && index < L->nserv ?
		    L->serv[index] : none;
	case KH_LANG: return s == KS_HOME ? L->lang : none;
	case KH_BIG: return s == KS_HOME ? L->big : none;
	case KH_CORNER: return s == KS_HOME ? L->corner : none;
	case KH_ANYWHERE:
		return s == KS_TICKET || s == KS_REFUSED ? L->t_number : none;
	case KH_PIN_DIGIT:
		if (s != KS_PIN || index < 0 || index > 9)
			return none;
		return L->pin_key[index == 0 ? 10 : index - 1];
	case KH_PIN_DEL: return s == KS_PIN ? L->pin_key[9] : none;
	case KH_PIN_OK: return s == KS_PIN ? L->pin_key[11] : none;
	case KH_PIN_CANCEL: return s == KS_PIN ? L->pin_cancel : none;
	case KH_CHECKIN: return s == KS_HOME ? L->checkin : none;
	case KH_CI_KEY:
		return s == KS_CHECKIN && index >= 0 &&
		    index < Q_CHECKIN_ALPHA_N ? L->ci_key[index] : none;
	case KH_CI_DEL: return s == KS_CHECKIN ? L->ci_del : none;
	case KH_CI_OK: return s == KS_CHECKIN ? L->ci_ok : none;
	case KH_CI_CANCEL: return s == KS_CHECKIN ? L->ci_cancel : none;
	default:
		break;
	}
	if (s != KS_MANAGER)
		return none;
	switch (h) {
	case KH_M_LIMIT_DOWN: return L->m_limit_down;
	case KH_M_LIMIT_UP: return L->m_limit_up;
	case KH_M_HOLD: return L->m_hold;
	case KH_M_REFUSE: return L->m_refuse;
	case KH_M_SERVICE:
		return index >= 0 && index < L->nserv ? L->m_serv[index] : none;
	case KH_M_REPRINT: return L->m_reprint;
	case KH_M_TESTPRINT: return L->m_testprint;
	case KH_M_BACK: return L->m_back;
	case KH_M_QUIT: return L->m_quit;
	default: return none;
	}
}

const char *
kiosk_hit_name(enum kiosk_hit h)
{
	static const char *const names[KH_COUNT] = {
		"none", "service", "lang", "corner", "anywhere", "pin_digit",
		"pin_del", "pin_ok", "pin_cancel", "limit_down", "limit_up",
		"hold", "refuse", "m_service", "reprint", "testprint", "back",
		"quit", "big", "checkin", "ci_key", "ci_del", "ci_ok",
		"ci_cancel" };
	return h >= 0 && h < KH_COUNT ? names[h] : "none";
}
