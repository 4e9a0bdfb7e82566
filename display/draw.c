/* draw.c - paint the room's screen: one function per block.
 *
 * Start at draw_frame().  Every text goes through text(), which fits it to
 * its rectangle with ui_draw_fit (shrink, then two lines, then an
 * ellipsis) and, in test mode, writes what and where to the scene file.
 * A full draw paints the static picture into a target texture; a notice
 * too long to fit then scrolls over a copy of it, so a scroll frame costs
 * one copy and one text instead of the whole board; with the software
 * renderer only the notice strip is copied (10% -> ~1.5% of a core at
 * 1080p).
 */
#define _POSIX_C_SOURCE 200809L
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const SDL_Color BG = { 8, 18, 38, 255 };
static const SDL_Color PANEL = { 20, 38, 72, 255 };
static const SDL_Color PANEL2 = { 28, 52, 96, 255 };
static const SDL_Color WHITE = { 245, 247, 250, 255 };
static const SDL_Color DIM = { 168, 186, 214, 255 };
static const SDL_Color GOLD = { 255, 204, 0, 255 };
static const SDL_Color INK = { 8, 18, 38, 255 };
static const SDL_Color GREEN = { 90, 220, 130, 255 };
static const SDL_Color RED = { 255, 110, 100, 255 };

/* The scene line of one drawn line of text, placed as ui.c places it. */
static void
scene_line(struct draw *b, struct ui *u, const char *tag, const char *s,
           SDL_Rect box, int px, int bold, int align)
{
	int w, h;
	SDL_Rect d;

	ui_measure(u, s, px, bold, &w, &h);
	d.w = w < box.w ? w : box.w;
	d.h = h;
	d.y = box.y + (box.h - h) / 2;
	d.x = align == UI_LEFT ? box.x : align == UI_RIGHT ?
	    box.x + box.w - d.w : box.x + (box.w - d.w) / 2;
	fprintf(b->scene, "text %s %d %d %d %d %s\n", tag, d.x, d.y, d.w, d.h,
	    s);
}

/* What ui_draw_fit(s, box, px) drew, for the scene file: one line per
 * line of text, the cut one with its ellipsis. */
static void
scene_text(struct draw *b, struct ui *u, const char *tag, const char *s,
           SDL_Rect box, int px, int bold, int align)
{
	char text[2][512];
	SDL_Rect at[2];
	int used, n = ui_fit_lines(u, s, box, px, bold, text, at, &used);

	for (int i = 0; i < n; i++)
		scene_line(b, u, tag, text[i], at[i], used, bold, align);
}

/* Draw s fitted into box (ui_draw_fit: shrink, two lines, ellipsis); px
 * 0 means "as tall as the box allows". */
static void
text(struct draw *b, struct ui *u, const char *tag, const char *s,
     SDL_Rect box, int px, int bold, SDL_Color c, int align)
{
	int maxpx = box.h * 100 / 118;

	if (!s || !*s || box.w <= 0 || box.h <= 0)
		return;
	if (px <= 0 || px > maxpx)
		px = maxpx;
	if (px < 6)
		px = 6;
	ui_draw_fit(u, s, box, px, bold, c, align);
	if (b->scene)
		scene_text(b, u, tag, s, box, px, bold, align);
}

/* The clock: shrunk as far as it takes, never cut (the time is at its
 * end), with ui_draw_text. */
static void
clock_text(struct draw *b, struct ui *u, const char *s, SDL_Rect box)
{
	int px = ui_draw_text(u, s, box, box.h * 100 / 118, 1, GOLD, UI_RIGHT);

	if (b->scene)
		scene_line(b, u, "clock", s, box, px, 1, UI_RIGHT);
}

static void
panel(struct draw *b, struct ui *u, SDL_Rect r, SDL_Color c)
{
	ui_round(u, r, b->lay.radius, c);
}

void
draw_trim_cache(struct draw *b, struct ui *u)
{
	unsigned long keep;

	if (b->nfull < 3)
		return;
	/* what the last three full draws used stays (flash phases) */
	keep = b->full_frame[b->nfull % 3];
	ui_text_trim(u, keep);
}

