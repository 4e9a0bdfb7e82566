/* main.c - antri-kiosk: the visitors' touchscreen and the manager's screen.
 *
 * Start-up and the event loop only: start reading at main(), then loop()
 * and handle().  The options, the window and the --trace file are
 * shared/ui/app.c's, the same for the three SDL programs.  What a tap means and when a screen changes is kiosk.c's
 * (no SDL); what is drawn is draw.c's.  The UI thread only draws and
 * answers input; the database and printer are reached through worker.c's
 * threads, so a locked or missing database never freezes the screen.
 * Frames are drawn only when something changed, a tap arrived or the
 * waiting animation runs; otherwise the thread sleeps in SDL_WaitEvent.
 */
#define _POSIX_C_SOURCE 200809L
#include "util.h"
#include "kiosk.h"
#include "draw.h"
#include "input.h"
#include "voice.h"
#include "worker.h"
#include "app.h"
#include "ui.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* everything the loop needs: the logic, the view, the threads */
struct app {
	struct kiosk k;
	struct kiosk_view v;
	struct kiosk_voice voice;
	int speaking;                  /* sound queued, device not paused */
	kiosk_worker *w;
	uint32_t evtype;
	unsigned gen;                  /* of the last status taken */
	unsigned long walgone;         /* removed -wal files logged */
	int clock_wrong;               /* as last logged */
	struct app_args args;          /* --trace: taps, frames, times */
	struct q_remote_rules rr;      /* [remote]: check-ins */
};

/* the kiosk's own options */
struct args {
	const char *id, *layout;
};

static const char USAGE[] =
    "usage: antri-kiosk [--config FILE] [--db FILE] "
    "[--kiosk-id NAME] [--windowed WxH]\n"
    "                  [--renderer auto|software|accelerated] "
    "[--trace FILE]\n"
    "       antri-kiosk [--db FILE] --print-layout WxH\n"
    "       antri-kiosk --help\n";

/* The common options into a->args (app.h), the kiosk's own into o. */
static void
parse_args(struct app *a, int argc, char **argv, struct args *o)
{
	const struct app_opt own[] = {
		{ "--kiosk-id", &o->id, NULL },
		{ "--print-layout", &o->layout, NULL },
		{ NULL, NULL, NULL },
	};
	const struct app_desc desc = { "antri-kiosk", USAGE, KIOSK_MIN_W,
		KIOSK_MIN_H, 0, 0, own };
	int w, h;

	memset(o, 0, sizeof *o);
	app_parse(&a->args, &desc, argc, argv);
	if (o->id && !*o->id)
		app_bad_arg(&a->args, "--kiosk-id needs a name");
	if (o->layout && app_parse_size(o->layout, 1, 1, &w, &h))
		app_bad_arg(&a->args, "--print-layout wants WIDTHxHEIGHT, not "
		    "'%s'", o->layout);
}

static uint32_t quit_event;

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

/* kiosk.c's jobs go to the worker threads */
static int
submit_job(void *ctx, const struct kiosk_job *j)
{
	struct app *a = ctx;

	return kiosk_worker_submit(a->w, j);
}

static void
relayout(struct app *a)
{
	ui_resize(&a->v.ui);
	kiosk_layout_compute(&a->v.L, a->v.ui.w, a->v.ui.h, a->k.st.nservices);
	a->k.dirty = 1;
}

/* The staff's news, logged once each and shown in the header: the -wal
 * removed (the worker saved and reopened), the clock looking wrong. */
static void
staff_news(struct app *a)
{
	unsigned long n = kiosk_worker_walgone(a->w);
	int wrong = a->k.db_err == Q_OK && a->k.st.clock_wrong;
	time_t t = time(NULL);
	struct tm tm;

	if (n != a->walgone) {
		a->walgone = n;
		a->k.wal_at = (int64_t)SDL_GetTicks64();
		if (!localtime_r(&t, &tm) || !strftime(a->k.wal_hhmm,
		    sizeof a->k.wal_hhmm, "%H:%M", &tm))
			snprintf(a->k.wal_hhmm, sizeof a->k.wal_hhmm, "?");
		fprintf(stderr, "antri-kiosk: the database's -wal file was "
		    "removed; what this program held of it is saved in the "
		    "database; reopened\n");
		a->k.dirty = 1;
	}
	if (wrong != a->clock_wrong && (wrong || a->k.db_err == Q_OK)) {
		a->clock_wrong = wrong;
		fprintf(stderr, "antri-kiosk: %s\n", wrong ? "the clock looks "
		    "wrong (ahead of the events' time line, see docs/time.md): "
		    "the business day is kept, nothing is cancelled" :
		    "the clock looks right again");
		a->k.dirty = 1;
	}
}

