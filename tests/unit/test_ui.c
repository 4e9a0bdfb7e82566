/* test_ui.c - the UI kit's fitted text (ui_fit_plan, behind ui_draw_fit):
 * short texts keep their size, long ones shrink, then take two lines, then
 * end in an ellipsis cut at a character boundary; and every plan fits its
 * box.  Measures with SDL_ttf and the real font; needs no window. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ui.h"

static struct ui u;

/* width and height of the plan's lines at its size fit the box */
static void
check_fits(const char *s, SDL_Rect box, int px)
{
	size_t second, cut;
	int size = ui_fit_plan(&u, s, box, px, 0, &second, &cut), w, h;
	char a[512], b[512];

	if (second) {
		snprintf(a, sizeof a, "%.*s", (int)(second - 1), s);
		snprintf(b, sizeof b, "%s", s + second);
	} else if (cut) {
		snprintf(a, sizeof a, "%.*s\xe2\x80\xa6", (int)cut, s);
		b[0] = 0;
	} else {
		snprintf(a, sizeof a, "%s", s);
		b[0] = 0;
	}
	ui_measure(&u, a, size, 0, &w, &h);
	CHECK(w <= box.w);
	CHECK(h <= (second ? box.h / 2 + 1 : box.h));
	if (*b) {
		ui_measure(&u, b, size, 0, &w, &h);
		CHECK(w <= box.w);
	}
	CHECK(size >= 8 && size <= px);
	/* at the size asked, of the splits that fit, none is more even
	 * (unless it ends a sentence, which the plan prefers) (at
	 * a smaller size the plan's sizes are steps of a tenth, so another
	 * split "fitting" at the same size by measure is not comparable) */
	if (second && size == px && !strchr(".!?", s[second - 2])) {
		int wa, wb, mine;

		ui_measure(&u, a, size, 0, &wa, &h);
		ui_measure(&u, b, size, 0, &wb, &h);
		mine = wa > wb ? wa : wb;
		for (size_t i = 1; s[i] && i < sizeof a; i++) {
			char x[512];
			int hx, hy;

			if (s[i] != ' ' || i + 1 == second)
				continue;
			snprintf(x, sizeof x, "%.*s", (int)i, s);
			ui_measure(&u, x, size, 0, &wa, &hx);
			ui_measure(&u, s + i + 1, size, 0, &wb, &hy);
			if (wa <= box.w && wb <= box.w && hx <= box.h / 2 &&
			    hy <= box.h / 2)
				CHECK((wa > wb ? wa : wb) >= mine);
		}
	}
	/* a cut never ends inside a UTF-8 character */
	if (cut)
		CHECK(((unsigned char)s[cut] & 0xC0) != 0x80);
}

int
main(void)
{
	const char *name63 = "Pelayanan Perizinan Bangunan dan Lingkungan, "
	    "Hidup Terpadu Satu";
	char e100[256] = "";
	SDL_Rect wide = { 0, 0, 1600, 120 }, button = { 0, 0, 520, 110 },
		tiny = { 0, 0, 90, 30 };
	size_t second, cut;
	int px;

	if (TTF_Init() != 0 || ui_find_font(NULL, NULL, 0, u.font_path,
	    sizeof u.font_path) != 0) {
		fprintf(stderr, "no font or SDL_ttf: %s\n", SDL_GetError());
		CHECK(0);
		return check_done();
	}
	snprintf(u.bold_path, sizeof u.bold_path, "%s", u.font_path);
	for (int i = 0; i < 100; i++)
		strcat(e100, "\xc3\xa9");             /* 100 x e-acute */

	/* short: as asked, one line */
	px = ui_fit_plan(&u, "Perizinan", wide, 60, 0, &second, &cut);
	CHECK_INT(px, 60);
	CHECK_INT(second, 0);
	CHECK_INT(cut, 0);
	/* a 63-character name in a kiosk button: two lines, larger than one */
	CHECK_INT(strlen(name63), 63);
	px = ui_fit_plan(&u, name63, button, 48, 0, &second, &cut);
	CHECK(second > 0);
	CHECK_INT(cut, 0);
	CHECK(px >= 48 * UI_FIT_MIN_PCT / 100);
	CHECK(name63[second - 1] == ' ');
	check_fits(name63, button, 48);
	/* no space to break at and no room: an ellipsis at a boundary */
	px = ui_fit_plan(&u, e100, tiny, 40, 0, &second, &cut);
	CHECK_INT(second, 0);
	CHECK(cut > 0 && cut < strlen(e100));
	CHECK_INT(cut % 2, 0);
	check_fits(e100, tiny, 40);
	/* every size of box, for the long name */
	for (int w = 120; w <= 1900; w += 89)
		for (int h = 30; h <= 260; h += 23) {
			SDL_Rect b = { 0, 0, w, h };
			check_fits(name63, b, h * 7 / 10);
		}
	/* the kiosk's refused check-in, English, in line boxes of every
	 * width: where it takes two lines at the size asked, the most even
	 * (check_fits) */
	for (int w = 300; w <= 1100; w += 37) {
		SDL_Rect line = { 0, 0, w, 120 };

		check_fits("Unknown code at this office. Please check your code.",
		    line, 40);
	}
	/* the kiosk's portrait line (1026 x 133 at 79): after the full stop */
	{
		const char *en = "Unknown code at this office. Please check "
		    "your code.";
		SDL_Rect line = { 0, 0, 1026, 133 };

		ui_fit_plan(&u, en, line, 79, 0, &second, &cut);
		CHECK(second > 0 && strcmp(en + second, "Please check your "
		    "code.") == 0);
	}
	/* two lines in a tall box: together, one block in its middle (the
	 * kiosk's refused check-in put half the box between them) */
	{
		SDL_Rect tall = { 0, 100, 520, 700 }, at[2];
		char text[2][512];
		int used, n = ui_fit_lines(&u, name63, tall, 48, 0, text, at,
		    &used);

		CHECK_INT(n, 2);
		CHECK_INT(at[1].y, at[0].y + at[0].h);
		CHECK(at[0].h < tall.h / 4);
		CHECK(abs((at[0].y - tall.y) - (tall.y + tall.h - at[1].y -
		    at[1].h)) <= 1);
		CHECK_INT(strlen(text[0]) + 1 + strlen(text[1]), strlen(name63));
	}
	for (int i = 0; i < UI_FONTS; i++)
		if (u.fonts[i].f)
			TTF_CloseFont(u.fonts[i].f);
	TTF_Quit();
	return check_done();
}
