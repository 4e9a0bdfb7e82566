/* main.c - antri-kiosk: the visitors' touchscreen and the manager's screen.
 *
 * Start reading at main(), then loop() and on_tap().  The UI thread only
 * draws and answers input; the database and printer are reached through
 * worker.c's threads, so a locked or missing database never freezes the
 * screen.  Screens move HOME -> WAIT -> TICKET | REFUSED -> HOME, and
 * HOME -(3 s press in the top-left corner)-> PIN -> MANAGER -> HOME.
 * Frames are drawn only when something changed, a tap arrived or the
 * waiting animation runs; otherwise the thread sleeps in SDL_WaitEvent.
 */
#define _POSIX_C_SOURCE 200809L
#include "util.h"
#include "kiosk.h"
#include "input.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LONG_PRESS_MS 3000
#define WAIT_SHOW_MS 150      /* show "please wait" only after this */
#define TICKET_TAP_MS 1000    /* a tap on the ticket goes home after this
                               * (or the repeat guard, if shorter) */
#define PIN_IDLE_MS 30000
#define MANAGER_IDLE_MS 120000

static uint32_t quit_event;


static void
usage(void)
{
	fprintf(stderr, "usage: antri-kiosk [--config FILE] [--db FILE] "
	    "[--kiosk-id NAME] [--windowed WxH]\n"
	    "       antri-kiosk [--db FILE] --print-layout WxH\n");
	exit(2);
}

/* SIGTERM and SIGINT are blocked everywhere and taken by this thread,
 * which turns them into an SDL event: the main loop ends cleanly. */
static void *
signal_thread(void *arg)
{
	sigset_t *set = arg;
	int sig;
	SDL_Event e;

	if (sigwait(set, &sig) == 0) {
		memset(&e, 0, sizeof e);
		e.type = quit_event;
		SDL_PushEvent(&e);
	}
	return NULL;
}

static void
go(struct kiosk *k, enum kiosk_screen s)
{
	if (s == KS_HOME && k->screen != KS_HOME && k->screen != KS_PIN &&
	    k->screen != KS_MANAGER)
		k->lang = k->lang_default;     /* the next visitor */
	k->screen = s;
	k->screen_since = SDL_GetTicks64();
	k->press = 0;
	k->dirty = 1;
}

/* Hand a job to the worker; -1 (and a message) when its queue is full. */
static int
submit(struct kiosk *k, struct kiosk_job *j)
{
	j->lang = k->lang;
	snprintf(j->office, sizeof j->office, "%s", k->st.office);
	if (kiosk_worker_submit(k->w, j)) {
		snprintf(k->m_msg, sizeof k->m_msg, "%s", tr(k->lang,
		    "Sibuk, coba lagi", "Busy, try again"));
		k->m_ok = 0;
		return -1;
	}
	return 0;
}

static void
tap_home(struct kiosk *k, enum kiosk_hit h, int idx, uint32_t ts)
{
	const struct q_service *s;
	struct kiosk_job j;
	uint64_t now = SDL_GetTicks64();

	if (h == KH_LANG) {
		k->lang = k->lang == LANG_ID ? LANG_EN : LANG_ID;
		k->dirty = 1;
		return;
	}
	if (h == KH_CORNER) {
		k->press = 1;
		k->press_start = now;
		return;
	}
	if (h != KH_SERVICE || !(s = kiosk_service_at(k, idx)) || k->db_err)
		return;
	if (k->pending_tag)
		return;                         /* one issue at a time */
	if (k->last_issue_tap && now - k->last_issue_tap <
	    (uint64_t)k->guard_ms && k->t.id) {
		go(k, KS_TICKET);               /* a repeat: the same number */
		return;
	}
	if (kiosk_service_unavailable(s)) {
		k->refused_rc = kiosk_service_unavailable(s);
		k->refused_code = s->code;
		go(k, KS_REFUSED);
		return;
	}
	memset(&j, 0, sizeof j);
	j.kind = KJ_ISSUE;
	j.code = s->code;
	j.tag = ts ? ts : 1;
	snprintf(j.service_name, sizeof j.service_name, "%s",
	    k->lang == LANG_EN && s->name_en[0] ? s->name_en : s->name_id);
	k->refused_code = s->code;
	if (submit(k, &j)) {
		k->refused_rc = Q_EBUSY;        /* nothing was issued */
		go(k, KS_REFUSED);
		return;
	}
	k->pending_tag = j.tag;
	k->last_issue_tap = now;
	go(k, KS_WAIT);
}

