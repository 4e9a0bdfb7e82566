/* draw_ticket.c - the kiosk's screens after a tap on a service: the
 * ticket (its number large, people ahead, the wait, enter or wait
 * outside, the paper ticket's picture and the QR code), "please wait"
 * while it is issued, and "refused" (room full, closed, quota, out of
 * service).  Called from kiosk_draw() (draw.c); the kit is draw_kit.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "draw_kit.h"
#include "qr.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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
band(struct kiosk_view *v, SDL_Rect r, SDL_Color bg, const char *s,
     SDL_Color fg)
{
	SDL_Rect b = kd_shrink(r, v->L.gap / 4);

	kd_box(v, b, v->L.unit / 3, bg);
	kd_fit(v, s, kd_shrink(b, v->L.pad / 4), b.h * 11 / 20, 1, fg,
	    UI_CENTER);
}

static struct kiosk_layout *full_width(const struct kiosk_layout *L,
                                       struct kiosk_layout *W);

/* What a check-in did (k->ci_how), in the visitor's language, into buf:
 * the appointment's hour for one waiting for its slot. */
static const char *
checkin_how(const struct kiosk *k, char *buf, size_t len)
{
	char hhmm[16] = "?";
	time_t sec = (time_t)(k->t.slot_ms / 1000);
	struct tm tm;

	switch (k->ci_how) {
	case Q_CHECKIN_LATE:
		return i18n_w(k->lang, W_CI_LATE);
	case Q_CHECKIN_SLOT_LATE:
		return i18n_w(k->lang, W_CI_SLOT_LATE);
	case Q_CHECKIN_SLOT:
		if (k->t.state != Q_EXPECTED)   /* its slot has come */
			break;
		if (k->t.slot_ms && localtime_r(&sec, &tm))
			strftime(hhmm, sizeof hhmm, k->lang == LANG_EN ?
			    "%H:%M" : "%H.%M", &tm);
		snprintf(buf, len, i18n_w(k->lang, W_CI_SLOT), hhmm);
		return buf;
	default:
		break;
	}
	return i18n_w(k->lang, W_CI_IN_PLACE);
}

