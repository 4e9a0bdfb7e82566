/* test_counter_draw.c - what the counter panel draws, read back from the
 * frame: service names of the longest accepted length (63 characters)
 * stay readable and inside their boxes, in the transfer buttons and in the
 * waiting list, at 1280x720 and 1920x1080; and the general printer line
 * appears at the bottom of the side card.  SDL's dummy video driver and the software
 * renderer: no screen needed.  The frames are saved as BMP in $OUT.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "counter/counter.h"
#include "counter/draw.h"
#include "counter/layout.h"
#include "ui.h"

static const char *const names[] = {
	"Pelayanan Perizinan Bangunan dan Lingkungan, Hidup Terpadu Satu",
	"Rekomendasi Teknis Pemanfaatan Ruang bagi Usaha Mikro dan Kecil",
	"Konsultasi Persyaratan Izin Usaha Perdagangan dan Jasa Lainnya:",
	"Legalisasi Dokumen Kependudukan bagi Keperluan Luar Negeri (LN)",
};
#define NNAMES (int)(sizeof names / sizeof names[0])

static struct ui u;
static Uint32 *pix;          /* the frame, ARGB8888 */

/* an office of eight services with 63-character names; counter 1 serves
 * A and B and is serving A001 */
static void
office(struct counter *p)
{
	counter_init(p, "/nonexistent/antri.db", 1, LANG_ID, 0);
	p->have_status = 1;
	p->conn = CC_OK;
	p->st.nservices = 8;
	for (int i = 0; i < 8; i++) {
		struct q_service *s = &p->st.services[i];

		s->code = (char)('A' + i);
		snprintf(s->name_id, sizeof s->name_id, "%s", names[i % NNAMES]);
		s->open = 1;
		s->waiting = 3 + i;
		CHECK_INT(strlen(s->name_id), 63);
	}
	p->me_found = 1;
	p->me.state = Q_COUNTER_OPEN;
	snprintf(p->me.services, sizeof p->me.services, "AB");
	p->me.has_current = 1;
	p->me.current.service = 'A';
	snprintf(p->me.current.label, sizeof p->me.current.label, "A001");
	p->wall_ms = (int64_t)time(NULL) * 1000;
	p->snap_mono = counter_mono_ms();
	p->me.current.called_ms = p->wall_ms - 135000;
}

static int
differs(Uint32 px, SDL_Color bg)
{
	int r = (int)(px >> 16 & 255), g = (int)(px >> 8 & 255),
	    b = (int)(px & 255);

	return abs(r - bg.r) + abs(g - bg.g) + abs(b - bg.b) > 60;
}

/* height of the ink (pixels unlike bg) inside r; 0 when none */
static int
ink_height(SDL_Rect r, SDL_Color bg)
{
	int top = -1, bottom = -1;

	for (int y = r.y; y < r.y + r.h && y < u.h; y++)
		for (int x = r.x; x < r.x + r.w && x < u.w; x++)
			if (differs(pix[y * u.w + x], bg)) {
				if (top < 0)
					top = y;
				bottom = y;
				break;
			}
	return top < 0 ? 0 : bottom - top + 1;
}

/* 1 when no ink lies in r */
static int
blank(SDL_Rect r, SDL_Color bg)
{
	return r.w <= 0 || r.h <= 0 || ink_height(r, bg) == 0;
}

/* In row r, from the right: the count's ink, then how many columns
 * without ink before the next ink (the name's end); -1 when there is no
 * ink left of the count. */
static int
space_before_count(SDL_Rect r, SDL_Color bg)
{
	int x = r.x + r.w - 1, run = 0, seen = 0;

	for (; x >= r.x; x--) {
		int ink = !blank((SDL_Rect){ x, r.y, 1, r.h }, bg);

		if (ink && run && seen)
			return run;
		if (ink)
			seen = 1;
		else if (seen)
			run++;
	}
	return -1;
}