/* The worker's event: its answers, then the newest status. */
static void
on_worker(struct app *a)
{
	struct kiosk_result r;
	int n = a->k.st.nservices;

	while (kiosk_worker_result(a->w, &r))
		kiosk_result(&a->k, &r, (int64_t)SDL_GetTicks64());
	if (kiosk_worker_status(a->w, &a->k.st, &a->k.db_err, &a->gen)) {
		if (n != a->k.st.nservices)
			relayout(a);
		kiosk_status(&a->k);
	}
	staff_news(a);
}

/* A press at output pixel x, y with the input event's time ts. */
static void
on_press(struct app *a, int x, int y, uint32_t ts)
{
	int idx;
	enum kiosk_hit h = kiosk_layout_hit(&a->v.L, a->k.screen, x, y, &idx);

	app_trace(&a->args, "press %u %d %d %s", ts, x, y, kiosk_hit_name(h));
	kiosk_tap(&a->k, h, idx, ts, (int64_t)SDL_GetTicks64());
}

/* An input event's 32-bit time ts on the 64-bit clock of kiosk.h. */
static int64_t
event_ms(uint32_t ts)
{
	uint64_t now = SDL_GetTicks64();

	return (int64_t)(now - (uint32_t)((uint32_t)now - ts));
}

/* A key: Escape leaves the manager's screens and the check-in keypad;
 * Enter, Backspace and typed text go to kiosk_key() (a barcode scanner is
 * a keyboard), each with its event's own time. */
static void
on_key(struct app *a, const SDL_Event *e)
{
	if (e->type == SDL_TEXTINPUT) {
		int64_t t = event_ms(e->text.timestamp);

		for (const char *p = e->text.text; *p; p++)
			kiosk_key(&a->k, (unsigned char)*p, t);
		return;
	}
	switch (e->key.keysym.sym) {
	case SDLK_ESCAPE:
		kiosk_escape(&a->k, (int64_t)SDL_GetTicks64());
		break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		app_trace(&a->args, "key-enter %lld",
		    (long long)event_ms(e->key.timestamp));
		kiosk_key(&a->k, '\n', event_ms(e->key.timestamp));
		break;
	case SDLK_BACKSPACE:
		kiosk_key(&a->k, '\b', event_ms(e->key.timestamp));
		break;
	default:
		break;
	}
}

/* Window, keyboard and quit events. */
static void
on_other(struct app *a, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:              /* window closed: only the manager may */
		kiosk_close_request(&a->k);
		break;
	case SDL_KEYDOWN:
	case SDL_TEXTINPUT:
		on_key(a, e);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			relayout(a);
		else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
			a->k.dirty = 1;
		break;
	default:
		break;
	}
}

static void
handle(struct app *a, const SDL_Event *e)
{
	int x, y, ww, wh;
	uint32_t ts;

	if (e->type == a->evtype) {
		on_worker(a);
		return;
	}
	if (e->type == quit_event) {
		a->k.quit = 1;
		return;
	}
	SDL_GetWindowSize(a->v.ui.win, &ww, &wh);
	switch (kiosk_input(e, a->v.ui.w, a->v.ui.h, ww, wh, &x, &y, &ts)) {
	case KI_PRESS:
		on_press(a, x, y, ts);
		return;
	case KI_RELEASE:
		kiosk_release(&a->k);
		return;
	case KI_NONE:
		on_other(a, e);
		return;
	}
}

