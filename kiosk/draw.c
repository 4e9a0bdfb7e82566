/* draw.c - what each kiosk screen looks like; see draw.h.
 *
 * Start at kiosk_draw().  Every box comes from layout.c; this file only
 * chooses words, colours and sizes.  Made for a visitor who reads poorly
 * and is in a hurry: very large text, dark on light or white on strong
 * colour, the service letter large in its own colour, one idea per line.
 */
#define _POSIX_C_SOURCE 200809L
#include "draw.h"
#include "words.h"
#include "qr.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const SDL_Color BG = { 244, 243, 238, 255 };
static const SDL_Color INK = { 20, 24, 32, 255 };
static const SDL_Color SOFT = { 70, 76, 88, 255 };
static const SDL_Color WHITE = { 255, 255, 255, 255 };
static const SDL_Color HEAD = { 18, 36, 66, 255 };
static const SDL_Color GREY = { 150, 150, 150, 255 };
static const SDL_Color GREYBG = { 214, 214, 210, 255 };
static const SDL_Color GO = { 0, 110, 50, 255 };
static const SDL_Color WAIT = { 176, 96, 0, 255 };
static const SDL_Color BAD = { 178, 24, 24, 255 };
static const SDL_Color KEY = { 40, 62, 100, 255 };

/* Large text, high contrast (the visitor's button, kiosk.c's k->big): for
 * this frame every text is larger (shrunk again where it cannot fit), on
 * black; boxes are black with a white outline; text white, and what was
 * coloured (states, numbers, service letters) yellow.  Every pair has a
 * contrast of at least 7:1 (tests/unit/test_kiosk.c checks them). */
static int hc;

static SDL_Color
tc(SDL_Color c)
{
	SDL_Color out;

	if (!hc)
		return c;
	if (!memcmp(&c, &INK, sizeof c) || !memcmp(&c, &WHITE, sizeof c))
		return words_hc_colour(KHC_TEXT);
	if (!memcmp(&c, &SOFT, sizeof c) || !memcmp(&c, &GREY, sizeof c))
		return words_hc_colour(KHC_SOFT);
	out = words_hc_colour(KHC_ACCENT);
	return out;
}

static int
big(int px)
{
	return hc ? px * 5 / 4 : px;
}

static int
text(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
     SDL_Color c, int align)
{
	return ui_draw_text(&v->ui, s, b, big(px), bold, tc(c), align);
}

static int
fit(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
    SDL_Color c, int align)
{
	return ui_draw_fit(&v->ui, s, b, big(px), bold, tc(c), align);
}

/* A filled box; in high contrast black with a white outline. */
static void
box(struct kiosk_view *v, SDL_Rect r, int rad, SDL_Color c)
{
	int w = v->L.unit / 8 > 2 ? v->L.unit / 8 : 2;

	if (!hc) {
		ui_round(&v->ui, r, rad, c);
		return;
	}
	ui_round(&v->ui, r, rad, words_hc_colour(KHC_TEXT));
	ui_round(&v->ui, (SDL_Rect){ r.x + w, r.y + w, r.w - 2 * w,
	    r.h - 2 * w }, rad, words_hc_colour(KHC_BG));
}

/* A strong colour per service letter; the priority queue is red. */
static SDL_Color
service_colour(const struct q_service *s)
{
	static const SDL_Color pal[] = {
		{ 0, 84, 166, 255 },    /* blue */
		{ 0, 122, 64, 255 },    /* green */
		{ 170, 72, 0, 255 },    /* burnt orange */
		{ 104, 36, 150, 255 },  /* purple */
		{ 0, 112, 120, 255 },   /* teal */
		{ 150, 20, 100, 255 },  /* magenta */
	};

	if (s->priority)
		return (SDL_Color){ 190, 20, 30, 255 };
	return pal[(s->code - 'A') % (int)(sizeof pal / sizeof pal[0])];
}

static SDL_Rect
shrink(SDL_Rect r, int m)
{
	return (SDL_Rect){ r.x + m, r.y + m, r.w - 2 * m, r.h - 2 * m };
}

