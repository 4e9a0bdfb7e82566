/* draw.c - one frame of the counter panel.
 *
 * Start at counter_draw(): the top bar, the ticket card, the side card
 * (waiting per service, last served), the message line, the pad.
 */
#define _POSIX_C_SOURCE 200809L
#include "draw.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const SDL_Color BG = { 0x10, 0x16, 0x1f, 255 };
static const SDL_Color CARD = { 0x1c, 0x26, 0x33, 255 };
static const SDL_Color BTN = { 0x2a, 0x38, 0x4a, 255 };
static const SDL_Color BTN_OFF = { 0x20, 0x27, 0x30, 255 };
static const SDL_Color ACCENT = { 0x1f, 0x7a, 0xe0, 255 };
static const SDL_Color WHITE = { 0xf2, 0xf5, 0xf8, 255 };
static const SDL_Color MUTED = { 0x9f, 0xb0, 0xc3, 255 };
static const SDL_Color DIM = { 0x5c, 0x6b, 0x7c, 255 };
static const SDL_Color GREEN = { 0x2e, 0x9e, 0x5b, 255 };
static const SDL_Color AMBER = { 0xc8, 0x8a, 0x12, 255 };
static const SDL_Color RED = { 0xd0, 0x3f, 0x3f, 255 };
static const SDL_Color PINK = { 0xff, 0x9a, 0x9a, 255 };

static SDL_Rect
inset(SDL_Rect r, int dx, int dy)
{
	SDL_Rect s = { r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy };

	if (s.w < 0)
		s.w = 0;
	if (s.h < 0)
		s.h = 0;
	return s;
}

static SDL_Color
darker(SDL_Color c)
{
	SDL_Color d = { (Uint8)(c.r * 3 / 4), (Uint8)(c.g * 3 / 4),
		(Uint8)(c.b * 3 / 4), c.a };

	return d;
}

static const char *
state_word(const struct counter *p, SDL_Color *c)
{
	enum lang l = p->lang;

	if (!p->me_found) {
		*c = DIM;
		return tr(l, "TIDAK ADA", "UNKNOWN");
	}
	switch (p->me.state) {
	case Q_COUNTER_OPEN:
		*c = GREEN;
		return tr(l, "BUKA", "OPEN");
	case Q_COUNTER_PAUSED:
		*c = AMBER;
		return tr(l, "ISTIRAHAT", "PAUSED");
	default:
		*c = RED;
		return tr(l, "TUTUP", "CLOSED");
	}
}

static void
draw_top(struct ui *u, const struct counter *p, const struct counter_layout *l)
{
	SDL_Rect r = l->top, a, b, c;
	SDL_Color sc;
	char buf[128], clock[16] = "";
	const char *word;
	time_t now = (time_t)(counter_wall_now(p) / 1000);
	struct tm tm;
	int px = l->px_title;

	if (localtime_r(&now, &tm))
		strftime(clock, sizeof clock, "%H:%M", &tm);
	a = (SDL_Rect){ r.x, r.y, r.w * 30 / 100, r.h };
	b = (SDL_Rect){ a.x + a.w, r.y + r.h / 8, r.w * 24 / 100, r.h - r.h / 4 };
	c = (SDL_Rect){ b.x + b.w + l->gap, r.y, r.x + r.w - b.x - b.w - l->gap,
		r.h };
	snprintf(buf, sizeof buf, "%s %d", tr(p->lang, "Loket", "Counter"),
	    p->counter);
	ui_draw_text(u, buf, a, px, 1, WHITE, UI_LEFT);
	word = state_word(p, &sc);
	if (p->have_status) {
		ui_round(u, b, b.h / 3, sc);
		ui_draw_text(u, word, inset(b, b.h / 4, 0), px * 3 / 4, 1,
		    WHITE, UI_CENTER);
	}
	if (p->have_status && p->st.limit > 0)
		snprintf(buf, sizeof buf, "%s %d / %d   %s", tr(p->lang,
		    "Ruangan", "Room"), p->st.occupancy, p->st.limit, clock);
	else if (p->have_status)
		snprintf(buf, sizeof buf, "%s %d   %s", tr(p->lang, "Di dalam",
		    "Inside"), p->st.occupancy, clock);
	else
		snprintf(buf, sizeof buf, "%s", clock);
	ui_draw_text(u, buf, c, px * 4 / 5, 0, MUTED, UI_RIGHT);
}