/* --trace: one line per frame, and one when a ticket is first shown */
static void
trace_frame(struct app *a, uint64_t now)
{
	static const char *const pn[] = { "none", "printing", "printed",
		"failed" };
	const struct kiosk *k = &a->k;
	int ticket = k->screen == KS_TICKET;
	char line[256];
	size_t n;

#define ADD(...) do { if (n < sizeof line) n += (size_t)snprintf(line + n, \
	sizeof line - n, __VA_ARGS__); } while (0)
	n = 0;
	ADD("frame %llu %s %s %d%s%s", (unsigned long long)now,
	    kiosk_screen_name(k->screen), ticket ? k->t.label : "-",
	    k->screen == KS_REFUSED ? k->refused_rc : k->db_err,
	    ticket ? " print=" : "", ticket ? pn[k->pstate] : "");
	if (k->screen == KS_PIN && kiosk_pin_left_s(k, (int64_t)now))
		ADD(" locked=%d", kiosk_pin_left_s(k, (int64_t)now));
	if (k->screen == KS_HOME && kiosk_printer_blocked(k))
		ADD(" printer=blocked");
	if (k->big)
		ADD(" big");
	if (k->db_err == Q_OK && k->st.clock_wrong)
		ADD(" clock=wrong");
	if (k->wal_at && (int64_t)now - k->wal_at < KIOSK_WAL_NOTE_MS)
		ADD(" wal=removed");
#undef ADD
	app_trace(&a->args, "%s", line);
	if (ticket && k->shown_tag) {
		app_trace(&a->args, "shown %u %llu %s", k->shown_tag,
		    (unsigned long long)now, k->t.label);
		a->k.shown_tag = 0;
	}
}

/* What kiosk.c wants said, to the speaker; and the speaker paused once
 * it is done.  Returns how long the loop may sleep before looking again. */
static int
speak(struct app *a)
{
	struct kiosk *k = &a->k;
	char missing[512];

	if (k->nsay) {
		if (a->args.trace) {
			char line[512];
			size_t n = (size_t)snprintf(line, sizeof line, "say %s",
			    i18n_code(k->say_lang));

			for (int i = 0; i < k->nsay && n < sizeof line; i++)
				n += (size_t)snprintf(line + n, sizeof line - n,
				    " %s", k->say[i]);
			app_trace(&a->args, "%s", line);
		}
		if (kiosk_voice_play(&a->voice, k->say_lang, k->say, k->nsay,
		    missing, sizeof missing) > 0)
			a->speaking = 1;
		if (missing[0])
			fprintf(stderr, "antri-kiosk: voice clip missing, "
			    "skipped: %s\n", missing);
		k->nsay = 0;
	}
	if (!a->speaking)
		return 60000;
	if (!kiosk_voice_idle(&a->voice))
		return kiosk_voice_pending_ms(&a->voice) + 20;
	a->speaking = 0;
	app_trace(&a->args, "audio idle");
	return 60000;
}

