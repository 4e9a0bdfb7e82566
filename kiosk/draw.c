/* screens.c - what each kiosk screen looks like; see kiosk.h.
 *
 * Start at kiosk_draw().  Every box comes from layout.c; this file only
 * chooses words, colours and sizes.  Made for a visitor who reads poorly
 * and is in a hurry: very large text, dark on light or white on strong
 * colour, the service letter large in its own colour, one idea per line.
 */
#define _POSIX_C_SOURCE 200809L
#include "kiosk.h"
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

const struct q_service *
kiosk_service_at(const struct kiosk *k, int i)
{
	return i >= 0 && i < k->st.nservices ? &k->st.services[i] : NULL;
}

int
kiosk_service_unavailable(const struct q_service *s)
{
	if (!s->open)
		return Q_ECLOSED;
	if (s->quota > 0 && s->issued_today >= s->quota)
		return Q_EQUOTA;
	return 0;
}

static const char *
sname(const struct kiosk *k, const struct q_service *s)
{
	return k->lang == LANG_EN && s->name_en[0] ? s->name_en : s->name_id;
}

static const struct q_service *
service_by_code(const struct kiosk *k, char code)
{
	for (int i = 0; i < k->st.nservices; i++)
		if (k->st.services[i].code == code)
			return &k->st.services[i];
	return NULL;
}

static SDL_Rect
shrink(SDL_Rect r, int m)
{
	return (SDL_Rect){ r.x + m, r.y + m, r.w - 2 * m, r.h - 2 * m };
}

static void text2(struct kiosk *k, const char *s, SDL_Rect box, int px,
                  int bold, SDL_Color c, int align);

static void
button(struct kiosk *k, SDL_Rect r, SDL_Color bg, const char *label,
       SDL_Color fg)
{
	ui_round(&k->ui, r, k->L.unit / 2, bg);
	text2(k, label, shrink(r, k->L.pad / 2), r.h * 2 / 5, 1, fg, UI_CENTER);
}

static void
draw_header(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	char clock[16];
	time_t now = time(NULL);
	struct tm tm;

	ui_fill(&k->ui, L->header, HEAD);
	text2(k, k->st.office[0] ? k->st.office : "antri",
	    shrink(L->title, L->pad / 4), L->header.h / 2, 1, WHITE, UI_LEFT);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	ui_draw_text(&k->ui, clock, L->clock, L->header.h / 2, 1, WHITE,
	    UI_CENTER);
}

/* Draw s in box like ui_draw_text, from texture slot i: the texture is
 * made again only when the text, size or colour changed. */