static void
tap_pin(struct kiosk *k, enum kiosk_hit h, int idx)
{
	struct kiosk_job j;
	size_t n = strlen(k->pin);

	k->screen_since = SDL_GetTicks64();     /* idle timer */
	k->dirty = 1;
	switch (h) {
	case KH_PIN_DIGIT:
		if (n + 1 < sizeof k->pin) {
			k->pin[n] = (char)('0' + idx);
			k->pin[n + 1] = 0;
		}
		break;
	case KH_PIN_DEL:
		if (n)
			k->pin[n - 1] = 0;
		break;
	case KH_PIN_CANCEL:
		memset(k->pin, 0, sizeof k->pin);
		go(k, KS_HOME);
		break;
	case KH_PIN_OK:
		if (!n || k->pin_busy)
			break;
		memset(&j, 0, sizeof j);
		j.kind = KJ_PIN;
		snprintf(j.pin, sizeof j.pin, "%s", k->pin);
		memset(k->pin, 0, sizeof k->pin);
		k->pin_busy = submit(k, &j) == 0;
		break;
	default:
		break;
	}
}

static void
tap_manager(struct kiosk *k, enum kiosk_hit h, int idx)
{
	struct kiosk_job j;
	const struct q_service *s;

	memset(&j, 0, sizeof j);
	k->screen_since = SDL_GetTicks64();
	k->dirty = 1;
	switch (h) {
	case KH_M_LIMIT_DOWN: j.kind = KJ_LIMIT; j.arg = -1; break;
	case KH_M_LIMIT_UP: j.kind = KJ_LIMIT; j.arg = 1; break;
	case KH_M_HOLD: j.kind = KJ_POLICY; j.arg = Q_POLICY_HOLD; break;
	case KH_M_REFUSE: j.kind = KJ_POLICY; j.arg = Q_POLICY_REFUSE; break;
	case KH_M_SERVICE:
		if (!(s = kiosk_service_at(k, idx)))
			return;
		j.kind = KJ_SERVICE_OPEN;
		j.code = s->code;
		j.arg = !s->open;
		break;
	case KH_M_REPRINT: j.kind = KJ_REPRINT; break;
	case KH_M_TESTPRINT: j.kind = KJ_TEST_PRINT; break;
	case KH_M_BACK:
		k->m_msg[0] = 0;
		go(k, KS_HOME);
		return;
	case KH_M_QUIT:
		k->quit = 1;
		return;
	default:
		return;
	}
	snprintf(k->m_msg, sizeof k->m_msg, "...");
	k->m_ok = 1;
	submit(k, &j);
}

/* A press at output pixel x, y with the input event's time ts. */
static void
on_tap(struct kiosk *k, int x, int y, uint32_t ts)
{
	int idx;
	enum kiosk_hit h = kiosk_layout_hit(&k->L, k->screen, x, y, &idx);

	if (k->trace)
		fprintf(k->trace, "press %u %d %d %s\n", ts, x, y,
		    kiosk_hit_name(h));
	switch (k->screen) {
	case KS_HOME:
		tap_home(k, h, idx, ts);
		break;
	case KS_TICKET:
	case KS_REFUSED:
		/* not at once: the second tap of a double tap stays here */
		if (SDL_GetTicks64() - k->screen_since >= (uint64_t)(k->guard_ms <
		    TICKET_TAP_MS ? k->guard_ms : TICKET_TAP_MS))
			go(k, KS_HOME);
		break;
	case KS_PIN:
		tap_pin(k, h, idx);
		break;
	case KS_MANAGER:
		tap_manager(k, h, idx);
		break;
	default:
		break;
	}
}

static void
on_release(struct kiosk *k)
{
	k->press = 0;
}