static void
button(struct kiosk_view *v, SDL_Rect r, SDL_Color bg, const char *label,
       SDL_Color fg)
{
	box(v, r, v->L.unit / 2, bg);
	fit(v, label, shrink(r, v->L.pad / 2), r.h * 2 / 5, 1, fg, UI_CENTER);
}

static void
draw_header(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	char clock[16];
	time_t now = time(NULL);
	struct tm tm;

	ui_fill(&v->ui, L->header, hc ? words_hc_colour(KHC_BG) : HEAD);
	fit(v, k->st.office[0] ? k->st.office : "antri",
	    shrink(L->title, L->pad / 4), L->header.h / 2, 1, WHITE, UI_LEFT);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	text(v, clock, L->clock, L->header.h / 2, 1, WHITE,
	    UI_CENTER);
}

/* The banner line, or its upper part while the staff's line is shown. */
static SDL_Rect
banner(const struct kiosk_view *v)
{
	SDL_Rect b = v->L.banner;

	if (v->staff_on)
		b.h = b.h * 62 / 100;
	return b;
}

/* The staff's small line (words_staff_line: the clock looks wrong, the
 * -wal was removed) at the foot of the banner, across the screen, in a
 * soft colour: for whoever looks after the kiosk, not a worry for a
 * visitor. */
static void
draw_staff(struct kiosk_view *v, const char *s)
{
	SDL_Rect b = v->L.banner, top = banner(v);

	b.y += top.h;
	b.h -= top.h;
	ui_draw_fit(&v->ui, s, b, b.h * 100 / 118, 0, tc(SOFT), UI_CENTER);
}

/* Draw s in box like ui_draw_text, from texture slot i: the texture is
 * made again only when the text, size or colour changed. */
static void
slot(struct kiosk_view *v, int i, const char *s, SDL_Rect box, int px,
          int bold, SDL_Color c, int align)
{
	struct kiosk_slot *sl = &v->slots[i];
	SDL_Rect dst;

	if (!s || !*s)
		return;
	c = tc(c);
	px = ui_fit(&v->ui, s, big(px), bold, box.w);
	if (!sl->tex || sl->px != px || sl->bold != bold || strcmp(sl->s, s) ||
	    memcmp(&sl->c, &c, sizeof c)) {
		TTF_Font *f = ui_font(&v->ui, px, bold);
		SDL_Surface *surf = f ? TTF_RenderUTF8_Blended(f, s, c) : NULL;
		int miny = 0, maxy = 0;

		if (sl->tex)
			SDL_DestroyTexture(sl->tex);
		sl->tex = NULL;
		if (!surf)
			return;
		sl->tex = SDL_CreateTextureFromSurface(v->ui.ren, surf);
		sl->w = surf->w;
		sl->h = surf->h;
		SDL_FreeSurface(surf);
		if (TTF_GlyphMetrics(f, '0', NULL, NULL, &miny, &maxy, NULL))
			miny = maxy = 0;
		sl->digit_h = maxy - miny;
		snprintf(sl->s, sizeof sl->s, "%s", s);
		sl->px = px;
		sl->bold = bold;
		sl->c = c;
		if (!sl->tex)
			return;
	}
	dst = (SDL_Rect){ align == UI_LEFT ? box.x : align == UI_RIGHT ?
		box.x + box.w - sl->w : box.x + (box.w - sl->w) / 2,
		box.y + (box.h - sl->h) / 2, sl->w, sl->h };
	if (hc && i == KSLOT_NUMBER) {
		/* large text: the digits 15% of the screen's height, even
		 * where the width holds them only a little condensed */
		dst.h = kiosk_number_line_h(&v->L, sl->digit_h, sl->h);
		dst.y = box.y + (box.h - dst.h) / 2;
	}
	SDL_RenderCopy(v->ui.ren, sl->tex, NULL, &dst);
}