void
kd_draw_ticket(struct kiosk_view *v, const struct kiosk *k)
{
	/* large text: the whole width, no picture of the paper */
	struct kiosk_layout W, *L = v->hc ? full_width(&v->L, &W) : &v->L;
	const struct q_service *s = kiosk_service_by_code(k, k->t.service);
	SDL_Color c = s ? kd_service_colour(s) : HEAD;
	SDL_Rect num = L->t_number;
	char line[256], wait[48];
	const char *p;

	/* a check-in: where it joined, in the service's place (the number's
	 * letter and the paper say the service); the banner is too low a
	 * line for large text on a portrait screen */
	if (k->checkin && k->t.state != Q_EXPECTED)
		band(v, L->t_service, k->ci_how == Q_CHECKIN_LATE ||
		    k->ci_how == Q_CHECKIN_SLOT_LATE ? WAIT : GO,
		    checkin_how(k, line, sizeof line), WHITE);
	else
		kd_text(v, s ? kiosk_service_name(k, s) : "", L->t_service,
		    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	/* qr.c: the visitor's link, if any: beside the number, or in large
	 * text on a portrait screen below it (the number keeps the width) */
	if (v->hc && v->L.portrait && v->L.t_preview.h > 0) {
		SDL_Rect q = v->L.t_preview;

		kiosk_qr_draw(v, &k->t, &q);
	} else {
		kiosk_qr_draw(v, &k->t, &num);
	}
	kd_slot(v, KSLOT_NUMBER, k->t.label, num, num.h, 1, c, UI_CENTER);
	snprintf(line, sizeof line, tr(k->lang, "Di depan Anda: %d orang",
	    "Ahead of you: %d"), k->t.people_ahead);
	kd_slot(v, KSLOT_AHEAD, line, L->t_line[0], L->t_line[0].h * 3 / 5,
	    0, INK, UI_CENTER);
	i18n_wait(k->lang, k->t.est_wait_s, wait, sizeof wait);
	snprintf(line, sizeof line, "%s: %s", i18n_w(k->lang, W_T_WAIT), wait);
	kd_slot(v, KSLOT_WAIT, line, L->t_line[1], L->t_line[1].h * 3 / 5,
	    0, INK, UI_CENTER);
	if (k->t.state == Q_EXPECTED)           /* an appointment, early */
		band(v, L->t_line[2], WAIT, checkin_how(k, line, sizeof line),
		    WHITE);
	else if (k->t.state == Q_OUTSIDE)
		band(v, L->t_line[2], WAIT, i18n_w(k->lang, W_T_GO_OUTSIDE), WHITE);
	else
		band(v, L->t_line[2], GO, i18n_w(k->lang, W_T_GO_IN), WHITE);
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
		kd_text(v, p, L->t_line[3], L->t_line[3].h / 2,
		    k->pstate == KP_PRINTED, k->pstate == KP_PRINTED ? GO :
		    SOFT, UI_CENTER);
	if (!v->hc)
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

void
kd_draw_wait(struct kiosk_view *v, const struct kiosk *k, int64_t now)
{
	static const char *const dots[] = { "\xe2\x97\x8f", "\xe2\x97\x8f "
		"\xe2\x97\x8f", "\xe2\x97\x8f \xe2\x97\x8f \xe2\x97\x8f" };
	struct kiosk_layout W, *L = full_width(&v->L, &W);
	int phase = (int)((now - k->screen_since) / 400 % 3);

	kd_text(v, tr(k->lang, "Mohon tunggu...", "Please wait..."),
	    L->t_service, L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	kd_text(v, dots[phase], L->t_number, L->t_number.h / 2, 1,
	    HEAD, UI_CENTER);
}

/* A sentence in box at px or smaller, never cut: in large text on up to
 * three lines (kd_fit), else on two at the size that shows it whole. */
static void
whole(struct kiosk_view *v, const char *s, SDL_Rect box, int px, int bold,
      SDL_Color c)
{
	if (!v->hc)
		px = kiosk_name_px(&v->ui, s, box, px);
	kd_fit(v, s, box, px, bold, c, UI_CENTER);
}

void
kd_draw_refused(struct kiosk_view *v, const struct kiosk *k)
{
	struct kiosk_layout *L = &v->L;
	const struct q_service *s = kiosk_service_by_code(k, k->refused_code);
	const char *big, *more;
	struct kiosk_layout W;

	L = full_width(L, &W);
	if (k->checkin) {
		/* a check-in refused: the core's sentence large, then in the
		 * other language (a scan may come before any choice) */
		enum lang other = k->lang == LANG_EN ? LANG_ID : LANG_EN;

		kd_text(v, i18n_w(k->lang, W_CI_NOT_DONE), L->t_service,
		    L->t_service.h / 2, 1, INK, UI_CENTER);
		whole(v, i18n_error(k->lang, k->refused_rc), L->t_number,
		    L->t_number.h / 3, 1, BAD);
		whole(v, i18n_error(other, k->refused_rc), L->t_line[0],
		    L->t_line[0].h * 3 / 5, 0, INK);
		kd_text(v, tr(k->lang, "Sentuh layar untuk kembali",
		    "Touch the screen to go back"), L->t_line[3],
		    L->t_line[3].h / 2, 0, SOFT, UI_CENTER);
		return;
	}
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
		kd_text(v, kiosk_service_name(k, s), L->t_service,
		    L->t_service.h * 3 / 4, 1, INK, UI_CENTER);
	kd_text(v, big, L->t_number, L->t_number.h / 2, 1, BAD,
	    UI_CENTER);
	kd_fit(v, more, L->t_line[0], L->t_line[0].h * 3 / 5, 1, INK,
	    UI_CENTER);
	kd_text(v, tr(k->lang, "Tidak ada nomor yang diberikan.",
	    "No number was given."), L->t_line[1], L->t_line[1].h / 2, 0, SOFT,
	    UI_CENTER);
	kd_text(v, tr(k->lang, "Sentuh layar untuk kembali",
	    "Touch the screen to go back"), L->t_line[3], L->t_line[3].h / 2, 0,
	    SOFT, UI_CENTER);
}
