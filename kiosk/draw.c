/* draw.c - what each kiosk screen looks like; see draw.h.
 *
 * Start at kiosk_draw().  Every box comes from layout.c; this file only
 * chooses words, colours and sizes: the header and the staff's line, the
 * home screen's service buttons, the PIN pad and the manager's screen;
 * the ticket, wait and refused screens are draw_ticket.c's, the colours,
 * text and boxes draw_kit.c's.  Made for a visitor who reads poorly
 * and is in a hurry: very large text, dark on light or white on strong
 * colour, the service letter large in its own colour, one idea per line.
 */
#define _POSIX_C_SOURCE 200809L
#include "draw_kit.h"
#include "words.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void
draw_header(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	char clock[16];
	time_t now = time(NULL);
	struct tm tm;

	ui_fill(&v->ui, L->header, v->hc ? words_hc_colour(KHC_BG) : HEAD);
	kd_fit(v, k->st.office[0] ? k->st.office : "antri",
	    kd_shrink(L->title, L->pad / 4), L->title.h / 2, 1, WHITE,
	    UI_LEFT);
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	kd_text(v, clock, L->clock, L->clock.h / 2, 1, WHITE,
	    L->header_rows == 2 ? UI_LEFT : UI_CENTER);
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
	ui_draw_fit(&v->ui, s, b, b.h * 100 / 118, 0, kd_tc(v, SOFT),
	    UI_CENTER);
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
		int p = ui_fit(&v->ui, s[j], kd_big(v, r.h * 13 / 20), 0, r.w);

		/* large text: ui_fit's steps are a tenth; take the last few
		 * pixels too */
		while (v->hc && p < kd_big(v, r.h * 13 / 20) && p < 400) {
			int tw, th;

			ui_measure(&v->ui, s[j], p + 1, 0, &tw, &th);
			if (tw > r.w)
				break;
			p++;
		}
		px = j == 0 || p < px ? p : px;
	}
	for (int j = 0; j < n; j++)
		kd_slot(v, KSLOT_SERVICE + 3 * i + j, s[j], (SDL_Rect){ area.x,
		    area.y + j * area.h / n, area.w, area.h / n }, v->hc ?
		    (px * 4 + 4) / 5 : px, 0, fg, UI_LEFT);  /* kd_big again */
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
	SDL_Color c = off ? GREYBG : kd_service_colour(s);
	SDL_Color fg = off ? SOFT : WHITE;
	char code[2] = { s->code, 0 }, in[64], out[64], wait[48];
	int name_px;

	kiosk_layout_tile(L, i, &t);
	kd_box(v, L->serv[i], L->unit / 2, c);
	kd_box(v, t.letter, t.letter.w / 6, off ? GREY : WHITE);
	kd_text(v, code, t.letter, t.letter.h * 4 / 5, 1, off ? WHITE : c,
	    UI_CENTER);
	/* the name: shrunk, then on two lines, then cut (ui_draw_fit) */
	if (v->hc) {          /* large text: up to three lines */
		kd_fit(v, kiosk_service_name(k, s), t.name, t.name.h * 9 / 20,
		    1, fg, UI_LEFT);
	} else {
		name_px = kiosk_name_px(&v->ui, kiosk_service_name(k, s),
		    t.name, t.name.h * 9 / 20);
		kd_note(v, kiosk_service_name(k, s), t.name, name_px, 1);
		ui_draw_fit(&v->ui, kiosk_service_name(k, s), t.name, name_px,
		    1, kd_tc(v, fg), UI_LEFT);
	}
	both = (SDL_Rect){ t.line[0].x, t.line[0].y, t.line[0].w,
		t.line[1].y + t.line[1].h - t.line[0].y };
	if (why == Q_ECLOSED) {
		kd_text(v, tr(k->lang, "TUTUP", "CLOSED"), both, both.h * 2 / 5,
		    1, BAD, UI_LEFT);
		return;
	}
	if (why == Q_EQUOTA) {
		kd_fit(v, tr(k->lang, "Kuota hari ini habis", "No more today"),
		    both, both.h * 2 / 5, 1, BAD, UI_LEFT);
		return;
	}
	words_tile_count(k, s, in, sizeof in, out, sizeof out);
	i18n_wait(k->lang, s->est_wait_s, wait, sizeof wait);
	tile_lines(v, i, out[0] ? 3 : 2, (const char *[]){ in, out[0] ? out :
	    wait, wait }, both, fg);
}

/* "I have a booking": across the foot, the visitor's language large and
 * the other one below it (a visitor with a booking may not have chosen
 * a language). */