int
draw_tile_count(const struct q_status *st)
{
	int n = 0;

	for (int i = 0; i < st->ncounters; i++)
		if (st->counters[i].state != Q_COUNTER_CLOSED)
			n++;
	return n > LAYOUT_MAX_COUNTERS ? LAYOUT_MAX_COUNTERS : n;
}

static void
header(struct draw *b, struct ui *u, const struct draw_view *v)
{
	static const char *hari[] = { "Minggu", "Senin", "Selasa", "Rabu",
		"Kamis", "Jumat", "Sabtu" };
	static const char *days[] = { "Sunday", "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday" };
	static const char *bulan[] = { "Jan", "Feb", "Mar", "Apr", "Mei",
		"Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des" };
	static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char clk[96];
	time_t t = (time_t)(v->wall_ms / 1000);
	struct tm tm;
	const char *office = v->st && v->st->office[0] ? v->st->office :
	    "antri";

	localtime_r(&t, &tm);
	if (b->lay.portrait)        /* narrow header: day and time only */
		snprintf(clk, sizeof clk, "%d %s  %02d:%02d", tm.tm_mday,
		    v->lang == LANG_EN ? months[tm.tm_mon] :
		    bulan[tm.tm_mon], tm.tm_hour, tm.tm_min);
	else
		snprintf(clk, sizeof clk, "%s, %d %s %d   %02d:%02d",
		    v->lang == LANG_EN ? days[tm.tm_wday] : hari[tm.tm_wday],
		    tm.tm_mday, v->lang == LANG_EN ? months[tm.tm_mon] :
		    bulan[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min);
	if (v->voice_missing || (v->staff && v->staff[0])) {
		/* a small line under the office's name, for staff: the room
		 * is silent, the clock looks wrong, the -wal was removed */
		SDL_Rect name = b->lay.office, note = name, voice;

		name.h = name.h * 62 / 100;
		note.y += name.h;
		note.h -= name.h;
		text(b, u, "office", office, name, 0, 1, WHITE, UI_LEFT);
		voice = note;
		if (v->voice_missing && v->staff && v->staff[0]) {
			note.w /= 2;            /* both: side by side */
			voice.x += note.w;
			voice.w -= note.w;
		}
		if (v->staff && v->staff[0])
			text(b, u, "staff", v->staff, note, 0, 0, GOLD,
			    UI_LEFT);
		if (v->voice_missing)
			text(b, u, "voice_missing", tr(v->lang, "Suara mati: "
			    "rekaman suara tidak ditemukan (lihat [display] "
			    "voice_dir)", "No voice: the voice clips were not "
			    "found (see [display] voice_dir)"), voice, 0, 0, RED,
			    UI_LEFT);
	} else {
		text(b, u, "office", office, b->lay.office, 0, 1, WHITE,
		    UI_LEFT);
	}
	clock_text(b, u, clk, b->lay.clock);
}

static void
main_call(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	int lit = v->hl_active && v->flash_on;
	SDL_Color bg = lit ? GOLD : PANEL, fg = lit ? INK : WHITE,
	    num = lit ? INK : GOLD;
	char cnt[16];

	panel(b, u, l->main, bg);
	text(b, u, "main_title", tr(v->lang, "NOMOR ANTRIAN", "NOW CALLING"),
	    l->main_title, 0, 1, fg, UI_CENTER);
	text(b, u, "main_counter_label", tr(v->lang, "LOKET", "COUNTER"),
	    l->main_counter_label, 0, 1, fg, UI_CENTER);
	if (!v->hl_label[0]) {
		text(b, u, "main_number", "---", l->main_number, 0, 1, DIM,
		    UI_CENTER);
		return;
	}
	snprintf(cnt, sizeof cnt, "%d", v->hl_counter);
	text(b, u, "main_number", v->hl_label, l->main_number, 0, 1, num,
	    UI_CENTER);
	text(b, u, "main_counter", cnt, l->main_counter, 0, 1, num,
	    UI_CENTER);
}

static void
counter_tiles(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct q_status *st = v->st;
	int k = 0;

	for (int i = 0; i < st->ncounters && k < b->lay.ncounters; i++) {
		const struct q_counter *c = &st->counters[i];
		const struct layout_tile *t = &b->lay.tile[k];
		char lab[48];
		int lit = v->hl_active && c->number == v->hl_counter;

		if (c->state == Q_COUNTER_CLOSED)
			continue;
		k++;
		panel(b, u, t->box, lit ? GOLD : PANEL2);
		snprintf(lab, sizeof lab, "%s %d", tr(v->lang, "LOKET",
		    "COUNTER"), c->number);
		text(b, u, "tile_label", lab, t->label, 0, 1,
		    lit ? INK : DIM, UI_CENTER);
		if (c->state == Q_COUNTER_PAUSED)
			text(b, u, "tile_number", tr(v->lang, "istirahat",
			    "paused"), t->number, t->number.h * 45 / 100, 0,
			    DIM, UI_CENTER);
		else
			text(b, u, "tile_number", c->has_current ?
			    c->current.label : "-", t->number, 0, 1,
			    lit ? INK : WHITE, UI_CENTER);
	}
}

static void
recent_calls(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	const struct q_status *st = v->st;
	int row = 0;

	panel(b, u, l->recent, PANEL);
	text(b, u, "recent_title", tr(v->lang, "Panggilan sebelumnya",
	    "Previous calls"), l->recent_title, 0, 1, DIM, UI_LEFT);
	for (int i = 0; i < st->ncalls && row < LAYOUT_RECENT; i++) {
		const struct q_recent *c = &st->calls[i];
		SDL_Rect rr = l->recent_row[row], left = rr, right = rr;
		char cnt[48];
		int dup = 0;

		if (!strcmp(c->label, v->hl_label) &&
		    c->counter == v->hl_counter)
			continue;
		for (int j = 0; j < i; j++)
			if (!strcmp(st->calls[j].label, c->label))
				dup = 1;
		if (dup)
			continue;
		left.w = rr.w * 45 / 100;
		right.x = rr.x + rr.w * 48 / 100;
		right.w = rr.w - rr.w * 48 / 100;
		snprintf(cnt, sizeof cnt, "%s %d", tr(v->lang, "Loket",
		    "Counter"), c->counter);
		text(b, u, "recent", c->label, left, 0, 1, WHITE, UI_LEFT);
		text(b, u, "recent_counter", cnt, right, 0, 0, DIM, UI_RIGHT);
		row++;
	}
}

static void
admitted(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	const struct q_status *st = v->st;

	panel(b, u, l->admitted, PANEL);
	text(b, u, "admitted_title", tr(v->lang, "Silakan masuk",
	    "Please come in"), l->admitted_title, 0, 1, GREEN, UI_LEFT);
	/* let in from outside and not called yet, newest first: the newest
	 * on a green ground */
	for (int i = 0; i < st->nadmitted && i < LAYOUT_ADMITTED; i++) {
		if (i == 0)
			panel(b, u, l->admitted_cell[0], GREEN);
		text(b, u, i ? "admitted" : "admitted_new",
		    st->admitted[i].label, l->admitted_cell[i], 0, 1,
		    i ? WHITE : INK, UI_CENTER);
	}
}

static void
room(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	const struct q_status *st = v->st;
	char out[96], val[32];
	int full = st->limit > 0 && st->occupancy >= st->limit;
	SDL_Rect left = l->occupancy_value, right = left;

	panel(b, u, l->occupancy, PANEL);
	if (st->limit > 0)
		snprintf(val, sizeof val, "%d / %d", st->occupancy, st->limit);
	else
		snprintf(val, sizeof val, "%d", st->occupancy);
	text(b, u, "occupancy_title", full ? tr(v->lang,
	    "Ruangan penuh", "The room is full") : tr(v->lang,
	    "Di dalam ruangan", "In the room"), l->occupancy_title, 0, 1,
	    full ? RED : DIM, UI_LEFT);
	if (left.w < left.h * 4) {  /* narrow (portrait): stacked */
		left.h = left.h * 64 / 100;
		right.y += left.h + 1;
		right.h -= left.h + 1;
	} else {                    /* wide: side by side */
		left.w = left.w * 48 / 100;
		right.x += left.w + left.w / 12;
		right.w -= left.w + left.w / 12;
		right.y += right.h / 4;
		right.h -= right.h / 2;
	}
	text(b, u, "occupancy", val, left, 0, 1, full ? RED : WHITE,
	    UI_LEFT);
	if (st->outside > 0) {
		snprintf(out, sizeof out, "%d %s", st->outside, tr(v->lang,
		    "menunggu di luar", "waiting outside"));
		text(b, u, "outside", out, right, 0, 0, DIM, UI_RIGHT);
	}
}

static void
services(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	const struct q_status *st = v->st;

	panel(b, u, l->services, PANEL);
	text(b, u, "services_title", tr(v->lang, "Menunggu per layanan",
	    "Waiting per service"), l->services_title, 0, 1, DIM, UI_LEFT);
	for (int i = 0; i < st->nservices && i < l->nservices; i++) {
		const struct q_service *s = &st->services[i];
		SDL_Rect rr = l->service_row[i], left = rr, right = rr;
		char name[Q_NAME_MAX + 8], n[32];

		left.w = rr.w * 74 / 100;
		right.x = rr.x + rr.w * 76 / 100;
		right.w = rr.w - rr.w * 76 / 100;
		snprintf(name, sizeof name, "%c  %s", s->code,
		    v->lang == LANG_EN && s->name_en[0] ? s->name_en :
		    s->name_id);
		if (s->open)
			snprintf(n, sizeof n, "%d", s->waiting + s->outside);
		else
			snprintf(n, sizeof n, "%s", tr(v->lang, "tutup",
			    "closed"));
		text(b, u, "service", name, left, 0, 0, s->open ? WHITE : DIM,
		    UI_LEFT);
		text(b, u, "service_waiting", n, right, 0, 1,
		    s->open ? GOLD : DIM, UI_RIGHT);
	}
}

/* 1 if s is too wide for the notice strip (and must scroll). */
static int
notice_overflows(struct draw *b, struct ui *u, const char *s)
{
	SDL_Rect n = b->lay.notice;
	int w, h;

	if (!s || !*s)
		return 0;
	ui_measure(u, s, n.h * 62 / 100, 0, &w, &h);
	return w > n.w - 2 * (n.h / 3);
}

/* The notice's panel, and its text when it fits; a text too long to
 * stand still is left to notice_scroll(), drawn every animation frame. */
static void
notice_static(struct draw *b, struct ui *u, const char *s)
{
	SDL_Rect n = b->lay.notice, in = n;
	int px = n.h * 62 / 100;

	b->notice_scrolls = 0;
	panel(b, u, n, PANEL2);
	if (!s || !*s)
		return;
	in.x += n.h / 3;
	in.w -= 2 * (n.h / 3);
	if (!notice_overflows(b, u, s))
		text(b, u, "notice", s, in, px, 0, WHITE, UI_CENTER);
	else
		b->notice_scrolls = 1;
}

/* Scroll right to left, about a screen height in 10 s. */
static void
notice_scroll(struct draw *b, struct ui *u, const struct draw_view *v,
              const char *s)
{
	SDL_Rect n = b->lay.notice, in = n;
	int px = n.h * 62 / 100, w, h;
	SDL_Texture *tex;
	SDL_Rect clip, dst;
	long span, speed, off;

	in.x += n.h / 3;
	in.w -= 2 * (n.h / 3);
	if (!(tex = ui_text(u, s, px, 0, WHITE, &w, &h)))
		return;
	span = (long)w + in.w;
	speed = b->lay.h / 10 + 1;             /* px per second */
	off = (long)(v->anim_ms * speed / 1000 % span);
	dst.x = in.x + in.w - (int)off;
	dst.y = in.y + (in.h - h) / 2;
	dst.w = w;
	dst.h = h;
	clip = in;
	SDL_RenderSetClipRect(u->ren, &clip);
	SDL_RenderCopy(u->ren, tex, NULL, &dst);
	SDL_RenderSetClipRect(u->ren, NULL);
	if (b->scene)
		fprintf(b->scene, "text notice %d %d %d %d %s\n", dst.x, dst.y,
		    dst.w, dst.h, s);
}

static void
waiting_page(struct draw *b, struct ui *u, const struct draw_view *v)
{
	const struct layout *l = &b->lay;
	SDL_Rect msg = l->main, why = l->counters;

	panel(b, u, l->main, PANEL);
	msg.x += l->margin;
	msg.w -= 2 * l->margin;
	text(b, u, "wait", tr(v->lang, "Menunggu data antrian...",
	    "Waiting for the queue..."), msg, msg.h / 5, 1, GOLD, UI_CENTER);
	why.h = why.h / 4;
	text(b, u, "wait_reason", v->wait_reason ? v->wait_reason : "", why,
	    0, 0, DIM, UI_CENTER);
}

/* Everything but a scrolling notice, into the current render target. */
static void
draw_static(struct draw *b, struct ui *u, const struct draw_view *v)
{
	ui_clear(u, BG);
	header(b, u, v);
	if (!v->st) {
		waiting_page(b, u, v);
		notice_static(b, u, NULL);
		return;
	}
	main_call(b, u, v);
	counter_tiles(b, u, v);
	recent_calls(b, u, v);
	admitted(b, u, v);
	room(b, u, v);
	services(b, u, v);
	notice_static(b, u, v->st->notice);
}

/* The texture that keeps the static picture between scroll frames, at
 * the output's size; NULL when the renderer cannot draw into one. */
static SDL_Texture *
cache(struct draw *b, struct ui *u)
{
	Uint32 fmt;

	if (b->cache && b->cw == u->w && b->ch == u->h)
		return b->cache;
	if (b->cache)
		SDL_DestroyTexture(b->cache);
	/* the window's own format: copying it out is a plain memcpy */
	fmt = SDL_GetWindowPixelFormat(u->win);
	if (fmt == SDL_PIXELFORMAT_UNKNOWN)
		fmt = SDL_PIXELFORMAT_ARGB8888;
	b->cache = SDL_CreateTexture(u->ren, fmt, SDL_TEXTUREACCESS_TARGET,
	    u->w, u->h);
	if (!b->cache)
		b->cache = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
		    SDL_TEXTUREACCESS_TARGET, u->w, u->h);
	b->cw = u->w;
	b->ch = u->h;
	if (b->cache)
		SDL_SetTextureBlendMode(b->cache, SDL_BLENDMODE_NONE);
	return b->cache;
}