void
kiosk_view_free(struct kiosk_view *v)
{
	if (v->preview)
		SDL_DestroyTexture(v->preview);
	v->preview = NULL;
	for (int i = 0; i < KIOSK_SLOTS; i++) {
		if (v->slots[i].tex)
			SDL_DestroyTexture(v->slots[i].tex);
		memset(&v->slots[i], 0, sizeof v->slots[i]);
	}
}

/* ---- home ---------------------------------------------------------- */

int
kiosk_name_px(struct ui *u, const char *s, SDL_Rect box, int px)
{
	size_t second, cut;

	for (int p = px; p >= 8; p = p * 4 / 5) {
		ui_fit_plan(u, s, box, p, 1, &second, &cut);
		if (!cut)
			return p;
	}
	return px;
}

/* n lines (2 or 3) of a home button beside its letter, all at one size:
 * the smallest of their fits */
static void
tile_lines(struct kiosk_view *v, int i, int n, const char *const *s,
           SDL_Rect area, SDL_Color fg)
{
	int px = 0;

	for (int j = 0; j < n; j++) {
		SDL_Rect r = { area.x, area.y + j * area.h / n, area.w, area.h / n };
		int p = ui_fit(&v->ui, s[j], big(r.h * 13 / 20), 0, r.w);

		px = j == 0 || p < px ? p : px;
	}
	for (int j = 0; j < n; j++)
		slot(v, KSLOT_SERVICE + 3 * i + j, s[j], (SDL_Rect){ area.x,
		    area.y + j * area.h / n, area.w, area.h / n }, hc ?
		    px * 4 / 5 : px, 0, fg, UI_LEFT);
}

static void
draw_service(struct kiosk_view *v, const struct kiosk *k, int i)
{
	const struct q_service *s = kiosk_service_at(k, i);
	struct kiosk_layout *L = &v->L;
	struct kiosk_tile t;
	SDL_Rect both;
	int why = kiosk_service_unavailable(s);
	int off = why || k->db_err || (k->st.policy == Q_POLICY_REFUSE &&
	    k->st.limit > 0 && k->st.occupancy >= k->st.limit);
	SDL_Color c = off ? GREYBG : service_colour(s);
	SDL_Color fg = off ? SOFT : WHITE;
	char code[2] = { s->code, 0 }, in[64], out[64], wait[48];

	kiosk_layout_tile(L, i, &t);
	box(v, L->serv[i], L->unit / 2, c);
	box(v, t.letter, t.letter.w / 6, off ? GREY : WHITE);
	text(v, code, t.letter, t.letter.h * 4 / 5, 1, off ? WHITE : c,
	    UI_CENTER);
	/* the name: shrunk, then on two lines, then cut (ui_draw_fit) */
	ui_draw_fit(&v->ui, kiosk_service_name(k, s), t.name, kiosk_name_px(
	    &v->ui, kiosk_service_name(k, s), t.name, big(t.name.h * 9 / 20)),
	    1, tc(fg), UI_LEFT);
	both = (SDL_Rect){ t.line[0].x, t.line[0].y, t.line[0].w,
		t.line[1].y + t.line[1].h - t.line[0].y };
	if (why == Q_ECLOSED) {
		text(v, tr(k->lang, "TUTUP", "CLOSED"), both, both.h * 2 / 5, 1,
		    BAD, UI_LEFT);
		return;
	}
	if (why == Q_EQUOTA) {
		fit(v, tr(k->lang, "Kuota hari ini habis", "No more today"),
		    both, both.h * 2 / 5, 1, BAD, UI_LEFT);
		return;
	}
	words_tile_count(k, s, in, sizeof in, out, sizeof out);
	i18n_wait(k->lang, s->est_wait_s, wait, sizeof wait);
	tile_lines(v, i, out[0] ? 3 : 2, (const char *[]){ in, out[0] ? out :
	    wait, wait }, both, fg);
}