static void
slot_text(struct kiosk *k, int i, const char *s, SDL_Rect box, int px,
          int bold, SDL_Color c, int align)
{
	struct kiosk_slot *sl = &k->slots[i];
	SDL_Rect dst;

	if (!s || !*s)
		return;
	px = ui_fit(&k->ui, s, px, bold, box.w);
	if (!sl->tex || sl->px != px || sl->bold != bold || strcmp(sl->s, s) ||
	    memcmp(&sl->c, &c, sizeof c)) {
		TTF_Font *f = ui_font(&k->ui, px, bold);
		SDL_Surface *surf = f ? TTF_RenderUTF8_Blended(f, s, c) : NULL;

		if (sl->tex)
			SDL_DestroyTexture(sl->tex);
		sl->tex = NULL;
		if (!surf)
			return;
		sl->tex = SDL_CreateTextureFromSurface(k->ui.ren, surf);
		sl->w = surf->w;
		sl->h = surf->h;
		SDL_FreeSurface(surf);
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
	SDL_RenderCopy(k->ui.ren, sl->tex, NULL, &dst);
}

void
kiosk_slots_free(struct kiosk *k)
{
	for (int i = 0; i < KIOSK_SLOTS; i++) {
		if (k->slots[i].tex)
			SDL_DestroyTexture(k->slots[i].tex);
		memset(&k->slots[i], 0, sizeof k->slots[i]);
	}
}

/* s in box at up to px; when one line would shrink it much, on two lines
 * split at the space nearest the middle, both at the same size. */
static void
text2(struct kiosk *k, const char *s, SDL_Rect box, int px, int bold,
      SDL_Color c, int align)
{
	const char *sp = NULL, *mid = s + strlen(s) / 2;
	char a[256];
	int p1, p2, half = box.h / 2;

	if (ui_fit(&k->ui, s, px, bold, box.w) >= px * 3 / 4) {
		ui_draw_text(&k->ui, s, box, px, bold, c, align);
		return;
	}
	for (const char *p = s; *p; p++)
		if (*p == ' ' && (!sp || (p > mid ? p - mid : mid - p) <
		    (sp > mid ? sp - mid : mid - sp)))
			sp = p;
	if (!sp || (size_t)(sp - s) >= sizeof a) {
		ui_draw_text(&k->ui, s, box, px, bold, c, align);
		return;
	}
	snprintf(a, sizeof a, "%.*s", (int)(sp - s), s);
	px = px < half * 9 / 10 ? px : half * 9 / 10;
	p1 = ui_fit(&k->ui, a, px, bold, box.w);
	p2 = ui_fit(&k->ui, sp + 1, px, bold, box.w);
	px = p1 < p2 ? p1 : p2;
	ui_draw_text(&k->ui, a, (SDL_Rect){ box.x, box.y, box.w, half }, px,
	    bold, c, align);
	ui_draw_text(&k->ui, sp + 1, (SDL_Rect){ box.x, box.y + half, box.w,
	    box.h - half }, px, bold, c, align);
}

/* ---- home ---------------------------------------------------------- */

static void
draw_service(struct kiosk *k, int i)
{
	const struct q_service *s = kiosk_service_at(k, i);
	struct kiosk_layout *L = &k->L;
	SDL_Rect r = L->serv[i], letter, text, a, b;
	int why = kiosk_service_unavailable(s), side, lh, px;
	int off = why || k->db_err || (k->st.policy == Q_POLICY_REFUSE &&
	    k->st.limit > 0 && k->st.occupancy >= k->st.limit);
	SDL_Color c = off ? GREYBG : service_colour(s);
	SDL_Color fg = off ? SOFT : WHITE;
	char code[2] = { s->code, 0 }, line[128], wait[48];

	ui_round(&k->ui, r, L->unit / 2, c);
	side = r.h - 2 * L->pad;
	if (side > r.w * 3 / 10)
		side = r.w * 3 / 10;
	letter = (SDL_Rect){ r.x + L->pad, r.y + (r.h - side) / 2, side, side };
	ui_round(&k->ui, letter, side / 6, off ? GREY : WHITE);
	ui_draw_text(&k->ui, code, letter, side * 4 / 5, 1, off ? WHITE : c,
	    UI_CENTER);
	text = (SDL_Rect){ letter.x + side + L->pad, r.y + L->pad,
		r.x + r.w - (letter.x + side + 2 * L->pad), r.h - 2 * L->pad };
	lh = text.h * 11 / 20;
	text2(k, sname(k, s), (SDL_Rect){ text.x, text.y, text.w, lh },
	    lh / 2, 1, fg, UI_LEFT);
	a = (SDL_Rect){ text.x, text.y + lh, text.w, (text.h - lh) / 2 };
	b = (SDL_Rect){ text.x, a.y + a.h, text.w, text.h - lh - a.h };
	if (why == Q_ECLOSED) {
		ui_draw_text(&k->ui, tr(k->lang, "TUTUP", "CLOSED"),
		    (SDL_Rect){ text.x, text.y + lh, text.w, text.h - lh },
		    (text.h - lh) * 3 / 5, 1, BAD, UI_LEFT);
		return;
	}
	if (why == Q_EQUOTA) {
		text2(k, tr(k->lang, "Kuota hari ini habis", "No more today"),
		    (SDL_Rect){ text.x, text.y + lh, text.w, text.h - lh },
		    a.h * 4 / 5, 1, BAD, UI_LEFT);
		return;
	}
	snprintf(line, sizeof line, tr(k->lang, "%d menunggu", "%d waiting"),
	    s->waiting + s->outside);
	i18n_wait(k->lang, s->est_wait_s, wait, sizeof wait);
	/* both lines at one size: the smaller of their fits */
	px = ui_fit(&k->ui, line, a.h * 13 / 20, 0, a.w);
	lh = ui_fit(&k->ui, wait, b.h * 13 / 20, 0, b.w);
	px = px < lh ? px : lh;
	slot_text(k, KSLOT_SERVICE + 2 * i, line, a, px, 0, fg, UI_LEFT);
	slot_text(k, KSLOT_SERVICE + 2 * i + 1, wait, b, px, 0, fg, UI_LEFT);
}

static void
draw_home(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	const char *msg;
	SDL_Color mc = INK;
	char room[160];

	button(k, L->lang, (SDL_Color){ 60, 84, 128, 255 },
	    k->lang == LANG_EN ? "Bahasa Indonesia" : "English", WHITE);
	if (k->db_err == -1) {
		msg = tr(k->lang, "Memuat...", "Loading...");
	} else if (k->db_err) {
		msg = i18n_error(k->lang, k->db_err);
		mc = BAD;
	} else if (k->st.limit > 0 && k->st.occupancy >= k->st.limit) {
		snprintf(room, sizeof room, "%s", k->st.policy ==
		    Q_POLICY_REFUSE ? tr(k->lang, "Ruangan penuh: belum ada "
		    "nomor baru. Silakan coba lagi nanti.", "The room is full: "
		    "no new numbers now. Please try again later.") :
		    tr(k->lang, "Ruangan penuh: ambil nomor, lalu tunggu di "
		    "luar sampai dipanggil.", "The room is full: take a "
		    "number and wait outside until it is shown."));
		msg = room;
		mc = k->st.policy == Q_POLICY_REFUSE ? BAD : WAIT;
	} else {
		msg = tr(k->lang, "Sentuh layanan yang Anda perlukan",
		    "Touch the service you need");
	}
	ui_draw_text(&k->ui, msg, L->banner, L->banner.h * 3 / 5, 1, mc,
	    UI_CENTER);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++)
		draw_service(k, i);
	if (k->db_err && k->db_err != -1 && !k->st.nservices) {
		/* nothing to show but the reason, large */
		ui_draw_text(&k->ui, tr(k->lang, "Tidak dapat melayani",
		    "Out of service"), L->t_number, L->t_number.h / 2, 1, BAD,
		    UI_CENTER);
		ui_draw_text(&k->ui, tr(k->lang, "Silakan hubungi petugas.",
		    "Please ask staff."), L->t_line[0], L->t_line[0].h * 3 / 5,
		    1, INK, UI_CENTER);
	}
}

