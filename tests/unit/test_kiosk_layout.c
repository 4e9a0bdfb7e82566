/* test_kiosk_layout.c - the kiosk's layout and hit-testing, no display.
 *
 * For many output sizes (800x480 up to 3840x2160, landscape and portrait)
 * and service counts: every box is inside the output, tappable boxes of a
 * screen never overlap, each box's centre hits that box, buttons stay big
 * enough for a finger, and the corner and language toggle do not cover a
 * service; the check-in keypad has a key per character of the core's
 * code alphabet.  The large-text layout (kiosk_layout_large) keeps the same
 * screen valid, and every centre the normal layout names (what
 * --print-layout prints) hits the same button in it.  A portrait header
 * gives the office's name a row of its own, the whole width.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kiosk/layout.h"

static int
inside(SDL_Rect r, int w, int h)
{
	return r.x >= 0 && r.y >= 0 && r.w > 0 && r.h > 0 && r.x + r.w <= w &&
	    r.y + r.h <= h;
}

static int
overlap(SDL_Rect a, SDL_Rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
	    b.y < a.y + a.h;
}

struct btn {
	enum kiosk_hit h;
	int i;
	SDL_Rect r;
};

/* Every tappable box of screen s. */
static int
buttons(const struct kiosk_layout *L, enum kiosk_screen s, struct btn *out)
{
	int n = 0;

	for (int h = KH_SERVICE; h < KH_COUNT; h++) {
		int count = h == KH_PIN_DIGIT ? 10 : h == KH_CI_KEY ?
		    Q_CHECKIN_ALPHA_N : (h == KH_SERVICE ||
		    h == KH_M_SERVICE) ? L->nserv : 1;
		if (h == KH_ANYWHERE)
			continue;
		for (int i = 0; i < count; i++) {
			SDL_Rect r = kiosk_layout_rect(L, s, h, i);
			if (r.w <= 0)
				continue;
			out[n].h = h;
			out[n].i = i;
			out[n].r = r;
			n++;
		}
	}
	return n;
}

static void
check_size(int w, int h, int nserv)
{
	static const enum kiosk_screen scr[] = { KS_HOME, KS_PIN, KS_MANAGER,
		KS_CHECKIN };
	struct kiosk_layout L;
	struct btn b[80];
	int minside = (w < h ? w : h) / 14;   /* ~ a finger at any size */
	int bad_in = 0, bad_ov = 0, bad_hit = 0, bad_small = 0;

	kiosk_layout_compute(&L, w, h, nserv);
	CHECK_INT(L.w, w);
	CHECK_INT(L.nserv, nserv);
	CHECK_INT(L.portrait, h > w);
	for (size_t s = 0; s < sizeof scr / sizeof scr[0]; s++) {
		int n = buttons(&L, scr[s], b);

		for (int i = 0; i < n; i++) {
			int idx, cx = b[i].r.x + b[i].r.w / 2,
			    cy = b[i].r.y + b[i].r.h / 2;
			enum kiosk_hit got;

			if (!inside(b[i].r, w, h))
				bad_in++;
			/* the corner is a hidden long-press area, not a key */
			if (b[i].h != KH_CORNER && (b[i].r.h < minside ||
			    b[i].r.w < minside))
				bad_small++;
			for (int j = i + 1; j < n; j++)
				if (overlap(b[i].r, b[j].r))
					bad_ov++;
			got = kiosk_layout_hit(&L, scr[s], cx, cy, &idx);
			if (got != b[i].h || (b[i].h == KH_SERVICE ||
			    b[i].h == KH_M_SERVICE || b[i].h == KH_PIN_DIGIT ||
			    b[i].h == KH_CI_KEY ? idx != b[i].i : 0))
				bad_hit++;
		}
	}
	if (bad_in || bad_ov || bad_hit || bad_small)
		fprintf(stderr, "%dx%d, %d services: %d outside, %d overlaps, "
		    "%d wrong hits, %d too small\n", w, h, nserv, bad_in, bad_ov,
		    bad_hit, bad_small);
	CHECK_INT(bad_in, 0);
	CHECK_INT(bad_ov, 0);
	CHECK_INT(bad_hit, 0);
	CHECK_INT(bad_small, 0);
	/* the ticket screen's boxes are inside and the number is the biggest */
	CHECK(inside(L.t_number, w, h));
	CHECK(inside(L.t_line[3], w, h));
	CHECK(L.t_number.h > L.t_line[0].h && L.t_number.h > L.t_service.h);
	CHECK(L.t_preview.w == 0 || (inside(L.t_preview, w, h) &&
	    !overlap(L.t_preview, L.t_number)));
	/* the large number's digits 15% of the height, portrait
	 * screens too (not of the width), and the number's box holds them */
	CHECK(L.number_min * 100 >= h * 15 && (L.number_min - 1) * 100 <
	    h * 15);
	CHECK(L.number_min <= L.t_number.h);
}