static void
draw_home(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	enum kiosk_tone tone;
	char msg[200];
	const SDL_Color tones[] = { INK, WAIT, BAD };

	button(v, L->lang, (SDL_Color){ 60, 84, 128, 255 },
	    k->lang == LANG_EN ? "Bahasa Indonesia" : "English", WHITE);
	button(v, L->big, (SDL_Color){ 60, 84, 128, 255 }, k->big ?
	    tr(k->lang, "Huruf biasa", "Normal text") : tr(k->lang,
	    "Huruf besar", "Large text"), WHITE);
	words_home_banner(k, msg, sizeof msg, &tone);
	text(v, msg, banner(v), banner(v).h * 3 / 5, 1, tones[tone],
	    UI_CENTER);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++)
		draw_service(v, k, i);
	if (k->db_err && k->db_err != -1 && !k->st.nservices) {
		/* nothing to show but the reason, large */
		text(v, tr(k->lang, "Tidak dapat melayani",
		    "Out of service"), L->t_number, L->t_number.h / 2, 1, BAD,
		    UI_CENTER);
		text(v, tr(k->lang, "Silakan hubungi petugas.",
		    "Please ask staff."), L->t_line[0], L->t_line[0].h * 3 / 5,
		    1, INK, UI_CENTER);
	}
}

/* ---- ticket, wait and refused ------------------------------------- */

/* Make the preview texture for k->t, if it can be rendered. */
static void
make_preview(struct kiosk_view *v, const struct kiosk *k)
{
	struct ticket_bitmap b;
	struct ticket_text tx = { 0 };
	const struct q_service *s = kiosk_service_by_code(k, k->t.service);
	struct print_opts po = v->po;
	SDL_Surface *surf;
	char err[128];

	if (v->preview && v->preview_id == k->t.id)
		return;
	if (v->preview)
		SDL_DestroyTexture(v->preview);
	v->preview = NULL;
	po.lang = k->lang;
	tx.office = k->st.office;
	tx.service_name = s ? kiosk_service_name(k, s) : "";
	if (ticket_render(&po, &k->t, &tx, &b, err, sizeof err))
		return;
	surf = SDL_CreateRGBSurfaceWithFormat(0, b.w, b.h, 32,
	    SDL_PIXELFORMAT_ARGB8888);
	if (surf) {
		for (int y = 0; y < b.h; y++) {
			Uint32 *px = (Uint32 *)((Uint8 *)surf->pixels +
			    y * surf->pitch);
			for (int x = 0; x < b.w; x++)
				px[x] = b.bits[y * b.stride + x / 8] &
				    (0x80 >> (x % 8)) ? 0xff000000 : 0xffffffff;
		}
		v->preview = SDL_CreateTextureFromSurface(v->ui.ren, surf);
		v->preview_w = b.w;
		v->preview_h = b.h;
		v->preview_id = k->t.id;
		SDL_FreeSurface(surf);
	}
	ticket_bitmap_free(&b);
}

static void
draw_preview(struct kiosk_view *v, const struct kiosk *k)
{
	SDL_Rect a = v->L.t_preview, dst;

	make_preview(v, k);
	if (!v->preview || a.w <= 0 || a.h <= 0)
		return;
	dst.h = a.h;
	dst.w = (int)((long)v->preview_w * a.h / v->preview_h);
	if (dst.w > a.w) {
		dst.w = a.w;
		dst.h = (int)((long)v->preview_h * a.w / v->preview_w);
	}
	dst.x = a.x + (a.w - dst.w) / 2;
	dst.y = a.y + (a.h - dst.h) / 2;
	ui_fill(&v->ui, (SDL_Rect){ dst.x + 6, dst.y + 6, dst.w, dst.h },
	    GREYBG);
	SDL_RenderCopy(v->ui.ren, v->preview, NULL, &dst);
}

static void
band(struct kiosk_view *v, SDL_Rect r, SDL_Color bg, const char *s, SDL_Color fg)
{
	SDL_Rect b = shrink(r, v->L.gap / 4);

	box(v, b, v->L.unit / 3, bg);
	fit(v, s, shrink(b, v->L.pad / 4), b.h * 11 / 20, 1, fg, UI_CENTER);
}

static struct kiosk_layout *full_width(const struct kiosk_layout *L,
                                       struct kiosk_layout *W);