static void
draw_checkin_button(struct kiosk_view *v, const struct kiosk *k)
{
	SDL_Rect b = v->L.checkin, t, u;
	enum lang other = k->lang == LANG_EN ? LANG_ID : LANG_EN;

	kd_box(v, b, v->L.unit / 2, CHECKIN);
	t = kd_shrink(b, v->L.pad / 2);
	u = t;
	t.h = t.h * 55 / 100;
	u.y += t.h;
	u.h -= t.h;
	kd_fit(v, i18n_w(k->lang, W_CI_BUTTON), t, t.h * 4 / 5, 1, WHITE,
	    UI_CENTER);
	kd_fit(v, i18n_w(other, W_CI_BUTTON), u, u.h * 4 / 5, 0, WHITE,
	    UI_CENTER);
}

static void
draw_home(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	enum kiosk_tone tone;
	char msg[200];
	const SDL_Color tones[] = { INK, WAIT, BAD };

	kd_button(v, L->lang, (SDL_Color){ 60, 84, 128, 255 },
	    k->lang == LANG_EN ? "Bahasa Indonesia" : "English", WHITE);
	kd_button(v, L->big, (SDL_Color){ 60, 84, 128, 255 }, k->big ?
	    tr(k->lang, "Huruf biasa", "Normal text") : tr(k->lang,
	    "Huruf besar", "Large text"), WHITE);
	words_home_banner(k, msg, sizeof msg, &tone);
	kd_text(v, msg, banner(v), banner(v).h * 3 / 5, 1, tones[tone],
	    UI_CENTER);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++)
		draw_service(v, k, i);
	draw_checkin_button(v, k);
	if (k->db_err && k->db_err != -1 && !k->st.nservices) {
		/* nothing to show but the reason, large */
		kd_text(v, tr(k->lang, "Tidak dapat melayani",
		    "Out of service"), L->t_number, L->t_number.h / 2, 1, BAD,
		    UI_CENTER);
		kd_text(v, tr(k->lang, "Silakan hubungi petugas.",
		    "Please ask staff."), L->t_line[0], L->t_line[0].h * 3 / 5,
		    1, INK, UI_CENTER);
	}
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
	kd_box(v, L->pin_display, L->unit / 3, WHITE);
	kd_text(v, n ? shown : tr(k->lang, "PIN manajer",
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
	kd_text(v, msg, L->pin_msg, L->pin_msg.h / 2, 1, BAD,
	    UI_CENTER);
	for (int i = 0; i < 12; i++)
		kd_button(v, L->pin_key[i], i == 11 ? GO : KEY, keys[i], WHITE);
	kd_button(v, L->pin_cancel, GREY, tr(k->lang, "Batal", "Cancel"),
	    WHITE);
}

/* ---- the check-in keypad ------------------------------------------- */

static void
draw_checkin(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	SDL_Rect d = L->ci_display;
	size_t n = strlen(k->ci_code);
	int cw = (d.w - (Q_CHECKIN_CODE_LEN - 1) * L->gap / 2) /
	    Q_CHECKIN_CODE_LEN;
	char one[2] = { 0, 0 };
	int px;


	/* the code: a box per character, the next one outlined */
	for (int i = 0; i < Q_CHECKIN_CODE_LEN; i++) {
		SDL_Rect c = { d.x + i * (cw + L->gap / 2), d.y, cw, d.h };

		kd_box(v, c, L->unit / 4, (size_t)i == n ? HEAD : GREY);
		kd_box(v, kd_shrink(c, L->unit / 10 + 1), L->unit / 5, WHITE);
		one[0] = (size_t)i < n ? k->ci_code[i] : 0;
		/* room in the box for large text's quarter more */
		px = c.h / 2 < c.w * 3 / 5 ? c.h / 2 : c.w * 3 / 5;
		if (one[0])
			kd_text(v, one, c, px, 1, INK, UI_CENTER);
	}
	/* what to do, where large text has room to grow (not the banner) */
	kd_fit(v, i18n_w(k->lang, W_CI_TITLE), L->ci_msg, L->ci_msg.h / 4, 1,
	    INK, UI_CENTER);
	for (int i = 0; i < Q_CHECKIN_ALPHA_N; i++) {
		SDL_Rect r = L->ci_key[i];

		/* narrow keys: a size large text can still grow from */
		one[0] = q_checkin_alphabet[i];
		kd_box(v, r, L->unit / 2, KEY);
		kd_fit(v, one, kd_shrink(r, L->pad / 2), r.h * 2 / 5 < r.w * 2 / 5 ?
		    r.h * 2 / 5 : r.w * 2 / 5, 1, WHITE, UI_CENTER);
	}
	kd_button(v, L->ci_del, KEY, "\xe2\x8c\xab", WHITE);
	kd_button(v, L->ci_ok, n == Q_CHECKIN_CODE_LEN ? GO : GREYBG, "OK",
	    n == Q_CHECKIN_CODE_LEN ? WHITE : SOFT);
	kd_button(v, L->ci_cancel, GREY, i18n_w(k->lang, W_B_CANCEL), WHITE);
}

static void
draw_manager(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	char line[640], says[300];
	SDL_Rect r;
	int hold = k->st.policy == Q_POLICY_HOLD, bad;

	kd_text(v, k->m_msg[0] ? k->m_msg : tr(k->lang,
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
	kd_text(v, line, r, r.h * 4 / 5, 1, INK, UI_LEFT);
	snprintf(line, sizeof line, tr(k->lang, "Di dalam: %d, di luar: %d",
	    "Inside: %d, outside: %d"), k->st.occupancy, k->st.outside);
	r.y += r.h;
	kd_text(v, line, r, r.h * 3 / 5, 0, INK, UI_LEFT);
	kd_button(v, L->m_limit_down, KEY, "\xe2\x88\x92", WHITE);
	kd_button(v, L->m_limit_up, KEY, "+", WHITE);
	kd_button(v, L->m_hold, hold ? GO : GREYBG, tr(k->lang, "Penuh: tunggu "
	    "di luar", "Full: wait outside"), hold ? WHITE : INK);
	kd_button(v, L->m_refuse, !hold ? BAD : GREYBG, tr(k->lang, "Penuh: "
	    "tolak", "Full: refuse"), !hold ? WHITE : INK);
	/* the state in the screen's language; the printer's own words below */
	bad = words_printer_lines(k, line, sizeof line, says, sizeof says);
	r = L->m_printer;
	if (says[0])
		r.h /= 2;
	kd_fit(v, line, r, r.h * (says[0] ? 3 : 2) / 5 * (says[0] ? 4 : 3) / 3,
	    1, bad ? BAD : INK, UI_LEFT);
	if (says[0]) {
		r.y += r.h;
		kd_fit(v, says, r, r.h * 3 / 5, 0, SOFT, UI_LEFT);
	}
	kd_button(v, L->m_reprint, KEY, tr(k->lang, "Cetak ulang",
	    "Reprint last"), WHITE);
	kd_button(v, L->m_testprint, KEY, tr(k->lang, "Tes cetak",
	    "Test print"), WHITE);
	kd_button(v, L->m_back, GO, tr(k->lang, "Kembali", "Back"), WHITE);
	kd_button(v, L->m_quit, BAD, tr(k->lang, "Keluar kiosk", "Leave kiosk"),
	    WHITE);
	for (int i = 0; i < L->nserv && i < k->st.nservices; i++) {
		const struct q_service *s = &k->st.services[i];
		snprintf(line, sizeof line, "%c  %s: %s", s->code, kiosk_service_name(k, s),
		    s->open ? tr(k->lang, "BUKA", "OPEN") : tr(k->lang, "TUTUP",
		    "CLOSED"));
		kd_button(v, L->m_serv[i], s->open ? kd_service_colour(s) : GREYBG,
		    line, s->open ? WHITE : INK);
	}
}

void
kiosk_draw(struct kiosk_view *v, const struct kiosk *k, int64_t now)
{
	char staff[1100];

	v->hc = k->big;
	if (v->L.large != v->hc) {   /* the same buttons, room for the text */
		kiosk_layout_compute(&v->L, v->ui.w, v->ui.h, v->L.nserv);
		if (v->hc)
			kiosk_layout_large(&v->L);
	}
	ui_clear(&v->ui, v->hc ? words_hc_colour(KHC_BG) : BG);
	v->staff_on = words_staff_line(k, now, staff, sizeof staff);
	draw_header(v, k);
	if (v->staff_on)
		draw_staff(v, staff);
	switch (k->screen) {
	case KS_HOME: draw_home(v, k); break;
	case KS_WAIT: kd_draw_wait(v, k, now); break;
	case KS_TICKET: kd_draw_ticket(v, k); break;
	case KS_REFUSED: kd_draw_refused(v, k); break;
	case KS_PIN: draw_pin(v, k, now); break;
	case KS_MANAGER: draw_manager(v, k); break;
	case KS_CHECKIN: draw_checkin(v, k); break;
	default: break;
	}
}