/* Large text: the boxes inside the output, and every normal centre
 * hits the same button on every screen. */
static void
check_large(int w, int h, int nserv)
{
	static const enum kiosk_screen scr[] = { KS_HOME, KS_PIN, KS_MANAGER,
		KS_CHECKIN };
	struct kiosk_layout N, L;
	struct btn b[Q_MAX_SERVICES * 2 + 32];

	kiosk_layout_compute(&N, w, h, nserv);
	L = N;
	kiosk_layout_large(&L);
	CHECK(L.large == 1 && N.large == 0);
	CHECK(L.header.h >= N.header.h);
	CHECK(inside(L.title, w, h) && inside(L.clock, w, h));
	for (int i = 0; i < 4; i++)
		CHECK(inside(L.t_line[i], w, h));
	CHECK(inside(L.t_number, w, h) && inside(L.t_service, w, h));
	/* the ticket's first line has more room than in normal text */
	CHECK((long)L.t_line[0].h * L.t_line[0].w > (long)N.t_line[0].h *
	    N.t_line[0].w);
	for (size_t s = 0; s < sizeof scr / sizeof scr[0]; s++) {
		int n = buttons(&N, scr[s], b);

		for (int i = 0; i < n; i++) {
			int idx, x = b[i].r.x + b[i].r.w / 2,
			    y = b[i].r.y + b[i].r.h / 2;
			enum kiosk_hit hit = kiosk_layout_hit(&L, scr[s], x, y,
			    &idx);

			if (hit != b[i].h || ((hit == KH_SERVICE || hit == KH_M_SERVICE || hit == KH_PIN_DIGIT) && idx != b[i].i)) fprintf(stderr, "%dx%d n=%d screen %d: %s %d at %d,%d hits %s %d\n", w, h, nserv, (int)scr[s], kiosk_hit_name(b[i].h), b[i].i, x, y, kiosk_hit_name(hit), idx);
			CHECK(hit == b[i].h);
			CHECK(hit != KH_SERVICE && hit != KH_M_SERVICE &&
			    hit != KH_PIN_DIGIT ? 1 : idx == (b[i].h ==
			    KH_PIN_DIGIT ? b[i].i : b[i].i));
		}
	}
}

/* The header: one row where the name has 45% of the width, else the name
 * on a row of its own over the whole width, the clock and buttons below. */
static void
check_header(void)
{
	struct kiosk_layout L;

	kiosk_layout_compute(&L, 1080, 1920, 5);
	CHECK_INT(L.header_rows, 2);
	CHECK(L.title.w >= 1080 * 9 / 10);
	CHECK(!overlap(L.title, L.big) && !overlap(L.title, L.lang) &&
	    !overlap(L.title, L.clock));
	CHECK(L.big.y >= L.title.y + L.title.h);
	kiosk_layout_compute(&L, 480, 800, 5);
	CHECK_INT(L.header_rows, 2);
	kiosk_layout_compute(&L, 1920, 1080, 5);
	CHECK_INT(L.header_rows, 1);
	CHECK(L.title.w >= 1920 * 45 / 100);
	kiosk_layout_compute(&L, 800, 480, 5);
	CHECK_INT(L.header_rows, 1);
	CHECK(L.title.w >= 800 * 45 / 100);
}

/* kiosk_number_line_h: no stretch when the digits are high enough; just
 * enough when they are a little short; never more than KIOSK_STRETCH_MAX */