/* ---- ticket, wait and refused ------------------------------------- */

void
kiosk_preview(struct kiosk *k)
{
	struct ticket_bitmap b;
	struct ticket_text tx = { 0 };
	const struct q_service *s = service_by_code(k, k->t.service);
	struct print_opts po = k->po;
	SDL_Surface *surf;
	char err[128];

	if (k->preview && k->preview_id == k->t.id)
		return;
	if (k->preview)
		SDL_DestroyTexture(k->preview);
	k->preview = NULL;
	po.lang = k->lang;
	tx.office = k->st.office;
	tx.service_name = s ? sname(k, s) : "";
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
		k->preview = SDL_CreateTextureFromSurface(k->ui.ren, surf);
		k->preview_w = b.w;
		k->preview_h = b.h;
		k->preview_id = k->t.id;
		SDL_FreeSurface(surf);
	}
	ticket_bitmap_free(&b);
}

static void
draw_preview(struct kiosk *k)
{
	SDL_Rect a = k->L.t_preview, dst;

	if (!k->preview || a.w <= 0 || a.h <= 0)
		return;
	dst.h = a.h;
	dst.w = (int)((long)k->preview_w * a.h / k->preview_h);
	if (dst.w > a.w) {
		dst.w = a.w;
		dst.h = (int)((long)k->preview_h * a.w / k->preview_w);
	}
	dst.x = a.x + (a.w - dst.w) / 2;
	dst.y = a.y + (a.h - dst.h) / 2;
	ui_fill(&k->ui, (SDL_Rect){ dst.x + 6, dst.y + 6, dst.w, dst.h },
	    GREYBG);
	SDL_RenderCopy(k->ui.ren, k->preview, NULL, &dst);
}

static void
band(struct kiosk *k, SDL_Rect r, SDL_Color bg, const char *s, SDL_Color fg)
{
	SDL_Rect b = shrink(r, k->L.gap / 4);

	ui_round(&k->ui, b, k->L.unit / 3, bg);
	text2(k, s, shrink(b, k->L.pad / 4), b.h * 11 / 20, 1, fg, UI_CENTER);
}

