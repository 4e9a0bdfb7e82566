/* test_kiosk_fit.c - kiosk texts at every supported screen size (the sizes
 * of test_kiosk_layout.c), measured with SDL_ttf and the real font, no
 * window: a service name of the longest accepted length (63 characters)
 * fits its home button (ui_draw_fit's plan: shrunk, two lines, or cut),
 * with 1 to 26 services, in normal and large text, and is never cut with
 * up to 12 services on a screen of 1280x720 or more; each button's parts lie
 * inside it; and the ticket's number is at least 15% of the screen's
 * height in the large-text mode, portrait screens too (drawn
 * upright-stretched where the width is short, kiosk_number_line_h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ui.h"
#include "kiosk/draw.h"

static struct ui u;

static int
inside(SDL_Rect a, SDL_Rect b)
{
	return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w &&
	    a.y + a.h <= b.y + b.h;
}

static int cuts;

/* the plan of s in box at px: every line inside the box */
static int
fits(const char *s, SDL_Rect box, int px)
{
	size_t second, cut;
	int size = ui_fit_plan(&u, s, box, px, 1, &second, &cut), w, h, w2 = 0;
	char a[256], b[256] = "";

	if (second) {
		snprintf(a, sizeof a, "%.*s", (int)(second - 1), s);
		snprintf(b, sizeof b, "%s", s + second);
	} else if (cut) {
		snprintf(a, sizeof a, "%.*s\xe2\x80\xa6", (int)cut, s);
	} else {
		snprintf(a, sizeof a, "%s", s);
	}
	cuts += cut != 0;
	ui_measure(&u, a, size, 1, &w, &h);
	if (*b)
		ui_measure(&u, b, size, 1, &w2, &h);
	return size >= 8 && w <= box.w && w2 <= box.w &&
	    h * (second ? 2 : 1) <= box.h + 2;
}

/* the digits' height of "A001" drawn as large as its box allows, in
 * the font's own proportions; *line the height of the line of text */
static int
number_height(SDL_Rect box, int px, int *line)
{
	int size = ui_fit(&u, "A001", px, 1, box.w), miny, maxy, w;
	TTF_Font *f = ui_font(&u, size, 1);

	*line = 0;
	if (!f || TTF_GlyphMetrics(f, '0', NULL, NULL, &miny, &maxy, NULL))
		return 0;
	ui_measure(&u, "A001", size, 1, &w, line);
	return maxy - miny;
}

static void
check_size(int w, int h)
{
	static const int counts[] = { 1, 2, 5, 6, 9, 12, 26 };
	const char *name63 = "Pelayanan Perizinan Bangunan dan Lingkungan, "
	    "Hidup Terpadu Satu";
	struct kiosk_layout L;
	struct kiosk_tile t;
	int bad = 0, big, line, tall, drawn;

	for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
		kiosk_layout_compute(&L, w, h, counts[c]);
		cuts = 0;
		for (int i = 0; i < L.nserv; i++) {
			int px;

			kiosk_layout_tile(&L, i, &t);
			px = t.name.h * 9 / 20;
			if (!inside(t.name, L.serv[i]) ||
			    !inside(t.letter, L.serv[i]) ||
			    !inside(t.line[1], L.serv[i]) ||
			    !fits(name63, t.name, kiosk_name_px(&u, name63,
			    t.name, px)) || !fits(name63, t.name,
			    kiosk_name_px(&u, name63, t.name, px * 5 / 4)))
				bad++;
		}
		/* the large-text layout's buttons: the parts inside too */
		kiosk_layout_large(&L);
		for (int i = 0; i < L.nserv; i++) {
			kiosk_layout_tile(&L, i, &t);
			if (!inside(t.name, L.serv[i]) ||
			    !inside(t.letter, L.serv[i]) ||
			    !inside(t.line[1], L.serv[i]) || t.name.h <= 0 ||
			    t.line[0].w <= 0)
				bad++;
		}
		/* up to 12 services on a screen of 1280x720 or more: the
		 * whole name, on two lines, never cut */
		if (counts[c] <= 12 && w >= 1280 && h >= 720 && cuts) {
			fprintf(stderr, "%dx%d, %d services: the name cut %d "
			    "times\n", w, h, counts[c], cuts);
			bad++;
		}
	}
	if (bad)
		fprintf(stderr, "%dx%d: %d buttons where the name does not "
		    "fit\n", w, h, bad);
	CHECK_INT(bad, 0);
	/* large text: the number over the whole width (the large-text
	 * layout), its digits at least 15% of the screen's height, on a
	 * portrait screen too: stretched upright where four characters
	 * across its width cannot be that high (1080x1920: 271 of 288 px) */
	kiosk_layout_compute(&L, w, h, 5);
	kiosk_layout_large(&L);
	CHECK(L.t_number.w >= L.body.w - 2 * L.gap);
	big = number_height(L.t_number, L.t_number.h * 5 / 4, &line);
	tall = kiosk_number_line_h(&L, big, line);
	CHECK(line > 0 && tall >= line && tall * 100 <= line *
	    KIOSK_STRETCH_MAX);
	drawn = line > 0 ? (int)((long)big * tall / line) : 0;
	if (drawn * 100 < h * 15)
		fprintf(stderr, "%dx%d: number %d px high (%d before the "
		    "stretch)\n", w, h, drawn, big);
	CHECK(drawn * 100 >= h * 15);
	/* the stretched line keeps the digits inside the number's box */
	CHECK(drawn <= L.t_number.h);
}

int
main(void)
{
	static const int sizes[][2] = { { 800, 480 }, { 480, 800 },
		{ 800, 600 }, { 1024, 600 }, { 1280, 720 }, { 1280, 800 },
		{ 1366, 768 }, { 1920, 1080 }, { 1080, 1920 }, { 2560, 1440 },
		{ 3840, 2160 }, { 2160, 3840 }, { 768, 1366 } };

	if (TTF_Init() != 0 || ui_find_font(NULL, NULL, 1, u.font_path,
	    sizeof u.font_path) != 0) {
		fprintf(stderr, "no font or SDL_ttf: %s\n", SDL_GetError());
		CHECK(0);
		return check_done();
	}
	snprintf(u.bold_path, sizeof u.bold_path, "%s", u.font_path);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		check_size(sizes[i][0], sizes[i][1]);
	for (int i = 0; i < UI_FONTS; i++)
		if (u.fonts[i].f)
			TTF_CloseFont(u.fonts[i].f);
	TTF_Quit();
	return check_done();
}