static void
on_result(struct kiosk *k, const struct kiosk_result *r)
{
	k->dirty = 1;
	switch (r->kind) {
	case KJ_ISSUE:
		if (r->tag != k->pending_tag)
			break;
		k->pending_tag = 0;
		if (r->rc == Q_OK) {
			if (!r->repeat || r->t.id != k->t.id) {
				k->t = r->t;
				k->pstate = r->printing ? KP_PRINTING :
				    KP_NONE;
			}
			k->t_repeat = r->repeat;
			k->trace_tap = r->tag;
			kiosk_preview(k);
			go(k, KS_TICKET);
		} else {
			k->refused_rc = r->rc;
			k->last_issue_tap = 0;   /* nothing issued: no guard */
			go(k, KS_REFUSED);
		}
		break;
	case KJ_PRINTED:
		if (r->t.id == k->t.id) {
			k->pstate = r->rc == 0 ? KP_PRINTED : KP_FAILED;
			snprintf(k->pmsg, sizeof k->pmsg, "%s", r->msg);
		}
		if (k->screen == KS_MANAGER) {
			snprintf(k->m_msg, sizeof k->m_msg, "%s %s%s%s",
			    r->t.label, r->rc ? tr(k->lang, "gagal dicetak",
			    "not printed") : tr(k->lang, "tercetak", "printed"),
			    r->rc ? ": " : "", r->rc ? r->msg : "");
			k->m_ok = r->rc == 0;
		}
		break;
	case KJ_PIN:
		k->pin_busy = 0;
		k->pin_rc = r->rc;
		k->pin_locked_s = r->locked_s;
		if (r->rc == Q_OK && k->screen == KS_PIN) {
			k->m_msg[0] = 0;
			k->ps_rc = 1;
			go(k, KS_MANAGER);
			if (k->has_printer) {
				struct kiosk_job j = { .kind = KJ_PRINTER_STATE };
				submit(k, &j);
			}
		}
		break;
	case KJ_PRINTER_STATE:
		k->ps = r->ps;
		k->ps_rc = r->rc ? -1 : 0;
		snprintf(k->ps_msg, sizeof k->ps_msg, "%s", r->msg);
		break;
	case KJ_TEST_PRINT:
		snprintf(k->m_msg, sizeof k->m_msg, "%s%s%s", r->rc ?
		    tr(k->lang, "Tes cetak gagal", "Test print failed") :
		    tr(k->lang, "Tes cetak selesai", "Test print done"),
		    r->rc ? ": " : "", r->rc ? r->msg : "");
		k->m_ok = r->rc == 0;
		break;
	case KJ_REPRINT:
		if (r->rc)
			snprintf(k->m_msg, sizeof k->m_msg, "%s",
			    i18n_error(k->lang, r->rc));
		else if (!r->printing)
			snprintf(k->m_msg, sizeof k->m_msg, "%s: %s", r->t.label,
			    tr(k->lang, "printer tidak diatur",
			    "no printer configured"));
		else
			snprintf(k->m_msg, sizeof k->m_msg, "%s: %s", r->t.label,
			    tr(k->lang, "mencetak ulang...", "reprinting..."));
		k->m_ok = r->rc == 0 && r->printing;
		break;
	default:                    /* limit, policy, service */
		if (r->rc)
			snprintf(k->m_msg, sizeof k->m_msg, "%s",
			    i18n_error(k->lang, r->rc));
		else
			snprintf(k->m_msg, sizeof k->m_msg, "%s", tr(k->lang,
			    "Tersimpan", "Saved"));
		k->m_ok = r->rc == 0;
		break;
	}
}

static void
relayout(struct kiosk *k)
{
	ui_resize(&k->ui);
	kiosk_layout_compute(&k->L, k->ui.w, k->ui.h, k->st.nservices);
	k->dirty = 1;
}

static void
handle(struct kiosk *k, const SDL_Event *e)
{
	int x, y, ww, wh;
	uint32_t ts;

	if (e->type == k->evtype) {
		struct kiosk_result r;
		int n = k->st.nservices;

		while (kiosk_worker_result(k->w, &r))
			on_result(k, &r);
		if (kiosk_worker_status(k->w, &k->st, &k->db_err, &k->gen)) {
			if (n != k->st.nservices)
				relayout(k);
			if (k->screen != KS_WAIT)
				k->dirty = 1;
		}
		return;
	}
	if (e->type == quit_event) {
		k->quit = 1;
		return;
	}
	SDL_GetWindowSize(k->ui.win, &ww, &wh);
	switch (kiosk_input(e, k->ui.w, k->ui.h, ww, wh, &x, &y, &ts)) {
	case KI_PRESS:
		on_tap(k, x, y, ts);
		return;
	case KI_RELEASE:
		on_release(k);
		return;
	case KI_NONE:
		break;
	}
	switch (e->type) {
	case SDL_QUIT:              /* window closed: only the manager may */
		if (k->screen == KS_MANAGER)
			k->quit = 1;
		break;
	case SDL_KEYDOWN:           /* Escape: leaves the manager's screens */
		if (e->key.keysym.sym == SDLK_ESCAPE && (k->screen == KS_PIN ||
		    k->screen == KS_MANAGER))
			go(k, KS_HOME);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			relayout(k);
		else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
			k->dirty = 1;
		break;
	default:
		break;
	}
}