static void
draw_ticket(struct kiosk_view *v, const struct kiosk *k)
{
	/* large text: the whole width, no picture of the paper */
	struct kiosk_layout W, *L = hc ? full_width(&v->L, &W) : &v->L;
	const struct q_service *s = kiosk_service_by_code(k, k->t.service);
	SDL_Color c = s ? service_colour(s) : HEAD;
	SDL_Rect num = L->t_number;
	char line[256], wait[48];
	const char *p;

	text(v, s ? kiosk_service_name(k, s) : "", L->t_service,
	    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	/* qr.c: the visitor's link, if any: beside the number, or in large
	 * text on a portrait screen below it (the number keeps the width) */
	if (hc && v->L.portrait && v->L.t_preview.h > 0) {
		SDL_Rect q = v->L.t_preview;

		kiosk_qr_draw(v, &k->t, &q);
	} else {
		kiosk_qr_draw(v, &k->t, &num);
	}
	slot(v, KSLOT_NUMBER, k->t.label, num, num.h, 1, c, UI_CENTER);
	snprintf(line, sizeof line, tr(k->lang, "Di depan Anda: %d orang",
	    "Ahead of you: %d"), k->t.people_ahead);
	slot(v, KSLOT_AHEAD, line, L->t_line[0], L->t_line[0].h * 3 / 5,
	    0, INK, UI_CENTER);
	i18n_wait(k->lang, k->t.est_wait_s, wait, sizeof wait);
	snprintf(line, sizeof line, tr(k->lang, "Perkiraan tunggu: %s",
	    "Estimated wait: %s"), wait);
	slot(v, KSLOT_WAIT, line, L->t_line[1], L->t_line[1].h * 3 / 5,
	    0, INK, UI_CENTER);
	if (k->t.state == Q_OUTSIDE)
		band(v, L->t_line[2], WAIT, tr(k->lang, "Ruangan penuh: tunggu "
		    "di luar. Nomor Anda akan tampil di layar.", "The room is "
		    "full: wait outside. Your number will be shown on the "
		    "screen."), WHITE);
	else
		band(v, L->t_line[2], GO, tr(k->lang, "Silakan masuk ke ruang "
		    "tunggu", "Please enter the waiting room"), WHITE);
	switch (k->pstate) {
	case KP_NONE:
		p = tr(k->lang, "Tiket kertas tidak dicetak: ingat atau foto "
		    "nomor Anda.", "No paper ticket: remember or photograph "
		    "your number.");
		break;
	case KP_PRINTING:
		p = tr(k->lang, "Mencetak tiket...", "Printing your ticket...");
		break;
	case KP_PRINTED:
		p = tr(k->lang, "Tiket tercetak: silakan ambil.",
		    "Ticket printed: please take it.");
		break;
	default:
		p = tr(k->lang, "Printer bermasalah: ingat atau foto nomor "
		    "Anda.", "Printer problem: remember or photograph your "
		    "number.");
		break;
	}
	if (k->pstate == KP_FAILED)
		band(v, L->t_line[3], BAD, p, WHITE);
	else
		text(v, p, L->t_line[3], L->t_line[3].h / 2,
		    k->pstate == KP_PRINTED, k->pstate == KP_PRINTED ? GO : SOFT,
		    UI_CENTER);
	if (!hc)
		draw_preview(v, k);
}

/* The ticket screen's boxes over the whole width (no preview beside). */
static struct kiosk_layout *
full_width(const struct kiosk_layout *L, struct kiosk_layout *W)
{
	*W = *L;
	W->t_service.x = W->t_number.x = L->body.x + L->gap;
	W->t_service.w = W->t_number.w = L->body.w - 2 * L->gap;
	for (int i = 0; i < 4; i++) {
		W->t_line[i].x = W->t_number.x;
		W->t_line[i].w = W->t_number.w;
	}
	return W;
}

static void
draw_wait(struct kiosk_view *v, const struct kiosk *k, int64_t now)
{
	static const char *const dots[] = { "\xe2\x97\x8f", "\xe2\x97\x8f "
		"\xe2\x97\x8f", "\xe2\x97\x8f \xe2\x97\x8f \xe2\x97\x8f" };
	struct kiosk_layout W, *L = full_width(&v->L, &W);
	int phase = (int)((now - k->screen_since) / 400 % 3);

	text(v, tr(k->lang, "Mohon tunggu...", "Please wait..."),
	    L->t_service, L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	text(v, dots[phase], L->t_number, L->t_number.h / 2, 1,
	    HEAD, UI_CENTER);
}

static void
draw_refused(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	const struct q_service *s = kiosk_service_by_code(k, k->refused_code);
	const char *big, *more;
	struct kiosk_layout W;

	L = full_width(L, &W);
	switch (k->refused_rc) {
	case Q_EFULL:
		big = tr(k->lang, "Ruangan penuh", "The room is full");
		more = tr(k->lang, "Belum ada nomor baru. Silakan coba lagi "
		    "nanti.", "No new numbers now. Please try again later.");
		break;
	case Q_ECLOSED:
		big = tr(k->lang, "Layanan ditutup", "Service closed");
		more = tr(k->lang, "Silakan pilih layanan lain atau tanya "
		    "petugas.", "Please choose another service or ask staff.");
		break;
	case Q_EQUOTA:
		big = tr(k->lang, "Kuota hari ini habis", "No more today");
		more = tr(k->lang, "Silakan datang lagi besok.",
		    "Please come back tomorrow.");
		break;
	default:
		big = tr(k->lang, "Tidak dapat melayani", "Out of service");
		more = i18n_error(k->lang, k->refused_rc);
		break;
	}
	if (s)
		text(v, kiosk_service_name(k, s), L->t_service,
		    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	text(v, big, L->t_number, L->t_number.h / 2, 1, BAD,
	    UI_CENTER);
	fit(v, more, L->t_line[0], L->t_line[0].h * 3 / 5, 1, INK,
	    UI_CENTER);
	text(v, tr(k->lang, "Tidak ada nomor yang diberikan.",
	    "No number was given."), L->t_line[1], L->t_line[1].h / 2, 0, SOFT,
	    UI_CENTER);
	text(v, tr(k->lang, "Sentuh layar untuk kembali",
	    "Touch the screen to go back"), L->t_line[3], L->t_line[3].h / 2, 0,
	    SOFT, UI_CENTER);
}

/* ---- the manager's PIN pad and screen ----------------------------- */

static void
draw_pin(struct kiosk_view *v, const struct kiosk *k, int64_t now)
{
	struct kiosk_layout *L = &v->L;
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6",
		"7", "8", "9", "\xe2\x8c\xab", "0", "OK" };
	char shown[64] = "", msg[160];
	size_t n = strlen(k->pin);

	for (size_t i = 0; i < n && i < 12; i++)
		strcat(shown, "\xe2\x97\x8f");           /* a dot per digit */
	box(v, L->pin_display, L->unit / 3, WHITE);
	text(v, n ? shown : tr(k->lang, "PIN manajer",
	    "Manager PIN"), L->pin_display, L->pin_display.h / 2, n != 0,
	    n ? INK : GREY, UI_CENTER);
	if (k->pin_busy)
		snprintf(msg, sizeof msg, "%s", tr(k->lang, "Memeriksa...",
		    "Checking..."));
	else if (k->pin_rc == Q_EPINLOCKED)
		snprintf(msg, sizeof msg, tr(k->lang, "Terkunci %d detik",
		    "Locked for %d s"), kiosk_pin_left_s(k, now));
	else if (k->pin_rc)
		snprintf(msg, sizeof msg, "%s", i18n_error(k->lang, k->pin_rc));
	else
		msg[0] = 0;
	text(v, msg, L->pin_msg, L->pin_msg.h / 2, 1, BAD,
	    UI_CENTER);
	for (int i = 0; i < 12; i++)
		button(v, L->pin_key[i], i == 11 ? GO : KEY, keys[i], WHITE);
	button(v, L->pin_cancel, GREY, tr(k->lang, "Batal", "Cancel"), WHITE);
}

static void
draw_manager(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	char line[640], says[300];
	SDL_Rect r;
	int hold = k->st.policy == Q_POLICY_HOLD, bad;

	text(v, k->m_msg[0] ? k->m_msg : tr(k->lang,
	    "Layar manajer", "Manager's screen"), banner(v),
	    banner(v).h * 3 / 5, 1, k->m_msg[0] && !k->m_ok ? BAD : INK,
	    UI_CENTER);
	if (k->st.limit > 0)
		snprintf(line, sizeof line, tr(k->lang, "Batas ruangan: %d",
		    "Room limit: %d"), k->st.limit);
	else
		snprintf(line, sizeof line, "%s", tr(k->lang, "Tanpa batas",
		    "No limit"));
	r = L->m_limit_label;
	r.h /= 2;
	text(v, line, r, r.h * 4 / 5, 1, INK, UI_LEFT);
	snprintf(line, sizeof line, tr(k->lang, "Di dalam: %d, di luar: %d",
	    "Inside: %d, outside: %d"), k->st.occupancy, k->st.outside);
	r.y += r.h;
	text(v, line, r, r.h * 3 / 5, 0, INK, UI_LEFT);
	button(v, L->m_limit_down, KEY, "\xe2\x88\x92", WHITE);
	button(v, L->m_limit_up, KEY, "+", WHITE);
	button(v, L->m_hold, hold ? GO : GREYBG, tr(k->lang, "Penuh: tunggu "
	    "di luar", "Full: wait outside"), hold ? WHITE : INK);
	button(v, L->m_refuse, !hold ? BAD : GREYBG, tr(k->lang, "Penuh: "
	    "tolak", "Full: refuse"), !hold ? WHITE : INK);
	/* the state in the screen's language; the printer's own words below */
	bad = words_printer_lines(k, line, sizeof line, says, sizeof says);
	r = L->m_printer;
	if (says[0])
		r.h /= 2;
	fit(v, line, r, r.h * (says[0] ? 3 : 2) / 5 * (says[0] ? 4 : 3) / 3, 1,
	    bad ? BAD : INK, UI_LEFT);
	if (says[0]) {
		r.y += r.h;
		fit(v, says, r, r.h * 3 / 5, 0, SOFT, UI_LEFT);
	}
	button(v, L->m_reprint, KEY, tr(k->lang, "Cetak ulang",
	    "Reprint last"), WHITE);
	button(v, L->m_testprint, KEY, tr(k->lang, "Tes cetak", "Test print"),
	    WHITE);
	button(v, L->m_back, GO, tr(k->lang, "Kembali", "Back"), WHITE);
	button(v, L->m_quit, BAD, tr(k->lang, "Keluar kiosk", "Leave kiosk"),
	    WHITE);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++) {
		const struct q_service *s = &k->st.services[i];
		snprintf(line, sizeof line, "%c  %s: %s", s->code, kiosk_service_name(k, s),
		    s->open ? tr(k->lang, "BUKA", "OPEN") : tr(k->lang, "TUTUP",
		    "CLOSED"));
		button(v, L->m_serv[i], s->open ? service_colour(s) : GREYBG,
		    line, s->open ? WHITE : INK);
	}
}

void
kiosk_draw(struct kiosk_view *v, const struct kiosk *k, int64_t now)
{
	char staff[1100];

	hc = k->big;
	ui_clear(&v->ui, hc ? words_hc_colour(KHC_BG) : BG);
	v->staff_on = words_staff_line(k, now, staff, sizeof staff);
	draw_header(v, k);
	if (v->staff_on)
		draw_staff(v, staff);
	switch (k->screen) {
	case KS_HOME: draw_home(v, k); break;
	case KS_WAIT: draw_wait(v, k, now); break;
	case KS_TICKET: draw_ticket(v, k); break;
	case KS_REFUSED: draw_refused(v, k); break;
	case KS_PIN: draw_pin(v, k, now); break;
	case KS_MANAGER: draw_manager(v, k); break;
	default: break;
	}
}