static void
fmt_elapsed(char *buf, size_t len, int64_t ms)
{
	long s = ms < 0 ? 0 : (long)(ms / 1000);

	if (s >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

static void
draw_ticket(struct ui *u, const struct counter *p, const struct counter_layout *l)
{
	SDL_Rect card = l->ticket, in, big, line;
	const struct q_ticket *t = &p->me.current;
	const struct q_service *s;
	enum lang lg = p->lang;
	char buf[Q_REASON_MAX + 64], el[32];
	int pad = l->gap * 2, lh = l->px_text * 3 / 2, failed;

	if (card.h <= 0)
		return;
	ui_round(u, card, l->gap * 2, CARD);
	in = inset(card, pad, pad / 2);
	if (in.h < 4 * lh) {     /* short while transferring: one line */
		s = counter_service(p, t->service);
		snprintf(buf, sizeof buf, "%s · %c %s", t->label, t->service,
		    s ? (lg == LANG_EN && s->name_en[0] ? s->name_en :
		    s->name_id) : "");
		ui_draw_fit(u, p->me.has_current ? buf : "– – –", in,
		    l->px_text, 1, WHITE, UI_CENTER);
		return;
	}
	failed = p->me.has_current && t->print_state == Q_PRINT_FAILED;
	big = in;
	big.h = in.h - (failed ? 4 : 3) * lh;
	if (big.h < in.h / 2)
		big.h = in.h / 2;
	line = (SDL_Rect){ in.x, big.y + big.h, in.w, lh };
	if (!p->me.has_current) {
		ui_draw_text(u, "– – –", big, l->px_big / 2, 1, DIM,
		    UI_CENTER);
		ui_draw_text(u, tr(lg, "Belum ada nomor dipanggil",
		    "No ticket being served"), line, l->px_text, 0, MUTED,
		    UI_CENTER);
		line.y += lh;
		if (p->me_found && p->me.state != Q_COUNTER_OPEN)
			ui_draw_text(u, tr(lg, "Tekan P untuk buka lagi",
			    "Press P to resume"), line, l->px_small, 0, AMBER,
			    UI_CENTER);
		else
			ui_draw_text(u, tr(lg, "Tekan N untuk memanggil",
			    "Press N to call the next"), line, l->px_small, 0,
			    MUTED, UI_CENTER);
		return;
	}
	ui_draw_text(u, t->label, big, l->px_big, 1, WHITE, UI_CENTER);
	s = counter_service(p, t->service);
	snprintf(buf, sizeof buf, "%c · %s", t->service, s ? (lg == LANG_EN &&
	    s->name_en[0] ? s->name_en : s->name_id) : "");
	ui_draw_fit(u, buf, line, l->px_text, 1, MUTED, UI_CENTER);
	line.y += lh;
	fmt_elapsed(el, sizeof el, counter_wall_now(p) - t->called_ms);
	snprintf(buf, sizeof buf, tr(lg, "dipanggil %s lalu",
	    "called %s ago"), el);
	ui_draw_text(u, buf, line, l->px_small, 0, MUTED, UI_CENTER);
	line.y += lh;
	if (failed) {            /* the visitor may hold no paper ticket */
		ui_draw_text(u, tr(lg, "Tiket gagal dicetak",
		    "Ticket failed to print"), line, l->px_text, 1, PINK,
		    UI_CENTER);
		line.y += lh;
		ui_draw_fit(u, t->print_reason, line, l->px_small, 0, PINK,
		    UI_CENTER);
	}
}

/* The waiting list: one row per service this counter serves. */
static int
draw_waiting(struct ui *u, const struct counter *p,
             const struct counter_layout *l, int bottom)
{
	SDL_Rect name, num;
	enum lang lg = p->lang;
	char buf[Q_NAME_MAX + 32];
	int i = 1;

	counter_layout_row(l, 0, &name, &num);
	name.w = l->side_in.w;
	ui_draw_text(u, tr(lg, "Menunggu", "Waiting"), name, l->px_small, 1,
	    MUTED, UI_LEFT);
	/* keep the last line for the history */
	for (const char *c = p->me.services; *c; c++) {
		const struct q_service *s = counter_service(p, *c);
		char count[64];
		int cw, ch;

		counter_layout_row(l, i, &name, &num);
		if (!s || name.y + 2 * name.h > bottom)
			continue;
		if (!s->open)
			snprintf(count, sizeof count, "%s", tr(lg, "tutup",
			    "closed"));
		else if (s->outside)
			snprintf(count, sizeof count, "%d  +%d %s", s->waiting,
			    s->outside, tr(lg, "di luar", "outside"));
		else
			snprintf(count, sizeof count, "%d", s->waiting);
		cw = ui_draw_text(u, count, num, l->px_text, 1, s->open ?
		    WHITE : DIM, UI_RIGHT);
		/* the name may use the row up to the count (a long name
		 * needs the room more than the short count needs a column) */
		ui_measure(u, count, cw, 1, &cw, &ch);
		if (num.x + num.w - cw - 2 * l->gap > name.x + name.w)
			name.w = num.x + num.w - cw - 2 * l->gap - name.x;
		snprintf(buf, sizeof buf, "%c %s", s->code, lg == LANG_EN &&
		    s->name_en[0] ? s->name_en : s->name_id);
		ui_draw_fit(u, buf, name, l->px_text, 0, s->open ? WHITE : DIM,
		    UI_LEFT);
		i++;
	}
	return l->side_in.y + i * l->row_h;
}

/* The last tickets served: a list when there is room, else one line. */
static void
draw_history(struct ui *u, const struct counter *p,
             const struct counter_layout *l, int y, int bottom)
{
	SDL_Rect in = l->side_in, row = { in.x, y, in.w, l->row_h };
	enum lang lg = p->lang;
	char buf[Q_NAME_MAX + 32], hist[COUNTER_HIST * 16] = "";
	int lh = l->row_h;

	if (p->nhist > 0 && bottom - row.y >= 4 * lh + l->gap) {
		row.y += l->gap;
		ui_draw_text(u, tr(lg, "Terakhir dilayani", "Last served"), row,
		    l->px_small, 1, MUTED, UI_LEFT);
		row.y += lh;
		for (int i = 0; i < p->nhist && row.y + lh <= bottom; i++) {
			const struct q_ticket *t = &p->hist[i];
			time_t fin = (time_t)(t->finished_ms / 1000);
			struct tm tm;
			char hm[8] = "";

			if (localtime_r(&fin, &tm))
				strftime(hm, sizeof hm, "%H:%M", &tm);
			snprintf(buf, sizeof buf, "%s  %s", t->label,
			    t->state == Q_NO_SHOW ? tr(lg, "tidak datang",
			    "no-show") : t->state == Q_DONE ? tr(lg, "selesai",
			    "done") : q_state_name(t->state));
			ui_draw_text(u, buf, (SDL_Rect){ row.x, row.y,
			    row.w * 3 / 4, lh }, l->px_small, 0,
			    t->state == Q_NO_SHOW ? AMBER : WHITE, UI_LEFT);
			ui_draw_text(u, hm, (SDL_Rect){ row.x + row.w * 3 / 4,
			    row.y, row.w / 4, lh }, l->px_small, 0, MUTED,
			    UI_RIGHT);
			row.y += lh;
		}
		return;
	}
	for (int i = 0; i < p->nhist; i++) {
		size_t n = strlen(hist);

		snprintf(hist + n, sizeof hist - n, "%s%s %s", i ? "  " : "",
		    p->hist[i].label, p->hist[i].state == Q_NO_SHOW ? "✗" :
		    p->hist[i].state == Q_DONE ? "✓" : "→");
	}
	row.y = bottom - lh;
	if (row.y < in.y + lh)
		return;
	snprintf(buf, sizeof buf, "%s:", tr(lg, "Terakhir", "Last"));
	ui_draw_text(u, buf, (SDL_Rect){ row.x, row.y, row.w / 4, lh },
	    l->px_small, 1, MUTED, UI_LEFT);
	ui_draw_fit(u, hist[0] ? hist : "—", (SDL_Rect){ row.x + row.w / 4,
	    row.y, row.w - row.w / 4, lh }, l->px_small, 0, WHITE, UI_LEFT);
}

static void
draw_side(struct ui *u, const struct counter *p,
          const struct counter_layout *l)
{
	SDL_Rect in = l->side_in, row = { in.x, in.y + in.h - l->row_h, in.w,
		l->row_h };
	char line[512];
	int bad;

	if (l->side.h <= 0 || l->side.w <= 0)
		return;
	ui_round(u, l->side, l->gap * 2, CARD);
	/* the general printer line at the bottom, the history above it */
	bad = counter_printer_line(p, line, sizeof line);
	if (line[0] && row.y >= in.y + 3 * l->row_h) {
		ui_draw_fit(u, line, row, l->px_small, bad, bad ? PINK : MUTED,
		    UI_LEFT);
		in.h -= l->row_h;
	}
	draw_history(u, p, l, draw_waiting(u, p, l, in.y + in.h),
	    in.y + in.h);
}

static void
draw_message(struct ui *u, const struct counter *p,
             const struct counter_layout *l)
{
	SDL_Rect r = l->message;
	SDL_Color bg = CARD;
	char buf[COUNTER_MSG_MAX + 4200];
	const char *text = p->msg;
	int recent = p->msg[0] && counter_mono_ms() - p->msg_at < 4000;
	enum lang lg = p->lang;

	if (p->conn == CC_OK && !recent && !p->transfer_mode &&
	    counter_warning(p, buf, sizeof buf)) {
		/* the staff's warning: the clock, a removed -wal */
		text = buf;
		bg = AMBER;
	} else if (p->conn != CC_OK && !recent) {
		switch (p->conn) {
		case CC_NODB:
			if (p->conn_err == Q_ENODB)
				snprintf(buf, sizeof buf, tr(lg, "Database tidak "
				    "ada (%s): tombol tidak berfungsi, mencoba "
				    "lagi…", "No database (%s): buttons do "
				    "nothing, retrying…"), p->f.path);
			else
				snprintf(buf, sizeof buf, tr(lg, "Database %s: "
				    "%s. Tombol tidak berfungsi, mencoba lagi…",
				    "Database %s: %s. Buttons do nothing, "
				    "retrying…"), p->f.path,
				    queue_strerror(p->conn_err));
			bg = RED;
			break;
		case CC_BUSY:
			snprintf(buf, sizeof buf, "%s", tr(lg, "Database sibuk "
			    "(dikunci program lain), mencoba lagi…",
			    "Database busy (locked by another program), "
			    "retrying…"));
			bg = AMBER;
			break;
		default:
			snprintf(buf, sizeof buf, "%s: %s", tr(lg,
			    "Kesalahan database, mencoba lagi",
			    "Database error, retrying"),
			    queue_strerror(p->conn_err));
			bg = RED;
			break;
		}
		text = buf;
	} else {
		switch (p->msgkind) {
		case CM_OK: bg = GREEN; break;
		case CM_REFUSED: bg = AMBER; break;
		case CM_ERROR: bg = RED; break;
		default: bg = p->transfer_mode ? ACCENT : CARD; break;
		}
		if (!recent && p->msgkind != CM_NONE && !p->transfer_mode)
			bg = darker(darker(bg));
	}
	ui_round(u, r, l->gap, bg);
	ui_draw_fit(u, text, inset(r, l->gap * 2, 0), l->px_text, 1, WHITE,
	    UI_CENTER);
}

/* The label's part of button r (the key goes under it). */
static SDL_Rect
label_box(const struct counter_layout *l, SDL_Rect r)
{
	return (SDL_Rect){ r.x + l->gap, r.y + r.h / 10, r.w - 2 * l->gap,
		r.h * 55 / 100 };
}

static void
draw_pad(struct ui *u, const struct counter_layout *l,
         const struct counter_button *b, int nb, int pressed)
{
	int px = l->px_button, used;
	size_t second, cut;

	/* the actions share one size, so that none looks less important;
	 * service names (transferring) each fit on their own */
	for (int i = 0; i < nb && i < l->nbuttons; i++)
		if (b[i].act != CB_SERVICE)
			px = ui_fit_plan(u, b[i].label, label_box(l,
			    l->button[i]), px, 1, &second, &cut);
	for (int i = 0; i < nb && i < l->nbuttons; i++) {
		SDL_Rect r = l->button[i], top = label_box(l, r), bot;
		SDL_Color c = b[i].act == CA_NEXT ? ACCENT : BTN;

		if (!b[i].enabled)
			c = BTN_OFF;
		if (i == pressed)
			c = darker(c);
		ui_round(u, r, l->gap * 2, c);
		bot = (SDL_Rect){ top.x, top.y + top.h, top.w, r.h * 30 / 100 };
		used = ui_draw_fit(u, b[i].label, top, b[i].act == CB_SERVICE ?
		    l->px_button : px, 1, b[i].enabled ? WHITE : DIM,
		    UI_CENTER);
		ui_draw_text(u, b[i].key, bot, used * 3 / 4, 0,
		    b[i].enabled ? MUTED : DIM, UI_CENTER);
	}
}

void
counter_draw(struct ui *u, const struct counter *p,
           const struct counter_layout *l, const struct counter_button *b,
           int nb, int pressed)
{
	ui_clear(u, BG);
	draw_top(u, p, l);
	draw_ticket(u, p, l);
	draw_side(u, p, l);
	draw_message(u, p, l);
	draw_pad(u, l, b, nb, pressed);
}