static void
check_stretch(void)
{
	struct kiosk_layout L;

	kiosk_layout_compute(&L, 1080, 1920, 5);
	CHECK_INT(L.number_min, 288);
	CHECK_INT(kiosk_number_line_h(&L, 300, 420), 420);
	CHECK_INT(kiosk_number_line_h(&L, 288, 420), 420);
	CHECK_INT(kiosk_number_line_h(&L, 271, 400), 426);   /* 400*288/271 */
	CHECK(271L * kiosk_number_line_h(&L, 271, 400) / 400 >= 288);
	CHECK_INT(kiosk_number_line_h(&L, 100, 400), 400 * KIOSK_STRETCH_MAX /
	    100);
	CHECK_INT(kiosk_number_line_h(&L, 0, 400), 400);
	kiosk_layout_compute(&L, 1920, 1080, 5);
	CHECK_INT(L.number_min, 162);
}

int
main(void)
{
	static const int sizes[][2] = { { 800, 480 }, { 480, 800 },
		{ 800, 600 }, { 1024, 600 }, { 1280, 720 }, { 1280, 800 },
		{ 1366, 768 }, { 1920, 1080 }, { 1080, 1920 }, { 2560, 1440 },
		{ 3840, 2160 }, { 2160, 3840 }, { 768, 1366 } };
	struct kiosk_layout L;
	int idx;

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (int n = 1; n <= 12; n++)
			check_size(sizes[i][0], sizes[i][1], n);
	check_size(1920, 1080, Q_MAX_SERVICES);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		for (int n = 1; n <= Q_MAX_SERVICES; n += n < 12 ? 1 : 7)
			check_large(sizes[i][0], sizes[i][1], n);
	check_header();

	/* the demo office at 1280x800: five large buttons, 3 + 2 */
	kiosk_layout_compute(&L, 1280, 800, 5);
	CHECK_INT(L.cols, 3);
	CHECK_INT(L.rows, 2);
	CHECK(L.serv[0].w > 300 && L.serv[0].h > 200);
	/* the short last row is centred */
	CHECK(L.serv[3].x > L.serv[0].x && L.serv[4].x + L.serv[4].w <
	    L.serv[2].x + L.serv[2].w);
	/* portrait stacks them */
	kiosk_layout_compute(&L, 1080, 1920, 5);
	CHECK(L.cols <= 2);

	/* hits outside and between buttons */
	kiosk_layout_compute(&L, 1280, 800, 5);
	CHECK_INT(kiosk_layout_hit(&L, KS_HOME, -1, 10, &idx), KH_NONE);
	CHECK_INT(kiosk_layout_hit(&L, KS_HOME, 1280, 10, &idx), KH_NONE);
	CHECK_INT(kiosk_layout_hit(&L, KS_HOME, 2, 2, &idx), KH_CORNER);
	CHECK_INT(kiosk_layout_hit(&L, KS_HOME, L.serv[0].x + L.serv[0].w +
	    1, L.serv[0].y + 5, &idx), KH_NONE);       /* the gap */
	CHECK_INT(kiosk_layout_hit(&L, KS_TICKET, 10, 700, &idx),
	    KH_ANYWHERE);
	CHECK_INT(kiosk_layout_hit(&L, KS_WAIT, 640, 400, &idx), KH_NONE);
	CHECK_INT(kiosk_layout_hit(&L, KS_PIN, L.pin_key[10].x + 2,
	    L.pin_key[10].y + 2, &idx), KH_PIN_DIGIT);
	CHECK_INT(idx, 0);
	CHECK_INT(kiosk_layout_hit(&L, KS_PIN, L.pin_key[11].x + 2,
	    L.pin_key[11].y + 2, &idx), KH_PIN_OK);
	/* the corner is not a button on other screens */
	CHECK(kiosk_layout_hit(&L, KS_MANAGER, 2, 2, &idx) != KH_CORNER);
	CHECK_INT(kiosk_layout_rect(&L, KS_TICKET, KH_SERVICE, 0).w, 0);
	CHECK_STR(kiosk_hit_name(KH_PIN_OK), "pin_ok");
	/* tiny and silly sizes are clamped, not broken */
	kiosk_layout_compute(&L, 10, 10, 99);
	CHECK_INT(L.w, KIOSK_MIN_W);
	CHECK_INT(L.nserv, Q_MAX_SERVICES);
	kiosk_layout_compute(&L, 800, 480, 0);
	CHECK_INT(kiosk_layout_hit(&L, KS_HOME, 400, 300, &idx), KH_NONE);
	check_stretch();
	return check_done();
}