void
draw_frame(struct draw *b, struct ui *u, const struct draw_view *v,
           int full)
{
	int ntiles = v->st ? draw_tile_count(v->st) : 0;
	int nserv = v->st ? v->st->nservices : 0;
	SDL_Texture *t = b->valid ? b->cache : NULL;
	FILE *scene = b->scene;

	if (!t || b->cw != u->w || b->ch != u->h)
		full = 1;
	if (full) {
		layout_compute(&b->lay, u->w, u->h, ntiles, nserv);
		/* the picture is kept only while a notice scrolls over it:
		 * the texture is another w x h x 4 bytes */
		if (v->st && notice_overflows(b, u, v->st->notice)) {
			t = cache(b, u);
		} else {
			if (b->cache)
				SDL_DestroyTexture(b->cache);
			b->cache = t = NULL;
		}
		/* the static texts go to a buffer, repeated on scroll frames */
		free(b->scene_buf);
		b->scene_buf = NULL;
		b->scene_len = 0;
		b->scene = scene ? open_memstream(&b->scene_buf,
		    &b->scene_len) : NULL;
		if (t)
			SDL_SetRenderTarget(u->ren, t);
		draw_static(b, u, v);
		if (t)
			SDL_SetRenderTarget(u->ren, NULL);
		if (b->scene)
			fclose(b->scene);
		b->scene = scene;
		b->valid = 1;
		b->full_frame[b->nfull++ % 3] = u->frame;
	}
	if (t && (full || !u->software)) {
		SDL_RenderCopy(u->ren, t, NULL, NULL);
	} else if (t) {
		/* the software renderer draws into the window's own surface,
		 * which keeps the last frame: renew only the notice strip */
		SDL_Rect nr = b->lay.notice;

		SDL_RenderCopy(u->ren, t, &nr, &nr);
	}
	if (scene) {
		fprintf(scene, "frame %lu %dx%d highlight %d%s\n", u->frame,
		    u->w, u->h, v->hl_active, full ? "" : " scroll");
		if (b->scene_buf)
			fwrite(b->scene_buf, 1, b->scene_len, scene);
	}
	if (b->notice_scrolls && v->st)
		notice_scroll(b, u, v, v->st->notice);
	if (scene) {
		fprintf(scene, "end\n");
		fflush(scene);
	}
}

void
draw_free(struct draw *b)
{
	if (b->cache)
		SDL_DestroyTexture(b->cache);
	b->cache = NULL;
	b->valid = 0;
	free(b->scene_buf);
	b->scene_buf = NULL;
}