static void
draw_ticket(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	const struct q_service *s = service_by_code(k, k->t.service);
	SDL_Color c = s ? service_colour(s) : HEAD;
	SDL_Rect num = L->t_number;
	char line[256], wait[48];
	const char *p;

	ui_draw_text(&k->ui, s ? sname(k, s) : "", L->t_service,
	    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	kiosk_qr_draw(k, &num);         /* qr.c: the visitor's link, if any */
	slot_text(k, KSLOT_NUMBER, k->t.label, num, num.h, 1, c, UI_CENTER);
	snprintf(line, sizeof line, tr(k->lang, "Di depan Anda: %d orang",
	    "Ahead of you: %d"), k->t.people_ahead);
	slot_text(k, KSLOT_AHEAD, line, L->t_line[0], L->t_line[0].h * 3 / 5,
	    0, INK, UI_CENTER);
	i18n_wait(k->lang, k->t.est_wait_s, wait, sizeof wait);
	snprintf(line, sizeof line, tr(k->lang, "Perkiraan tunggu: %s",
	    "Estimated wait: %s"), wait);
	slot_text(k, KSLOT_WAIT, line, L->t_line[1], L->t_line[1].h * 3 / 5,
	    0, INK, UI_CENTER);
	if (k->t.state == Q_OUTSIDE)
		band(k, L->t_line[2], WAIT, tr(k->lang, "Ruangan penuh: tunggu "
		    "di luar. Nomor Anda akan tampil di layar.", "The room is "
		    "full: wait outside. Your number will be shown on the "
		    "screen."), WHITE);
	else
		band(k, L->t_line[2], GO, tr(k->lang, "Silakan masuk ke ruang "
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
		band(k, L->t_line[3], BAD, p, WHITE);
	else
		ui_draw_text(&k->ui, p, L->t_line[3], L->t_line[3].h / 2,
		    k->pstate == KP_PRINTED, k->pstate == KP_PRINTED ? GO : SOFT,
		    UI_CENTER);
	draw_preview(k);
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
draw_wait(struct kiosk *k)
{
	static const char *const dots[] = { "\xe2\x97\x8f", "\xe2\x97\x8f "
		"\xe2\x97\x8f", "\xe2\x97\x8f \xe2\x97\x8f \xe2\x97\x8f" };
	struct kiosk_layout W, *L = full_width(&k->L, &W);
	int phase = (int)((SDL_GetTicks64() - k->screen_since) / 400 % 3);

	ui_draw_text(&k->ui, tr(k->lang, "Mohon tunggu...", "Please wait..."),
	    L->t_service, L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	ui_draw_text(&k->ui, dots[phase], L->t_number, L->t_number.h / 2, 1,
	    HEAD, UI_CENTER);
}

static void
draw_refused(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	const struct q_service *s = service_by_code(k, k->refused_code);
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
		ui_draw_text(&k->ui, sname(k, s), L->t_service,
		    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	ui_draw_text(&k->ui, big, L->t_number, L->t_number.h / 2, 1, BAD,
	    UI_CENTER);
	text2(k, more, L->t_line[0], L->t_line[0].h * 3 / 5, 1, INK,
	    UI_CENTER);
	ui_draw_text(&k->ui, tr(k->lang, "Tidak ada nomor yang diberikan.",
	    "No number was given."), L->t_line[1], L->t_line[1].h / 2, 0, SOFT,
	    UI_CENTER);
	ui_draw_text(&k->ui, tr(k->lang, "Sentuh layar untuk kembali",
	    "Touch the screen to go back"), L->t_line[3], L->t_line[3].h / 2, 0,
	    SOFT, UI_CENTER);
}

/* ---- the manager's PIN pad and screen ----------------------------- */

static void
draw_pin(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	static const char *const keys[12] = { "1", "2", "3", "4", "5", "6",
		"7", "8", "9", "\xe2\x8c\xab", "0", "OK" };
	char shown[64] = "", msg[160];
	size_t n = strlen(k->pin);

	for (size_t i = 0; i < n && i < 12; i++)
		strcat(shown, "\xe2\x97\x8f");           /* a dot per digit */
	ui_round(&k->ui, L->pin_display, L->unit / 3, WHITE);
	ui_draw_text(&k->ui, n ? shown : tr(k->lang, "PIN manajer",
	    "Manager PIN"), L->pin_display, L->pin_display.h / 2, n != 0,
	    n ? INK : GREY, UI_CENTER);
	if (k->pin_busy)
		snprintf(msg, sizeof msg, "%s", tr(k->lang, "Memeriksa...",
		    "Checking..."));
	else if (k->pin_rc == Q_EPINLOCKED)
		snprintf(msg, sizeof msg, tr(k->lang, "Terkunci %d detik",
		    "Locked for %d s"), k->pin_locked_s);
	else if (k->pin_rc)
		snprintf(msg, sizeof msg, "%s", i18n_error(k->lang, k->pin_rc));
	else
		msg[0] = 0;
	ui_draw_text(&k->ui, msg, L->pin_msg, L->pin_msg.h / 2, 1, BAD,
	    UI_CENTER);
	for (int i = 0; i < 12; i++)
		button(k, L->pin_key[i], i == 11 ? GO : KEY, keys[i], WHITE);
	button(k, L->pin_cancel, GREY, tr(k->lang, "Batal", "Cancel"), WHITE);
}

static void
draw_manager(struct kiosk *k)
{
	struct kiosk_layout *L = &k->L;
	char line[640];
	SDL_Rect r;
	int hold = k->st.policy == Q_POLICY_HOLD;

	ui_draw_text(&k->ui, k->m_msg[0] ? k->m_msg : tr(k->lang,
	    "Layar manajer", "Manager's screen"), L->banner,
	    L->banner.h * 3 / 5, 1, k->m_msg[0] && !k->m_ok ? BAD : INK,
	    UI_CENTER);
	if (k->st.limit > 0)
		snprintf(line, sizeof line, tr(k->lang, "Batas ruangan: %d",
		    "Room limit: %d"), k->st.limit);
	else
		snprintf(line, sizeof line, "%s", tr(k->lang, "Tanpa batas",
		    "No limit"));
	r = L->m_limit_label;
	r.h /= 2;
	ui_draw_text(&k->ui, line, r, r.h * 4 / 5, 1, INK, UI_LEFT);
	snprintf(line, sizeof line, tr(k->lang, "Di dalam: %d, di luar: %d",
	    "Inside: %d, outside: %d"), k->st.occupancy, k->st.outside);
	r.y += r.h;
	ui_draw_text(&k->ui, line, r, r.h * 3 / 5, 0, INK, UI_LEFT);
	button(k, L->m_limit_down, KEY, "\xe2\x88\x92", WHITE);
	button(k, L->m_limit_up, KEY, "+", WHITE);
	button(k, L->m_hold, hold ? GO : GREYBG, tr(k->lang, "Penuh: tunggu "
	    "di luar", "Full: wait outside"), hold ? WHITE : INK);
	button(k, L->m_refuse, !hold ? BAD : GREYBG, tr(k->lang, "Penuh: "
	    "tolak", "Full: refuse"), !hold ? WHITE : INK);
	if (!k->has_printer)
		snprintf(line, sizeof line, "%s", tr(k->lang, "Printer: tidak "
		    "diatur", "Printer: none configured"));
	else if (k->ps_rc == 1)
		snprintf(line, sizeof line, "Printer: ...");
	else if (k->ps_rc)
		snprintf(line, sizeof line, "Printer: %s", k->ps_msg);
	else
		snprintf(line, sizeof line, "Printer: %s%s%s",
		    print_state_text(k->lang, &k->ps), k->ps.message[0] ?
		    " - " : "", k->ps.message);
	ui_draw_text(&k->ui, line, L->m_printer, L->m_printer.h * 2 / 5, 1,
	    k->has_printer && (k->ps_rc < 0 || (k->ps_rc == 0 &&
	    print_state_blocked(&k->ps))) ? BAD : INK, UI_LEFT);
	button(k, L->m_reprint, KEY, tr(k->lang, "Cetak ulang",
	    "Reprint last"), WHITE);
	button(k, L->m_testprint, KEY, tr(k->lang, "Tes cetak", "Test print"),
	    WHITE);
	button(k, L->m_back, GO, tr(k->lang, "Kembali", "Back"), WHITE);
	button(k, L->m_quit, BAD, tr(k->lang, "Keluar kiosk", "Leave kiosk"),
	    WHITE);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++) {
		const struct q_service *s = &k->st.services[i];
		snprintf(line, sizeof line, "%c  %s: %s", s->code, sname(k, s),
		    s->open ? tr(k->lang, "BUKA", "OPEN") : tr(k->lang, "TUTUP",
		    "CLOSED"));
		button(k, L->m_serv[i], s->open ? service_colour(s) : GREYBG,
		    line, s->open ? WHITE : INK);
	}
}

void
kiosk_draw(struct kiosk *k)
{
	ui_clear(&k->ui, BG);
	draw_header(k);
	switch (k->screen) {
	case KS_HOME: draw_home(k); break;
	case KS_WAIT: draw_wait(k); break;
	case KS_TICKET: draw_ticket(k); break;
	case KS_REFUSED: draw_refused(k); break;
	case KS_PIN: draw_pin(k); break;
	case KS_MANAGER: draw_manager(k); break;
	default: break;
	}
}