/* Time-driven changes; returns how long the loop may sleep (ms). */
static int
tick(struct kiosk *k)
{
	uint64_t now = SDL_GetTicks64(), in = now - k->screen_since;
	int wait = 60000 - (int)(time(NULL) % 60) * 1000 + 50; /* clock */
	int left;

#define SOON(ms) do { if ((ms) < wait) wait = (ms) < 0 ? 0 : (int)(ms); \
} while (0)
	if (k->press) {
		if (now - k->press_start >= LONG_PRESS_MS) {
			k->pin_rc = Q_OK;
			memset(k->pin, 0, sizeof k->pin);
			go(k, KS_PIN);
		} else {
			SOON((int)(LONG_PRESS_MS - (now - k->press_start)));
		}
	}
	switch (k->screen) {
	case KS_WAIT:                       /* animate: a frame per 100 ms */
		if (in < WAIT_SHOW_MS) {
			SOON((int)(WAIT_SHOW_MS - in));
		} else if (now >= k->anim_next) {
			k->dirty = 1;
			k->anim_next = now + 100;
			SOON(100);
		} else {
			SOON((int)(k->anim_next - now));
		}
		break;
	case KS_TICKET:
	case KS_REFUSED:
		left = k->return_s * 1000 - (int)in;
		if (left <= 0)
			go(k, KS_HOME);
		else
			SOON(left);
		break;
	case KS_PIN:
		left = PIN_IDLE_MS - (int)in;
		if (left <= 0)
			go(k, KS_HOME);
		else
			SOON(left);
		break;
	case KS_MANAGER:
		left = MANAGER_IDLE_MS - (int)in;
		if (left <= 0)
			go(k, KS_HOME);
		else
			SOON(left);
		break;
	default:
		break;
	}
	return wait;
#undef SOON
}

static void
loop(struct kiosk *k)
{
	SDL_Event e;
	int minute = -1;

	while (!k->quit) {
		int wait = tick(k), m = (int)(time(NULL) / 60);

		if (m != minute) {              /* the clock */
			minute = m;
			k->dirty = 1;
		}
		if (k->dirty) {
			k->dirty = 0;
			kiosk_draw(k);
			ui_present(&k->ui);
			if (k->trace) {
				static const char *const names[KS_COUNT] = {
					"home", "wait", "ticket", "refused",
					"pin", "manager" };
				static const char *const pn[] = { "none",
					"printing", "printed", "failed" };
				fprintf(k->trace, "frame %llu %s %s %d%s%s\n",
				    (unsigned long long)SDL_GetTicks64(),
				    names[k->screen], k->screen == KS_TICKET ?
				    k->t.label : "-", k->screen == KS_REFUSED ?
				    k->refused_rc : k->db_err, k->screen ==
				    KS_TICKET ? " print=" : "", k->screen ==
				    KS_TICKET ? pn[k->pstate] : "");
				fflush(k->trace);
			}
			if (k->trace && k->trace_tap && k->screen == KS_TICKET) {
				fprintf(k->trace, "shown %u %llu %s\n",
				    k->trace_tap, (unsigned long long)
				    SDL_GetTicks64(), k->t.label);
				fflush(k->trace);
				k->trace_tap = 0;
			}
			wait = 0;               /* then only take waiting events */
		}
		if (SDL_WaitEventTimeout(&e, wait)) {
			handle(k, &e);
			while (!k->quit && SDL_PollEvent(&e))
				handle(k, &e);
		}
	}
}

static int
print_layout(const char *spec, const char *db)
{
	struct kiosk_layout L;
	struct q_status *st = calloc(1, sizeof *st);
	queue *q = NULL;
	int w, h, rc;
	static const enum kiosk_screen scr[] = { KS_HOME, KS_PIN, KS_MANAGER };

	if (!st || sscanf(spec, "%dx%d", &w, &h) != 2)
		usage();
	if ((rc = queue_open(&q, db, 0, NULL)) || (rc = queue_status(q, st)))
		die("antri-kiosk: %s: %s", db, queue_strerror(rc));
	kiosk_layout_compute(&L, w, h, st->nservices);
	for (size_t s = 0; s < sizeof scr / sizeof scr[0]; s++)
		for (int hh = KH_SERVICE; hh < KH_COUNT; hh++)
			for (int i = 0; i < (hh == KH_PIN_DIGIT ? 10 :
			    hh == KH_SERVICE || hh == KH_M_SERVICE ?
			    st->nservices : 1); i++) {
				SDL_Rect r = kiosk_layout_rect(&L, scr[s], hh, i);
				char id[16];

				if (r.w <= 0)
					continue;
				if (hh == KH_SERVICE || hh == KH_M_SERVICE)
					snprintf(id, sizeof id, "%c",
					    st->services[i].code);
				else
					snprintf(id, sizeof id, "%d", i);
				printf("%s %s %s %d %d\n", scr[s] == KS_HOME ?
				    "home" : scr[s] == KS_PIN ? "pin" :
				    "manager", kiosk_hit_name(hh), id,
				    r.x + r.w / 2, r.y + r.h / 2);
			}
	queue_close(q);
	free(st);
	return 0;
}