static void
loop(struct app *a)
{
	SDL_Event e;
	int minute = -1;

	while (!a->k.quit) {
		uint64_t now = SDL_GetTicks64();
		int wait = kiosk_tick(&a->k, (int64_t)now);
		int clock = 60000 - (int)(time(NULL) % 60) * 1000 + 50;
		int m = (int)(time(NULL) / 60);

		int talk = speak(a);

		if (clock < wait)
			wait = clock;
		if (talk < wait)
			wait = talk;
		if (m != minute) {              /* the clock */
			minute = m;
			a->k.dirty = 1;
		}
		if (a->k.dirty) {
			a->k.dirty = 0;
			kiosk_draw(&a->v, &a->k, (int64_t)now);
			ui_present(&a->v.ui);
			if (a->args.trace)
				trace_frame(a, SDL_GetTicks64());
			wait = 0;               /* then only take waiting events */
		}
		if (SDL_WaitEventTimeout(&e, wait)) {
			handle(a, &e);
			while (!a->k.quit && SDL_PollEvent(&e))
				handle(a, &e);
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
	static const enum kiosk_screen scr[] = { KS_HOME, KS_PIN, KS_MANAGER,
		KS_CHECKIN };
	static const char *const scrname[] = { "home", "pin", "manager",
		"checkin" };

	if (!st || app_parse_size(spec, 1, 1, &w, &h))
		die("antri-kiosk: --print-layout wants WIDTHxHEIGHT, not '%s'",
		    spec);
	if ((rc = queue_open(&q, db, 0, NULL)) || (rc = queue_status(q, st)))
		die("antri-kiosk: %s: %s", db, queue_strerror(rc));
	kiosk_layout_compute(&L, w, h, st->nservices);
	for (size_t s = 0; s < sizeof scr / sizeof scr[0]; s++)
		for (int hh = KH_SERVICE; hh < KH_COUNT; hh++)
			for (int i = 0; i < (hh == KH_PIN_DIGIT ? 10 :
			    hh == KH_CI_KEY ? Q_CHECKIN_ALPHA_N :
			    hh == KH_SERVICE || hh == KH_M_SERVICE ?
			    st->nservices : 1); i++) {
				SDL_Rect r = kiosk_layout_rect(&L, scr[s], hh, i);
				char id[16];

				if (r.w <= 0)
					continue;
				if (hh == KH_SERVICE || hh == KH_M_SERVICE)
					snprintf(id, sizeof id, "%c",
					    st->services[i].code);
				else if (hh == KH_CI_KEY)      /* its letter */
					snprintf(id, sizeof id, "%c",
					    q_checkin_alphabet[i]);
				else
					snprintf(id, sizeof id, "%d", i);
				printf("%s %s %s %d %d\n", scrname[s],
				    kiosk_hit_name(hh), id,
				    r.x + r.w / 2, r.y + r.h / 2);
			}
	queue_close(q);
	free(st);
	return 0;
}

/* Signals: taken by one thread, turned into an SDL event. */
static void
catch_signals(void)
{
	static sigset_t set;
	pthread_t th;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	if (pthread_create(&th, NULL, signal_thread, &set))
		die("antri-kiosk: cannot start a thread");
	pthread_detach(th);
}

/* The window (app.h): fullscreen at the desktop's size, or windowed. */
static void
open_window(struct app *a, const config *cfg)
{
	/* one touch is one finger event, never also a mouse click */
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	app_window(&a->args, &a->v.ui, "antri-kiosk", cfg);
	SDL_StartTextInput();          /* a barcode scanner types */
	if ((a->evtype = SDL_RegisterEvents(2)) == (uint32_t)-1)
		die("antri-kiosk: no SDL user events left");
	quit_event = a->evtype + 1;
}

/* The kiosk's settings from the config and the command line. */
static void
setup(struct app *a, const struct args *o, const config *cfg,
      char *actor, size_t len)
{
	const char *id = o->id;

	if (!id)
		id = config_str(cfg, "kiosk", "id", "1");
	snprintf(actor, len, "kiosk:%s", id);
	print_opts_from_config(&a->v.po, cfg);
	kiosk_init(&a->k, i18n_parse(config_str(cfg, "office", "language",
	    "id")), (int)config_int(cfg, "kiosk", "repeat_guard_ms", 2000),
	    (int)config_int(cfg, "kiosk", "return_s", 8),
	    a->v.po.printer[0] != 0, submit_job, a);
	a->k.voice = config_bool(cfg, "kiosk", "voice", 0);
	q_remote_from_config(cfg, &a->rr);
}

int
main(int argc, char **argv)
{
	static struct app a;
	struct args o;
	config *cfg = NULL;
	char actor[Q_ACTOR_MAX];
	const char *dbpath;

	parse_args(&a, argc, argv, &o);
	if (o.layout) {              /* no window, no trace */
		a.args.trace_path = NULL;
		cfg = app_start(&a.args);
		int rc = print_layout(o.layout, config_db_path(cfg, a.args.db));
		config_free(cfg);
		return rc;
	}
	cfg = app_start(&a.args);
	dbpath = config_db_path(cfg, a.args.db);
	setup(&a, &o, cfg, actor, sizeof actor);
	catch_signals();
	open_window(&a, cfg);
	if (!(a.w = kiosk_worker_start(dbpath, actor, &a.v.po, &a.rr, a.k.guard_ms,
	    a.evtype)))
		die("antri-kiosk: cannot start its threads: %s",
		    SDL_GetError());
	if (kiosk_voice_open(&a.voice, a.k.voice, config_str(cfg, "kiosk",
	    "voice_dir", NULL)) && a.k.voice) {
		fprintf(stderr, "antri-kiosk: silent: %s\n", a.voice.snd.why);
		a.k.voice = 0;
	}
	app_trace(&a.args, "start audio=%s", a.voice.snd.dev ? "on" : "off");
	relayout(&a);
	a.k.screen_since = (int64_t)SDL_GetTicks64();
	loop(&a);
	kiosk_voice_close(&a.voice);

	kiosk_worker_stop(a.w);
	kiosk_view_free(&a.v);
	ui_close(&a.v.ui);
	SDL_Quit();
	app_end(&a.args);
	config_free(cfg);
	return 0;
}