static void
frame(struct counter *p, struct counter_layout *l, const char *name)
{
	struct counter_button b[CL_MAX_BUTTONS];
	char path[700];
	const char *out = getenv("OUT");
	int nb = counter_buttons(p, b);

	counter_layout_compute(l, u.w, u.h, nb, p->transfer_mode);
	counter_draw(&u, p, l, b, nb, -1);
	CHECK(SDL_RenderReadPixels(u.ren, NULL, SDL_PIXELFORMAT_ARGB8888,
	    pix, u.w * 4) == 0);
	snprintf(path, sizeof path, "%s/%s-%dx%d.bmp", out && *out ? out :
	    "/tmp", name, u.w, u.h);
	CHECK_INT(ui_save_bmp(&u, path), 0);
	ui_present(&u);
}

static void
long_names(int w, int h)
{
	static struct counter p;
	struct counter_layout l;
	SDL_Rect name, num;
	char err[256];
	int least;

	if (ui_open(&u, "test", 0, w, h, NULL, err, sizeof err)) {
		fprintf(stderr, "ui_open: %s\n", err);
		CHECK(0);
		return;
	}
	CHECK_INT(u.w, w);
	CHECK_INT(u.h, h);
	pix = malloc((size_t)w * h * 4);
	office(&p);

	/* the waiting list: each name readable, none spills into its count */
	frame(&p, &l, "counter-long-names");
	least = l.px_text * UI_FIT_MIN_PCT / 100;
	for (int i = 1; i <= 2; i++) {
		counter_layout_row(&l, i, &name, &num);
		/* a line of text at >= 60% of the size: its ink is at least
		 * half of that tall (old code: one line shrunk to ~8 px) */
		CHECK(ink_height(name, (SDL_Color){ 0x1c, 0x26, 0x33, 255 }) >=
		    least / 2 + 2);
		/* the name ends well before its count */
		CHECK(space_before_count((SDL_Rect){ name.x, name.y, num.x +
		    num.w - name.x, name.h }, (SDL_Color){ 0x1c, 0x26, 0x33,
		    255 }) >= l.gap);
	}

	/* the transfer buttons: seven services, each name readable */
	p.transfer_mode = 1;     /* no database: the buttons are dimmed */
	frame(&p, &l, "counter-long-transfer");
	CHECK_INT(l.nbuttons, 8);
	least = l.px_button * UI_FIT_MIN_PCT / 100;
	for (int i = 0; i < 7; i++) {
		SDL_Rect r = l.button[i], label = { r.x, r.y, r.w, r.h * 65 /
			100 }, gap = { r.x + r.w, r.y, l.gap, r.h };

		CHECK(ink_height(label, (SDL_Color){ 0x20, 0x27, 0x30, 255 }) >=
		    least / 2 + 2);
		if (i % l.cols != l.cols - 1)   /* nothing between buttons */
			CHECK(blank(gap, (SDL_Color){ 0x10, 0x16, 0x1f, 255 }));
	}
	/* the general printer line, at the bottom of the side card */
	p.transfer_mode = 0;
	p.printer = 1;
	{
		struct printer_state ps = { .reachable = 1, .state = 5,
			.reasons = "media-empty-error", .message = "Load paper" };
		SDL_Rect row = { l.side_in.x, 0, l.side_in.w, 0 };

		counter_set_printer(&p, &ps);
		frame(&p, &l, "counter-printer");
		row.y = l.side_in.y + l.side_in.h - l.row_h;
		row.h = l.row_h;
		CHECK(ink_height(row, (SDL_Color){ 0x1c, 0x26, 0x33, 255 }) >=
		    l.px_small / 2);
	}
	counter_fini(&p);
	free(pix);
	ui_close(&u);
	memset(&u, 0, sizeof u);
}

int
main(void)
{
	const char *out = getenv("OUT");

	setenv("SDL_VIDEODRIVER", "dummy", 1);
	ui_set_renderer("software");
	if (out && *out) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", out);
		if (system(cmd) != 0)
			return 1;
	}
	long_names(1280, 720);
	long_names(1920, 1080);
	return check_done();
}