int
main(int argc, char **argv)
{
	static struct kiosk k;
	const char *cfgpath = NULL, *dbpath = NULL, *id = NULL, *layout = NULL;
	const char *trace;
	config *cfg = NULL;
	char err[512];
	int ww = 0, wh = 0, windowed = 0;
	sigset_t set;
	pthread_t sigth;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--config") && v)
			cfgpath = argv[++i];
		else if (!strcmp(a, "--db") && v)
			dbpath = argv[++i];
		else if (!strcmp(a, "--kiosk-id") && v && *v)
			id = argv[++i];
		else if (!strcmp(a, "--windowed") && v) {
			if (sscanf(argv[++i], "%dx%d", &ww, &wh) != 2 ||
			    ww < KIOSK_MIN_W || wh < KIOSK_MIN_H || ww > 16384 ||
			    wh > 16384)
				usage();
			windowed = 1;
		} else if (!strcmp(a, "--print-layout") && v)
			layout = argv[++i];
		else
			usage();
	}
	if (config_load(&cfg, cfgpath, err, sizeof err))
		die("antri-kiosk: %s", err);
	dbpath = config_db_path(cfg, dbpath);
	if (layout) {
		int rc = print_layout(layout, dbpath);
		config_free(cfg);
		return rc;
	}

	k.cfg = cfg;
	if (!id)
		id = config_str(cfg, "kiosk", "id", "1");
	snprintf(k.actor, sizeof k.actor, "kiosk:%s", id);
	k.lang = k.lang_default = i18n_parse(config_str(cfg, "office",
	    "language", "id"));
	k.guard_ms = (int)config_int(cfg, "kiosk", "repeat_guard_ms", 2000);
	k.return_s = (int)config_int(cfg, "kiosk", "return_s", 8);
	print_opts_from_config(&k.po, cfg);
	k.has_printer = k.po.printer[0] != 0;
	k.db_err = -1;
	k.ps_rc = 1;
	if ((trace = getenv("ANTRI_TRACE")) && *trace &&
	    !(k.trace = fopen(trace, "w")))
		die("antri-kiosk: cannot write %s:", trace);

	/* signals: taken by one thread, turned into an SDL event */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	/* one touch is one finger event, never also a mouse click */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	if (!windowed) {
		/* the desktop's size too: without a window manager (a bare X
		 * server, Xvfb) "fullscreen" alone leaves a default window */
		SDL_DisplayMode dm;

		if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0 &&
		    SDL_GetDesktopDisplayMode(0, &dm) == 0) {
			ww = dm.w;
			wh = dm.h;
		}
	}
	if (ui_open(&k.ui, "antri-kiosk", !windowed, ww, wh, cfg, err,
	    sizeof err))
		die("antri-kiosk: %s", err);
	if (!windowed)
		SDL_ShowCursor(SDL_DISABLE);
	if ((k.evtype = SDL_RegisterEvents(2)) == (uint32_t)-1)
		die("antri-kiosk: no SDL user events left");
	quit_event = k.evtype + 1;
	if (pthread_create(&sigth, NULL, signal_thread, &set))
		die("antri-kiosk: cannot start a thread");
	pthread_detach(sigth);
	if (!(k.w = kiosk_worker_start(dbpath, k.actor, &k.po, k.guard_ms,
	    k.evtype)))
		die("antri-kiosk: cannot start its threads: %s",
		    SDL_GetError());
	relayout(&k);
	go(&k, KS_HOME);
	loop(&k);

	kiosk_worker_stop(k.w);
	if (k.preview)
		SDL_DestroyTexture(k.preview);
	kiosk_slots_free(&k);
	ui_close(&k.ui);
	SDL_Quit();
	if (k.trace)
		fclose(k.trace);
	config_free(cfg);
	return 0;
}
