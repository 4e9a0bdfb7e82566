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
	for (int i = 0; i < UI_FONTS; i++)
		if (u.fonts[i].f)
			TTF_CloseFont(u.fonts[i].f);
	TTF_Quit();
	return check_done();
}
