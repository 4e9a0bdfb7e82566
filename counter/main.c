/* main.c - antri-counter, the counter staff's panel: start-up and the
 * event loop.
 *
 * Start at main(): arguments, config, the window (app.h), then the loop.
 * The loop sleeps in SDL_WaitEventTimeout until input, the commit
 * watcher's event (watch.h: a thread of its own notices another program's
 * commit through an inotify hint and PRAGMA data_version, as the display's
 * does) or the next second of the clock; each time it wakes it asks
 * counter_poll() what changed and the printer watch (printwatch.h)
 * whether the printer's state changed, and redraws only when something
 * changed or the clock ticked.  Keys and taps become counter_act() calls;
 * each result is shown on the message line and logged on stdout.
 *
 * Test hook: --trace FILE gets "start", one "frame MS LABEL" per frame
 * drawn (LABEL the counter's ticket, "-" without one) and "press X Y N"
 * per tap (N the button, -1 none).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "config.h"
#include "i18n.h"
#include "counter.h"
#include "draw.h"
#include "layout.h"
#include "printwatch.h"
#include "app.h"
#include "ui.h"
#include "watch.h"

#define POLL_MS 20           /* without a watcher thread only */
#define FORCE_MS 5000        /* re-read everything at least this often */
#define GUARD_MS 500         /* default [counter] repeat_guard_ms */

static const char USAGE[] =
    "usage: antri-counter --counter N [--config FILE] [--db FILE] "
    "[--lang id|en]\n"
    "                     [--windowed WxH | --fullscreen]\n"
    "                     [--renderer auto|software|accelerated] "
    "[--trace FILE]\n"
    "Keys: N or keypad Enter next, R recall, D done, X no-show,\n"
    "      T then a service letter transfer (Esc cancels), P pause/resume,\n"
    "      F11 full screen, Ctrl+Q quit.\n";

/* The common options into args (app.h), the panel's own into *counter,
 * *lang and args->fullscreen. */
static void
parse_args(struct app_args *args, int argc, char **argv, int *counter,
           const char **lang)
{
	const char *num = NULL;
	int fullscreen = 0;
	const struct app_opt own[] = {
		{ "--counter", &num, NULL },
		{ "--lang", lang, NULL },
		{ "--fullscreen", NULL, &fullscreen },
		{ NULL, NULL, NULL },
	};
	const struct app_desc desc = { "antri-counter", USAGE, 160, 120, 640,
		400, own };

	*lang = NULL;
	app_parse(args, &desc, argc, argv);
	if (!num)
		app_bad_arg(args, "--counter N is required");
	*counter = (int)app_number(args, num, 1, 9999, "--counter");
	if (*lang && strcmp(*lang, "id") && strcmp(*lang, "en"))
		app_bad_arg(args, "--lang must be id or en, not '%s'", *lang);
	if (fullscreen)
		args->fullscreen = 1;
}

struct app {
	struct app_args args;    /* the command line, the --trace file */
	struct ui u;
	struct counter p;
	struct counter_layout l;
	struct counter_button b[CL_MAX_BUTTONS];
	struct printwatch pw;
	unsigned long pw_seq;    /* the printer watch's last answer read */
	char printer_line[512];  /* as last logged */
	int nb;
	int pressed;             /* button held down, -1 none */
	int quit, dirty;
	int64_t last_force, last_sec, msg_at;
	int clock_wrong;         /* as last logged */
	struct watch watch;      /* the commit watcher thread */
	Uint32 wake;             /* its SDL event type */
	int watching;
};

static void
relayout(struct app *a)
{
	a->nb = counter_buttons(&a->p, a->b);
	counter_layout_compute(&a->l, a->u.w, a->u.h, a->nb,
	    a->p.transfer_mode);
}

static void
logged(struct app *a, int rc)
{
	if (rc != 1 && a->p.msg[0]) {
		printf("antri-counter %d: %s\n", a->p.counter, a->p.msg);
		fflush(stdout);
	}
	a->dirty = 1;
}

static void
press(struct app *a, int i)
{
	if (i < 0 || i >= a->nb)
		return;
	switch (a->b[i].act) {
	case CB_SERVICE:
		logged(a, counter_transfer_to(&a->p, a->b[i].code));
		break;
	case CB_CANCEL:
		counter_transfer_cancel(&a->p);
		logged(a, 0);
		break;
	default:
		logged(a, counter_act(&a->p, (enum counter_act)a->b[i].act));
		break;
	}
}

static void
key(struct app *a, const SDL_KeyboardEvent *k)
{
	SDL_Keycode c = k->keysym.sym;

	if (k->repeat)
		return;              /* a held key acts once */
	if ((k->keysym.mod & KMOD_CTRL) && c == SDLK_q) {
		a->quit = 1;
		return;
	}
	if (c == SDLK_F11) {
		Uint32 fs = SDL_GetWindowFlags(a->u.win) &
		    SDL_WINDOW_FULLSCREEN_DESKTOP;

		SDL_SetWindowFullscreen(a->u.win, fs ? 0 :
		    SDL_WINDOW_FULLSCREEN_DESKTOP);
		return;
	}
	if (k->keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
		return;
	if (a->p.transfer_mode) {
		if (c == SDLK_ESCAPE || c == SDLK_t) {
			counter_transfer_cancel(&a->p);
			logged(a, 0);
		} else if (c >= SDLK_a && c <= SDLK_z) {
			logged(a, counter_transfer_to(&a->p,
			    (char)('A' + (c - SDLK_a))));
		}
		return;
	}
	switch (c) {
	case SDLK_n: case SDLK_KP_ENTER:
		logged(a, counter_act(&a->p, CA_NEXT));
		break;
	case SDLK_r: logged(a, counter_act(&a->p, CA_RECALL)); break;
	case SDLK_d: logged(a, counter_act(&a->p, CA_DONE)); break;
	case SDLK_x: logged(a, counter_act(&a->p, CA_NOSHOW)); break;
	case SDLK_t: logged(a, counter_act(&a->p, CA_TRANSFER)); break;
	case SDLK_p: logged(a, counter_act(&a->p, CA_PAUSE)); break;
	default: break;
	}
}

/* Window coordinates to output pixels (they differ on HiDPI screens). */
static void
to_output(struct app *a, int *x, int *y)
{
	int ww, wh;

	SDL_GetWindowSize(a->u.win, &ww, &wh);
	if (ww > 0 && wh > 0) {
		*x = (int)((long)*x * a->u.w / ww);
		*y = (int)((long)*y * a->u.h / wh);
	}
}

/* The watcher's event: another program committed, the database came or
 * went, its file was replaced or its -wal removed.  The panel's own
 * follower reopens or looks at the -wal at once; tick() reads. */
static void
woken(struct app *a)
{
	if (watch_walgone(&a->watch))
		follow_check_wal_soon(&a->p.f);
	if (watch_ack(&a->watch)) {     /* a new file under the path */
		follow_close(&a->p.f);
		a->p.f.retry_at = 0;
	}
}

static void
event(struct app *a, const SDL_Event *e)
{
	int x, y;

	switch (e->type) {
	case SDL_QUIT:
		a->quit = 1;
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			ui_resize(&a->u);
		a->dirty = 1;
		break;
	case SDL_KEYDOWN:
		key(a, &e->key);
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.button != SDL_BUTTON_LEFT)
			break;
		x = e->button.x;
		y = e->button.y;
		to_output(a, &x, &y);
		a->pressed = counter_layout_hit(&a->l, x, y);
		app_trace(&a->args, "press %d %d %d", x, y, a->pressed);
		a->dirty = 1;
		break;
	case SDL_MOUSEBUTTONUP:
		if (e->button.button != SDL_BUTTON_LEFT)
			break;
		x = e->button.x;
		y = e->button.y;
		to_output(a, &x, &y);
		if (a->pressed >= 0 && counter_layout_hit(&a->l, x, y) ==
		    a->pressed)
			press(a, a->pressed);
		a->pressed = -1;
		a->dirty = 1;
		break;
	default:
		if (a->watching && e->type == a->wake)
			woken(a);
		break;
	}
}

/* The window (app.h): windowed, or full screen at the desktop's size. */
static void
open_window(struct app *a, const config *cfg)
{
	char title[64];

	snprintf(title, sizeof title, "%s %d · antri-counter",
	    tr(a->p.lang, "Loket", "Counter"), a->p.counter);
	app_window(&a->args, &a->u, title, cfg);
	SDL_SetWindowMinimumSize(a->u.win, 320, 240);
}

/* Which database, on stdout; on stderr when it cannot be used yet. */
static void
say_database(const struct counter *p)
{
	if (follow_queue(&p->f)) {
		printf("antri-counter %d: database %s\n", p->counter, p->f.path);
		fflush(stdout);
	} else if (p->f.err == Q_ENODB)
		fprintf(stderr, "antri-counter %d: database %s (not there yet: "
		    "retrying)\n", p->counter, p->f.path);
	else
		fprintf(stderr, "antri-counter %d: database %s: %s (retrying)\n",
		    p->counter, p->f.path, p->f.why);
}

/* The printer watch's news: into the panel, and logged when the line
 * changes. */
static void
printer_news(struct app *a)
{
	struct printer_state st;
	char line[sizeof a->printer_line];

	if (!printwatch_get(&a->pw, &st, &a->pw_seq))
		return;
	counter_set_printer(&a->p, &st);
	counter_printer_line(&a->p, line, sizeof line);
	if (strcmp(line, a->printer_line)) {
		snprintf(a->printer_line, sizeof a->printer_line, "%s", line);
		printf("antri-counter %d: %s\n", a->p.counter, line);
		fflush(stdout);
		a->dirty = 1;
	}
}

/* The staff's warnings, logged once each: a removed -wal (saved and
 * reopened by the follower), the clock looking wrong and right again. */
static void
log_warnings(struct app *a)
{
	struct counter *p = &a->p;
	int wrong = p->have_status && p->conn == CC_OK && p->st.clock_wrong;

	if (p->wal_news) {
		p->wal_news = 0;
		fprintf(stderr, "antri-counter %d: the database's -wal file "
		    "(%s-wal) was removed; what this program held of it is "
		    "saved in the database; reopened\n", p->counter, p->f.path);
	}
	if (wrong != a->clock_wrong && (wrong || p->conn == CC_OK)) {
		a->clock_wrong = wrong;
		fprintf(stderr, "antri-counter %d: %s\n", p->counter, wrong ?
		    "the clock looks wrong (ahead of the events' time line, "
		    "see docs/time.md): the business day is kept, nothing is "
		    "cancelled" : "the clock looks right again");
		a->dirty = 1;
	}
}

/* How long the loop may sleep: until the clock's next second, or the
 * message line's fading; commits and input wake it sooner. */
static int
sleep_ms(struct app *a)
{
	int64_t now = counter_mono_ms();
	int64_t t = 1000 - counter_wall_now(&a->p) % 1000 + 5;

	if (a->p.msg_at != a->msg_at && a->p.msg_at + 4000 - now < t)
		t = a->p.msg_at + 4000 - now;
	if (!a->watching && t > POLL_MS)
		t = POLL_MS;
	return t < 1 ? 1 : t > 1000 ? 1000 : (int)t;
}

/* Everything that may change without an input event. */
static void
tick(struct app *a)
{
	int64_t now = counter_mono_ms(), sec;
	int force = now - a->last_force >= FORCE_MS;

	if (counter_poll(&a->p, force))
		a->dirty = 1;
	if (force)
		a->last_force = now;
	printer_news(a);
	log_warnings(a);
	sec = counter_wall_now(&a->p) / 1000;
	if (sec != a->last_sec) {        /* clock and "called ... ago" */
		a->last_sec = sec;
		a->dirty = 1;
	}
	if (a->p.msg_at != a->msg_at && now - a->p.msg_at >= 4000) {
		a->msg_at = a->p.msg_at;     /* the message line fades */
		a->dirty = 1;
	}
}

static void
redraw(struct app *a)
{
	relayout(a);
	if (a->pressed >= a->nb)
		a->pressed = -1;
	counter_draw(&a->u, &a->p, &a->l, a->b, a->nb, a->pressed);
	ui_present(&a->u);
	a->dirty = 0;
	app_trace(&a->args, "frame %lld %s", (long long)counter_mono_ms(),
	    a->p.me_found && a->p.me.has_current ? a->p.me.current.label : "-");
}

int
main(int argc, char **argv)
{
	static struct app app;   /* large: the office's status is in it */
	struct app *a = &app;
	const char *lang;
	int counter;
	config *cfg;
	char actor[Q_ACTOR_MAX];
	SDL_Event e;

	parse_args(&a->args, argc, argv, &counter, &lang);
	cfg = app_start(&a->args);
	counter_init(&a->p, config_db_path(cfg, a->args.db), counter,
	    i18n_parse(lang ? lang : config_str(cfg, "office", "language",
	    "id")), (int)config_int(cfg, "counter", "repeat_guard_ms",
	    GUARD_MS));
	open_window(a, cfg);
	say_database(&a->p);
	snprintf(actor, sizeof actor, "counter:%d", counter);
	a->wake = SDL_RegisterEvents(1);
	a->watching = a->wake != (Uint32)-1 && watch_start(&a->watch,
	    a->p.f.path, actor, a->wake, 5, 1) == 0;
	if (!a->watching)
		fprintf(stderr, "antri-counter %d: no watcher thread (%s); "
		    "polling\n", counter, SDL_GetError());
	a->p.printer = printwatch_start(&a->pw, cfg, 0) == 1;
	a->pressed = a->msg_at = -1;
	a->dirty = 1;
	a->last_force = counter_mono_ms();
	app_trace(&a->args, "start watcher=%s", a->watching ? "on" : "off");
	while (!a->quit) {
		if (SDL_WaitEventTimeout(&e, sleep_ms(a))) {
			do
				event(a, &e);
			while (!a->quit && SDL_PollEvent(&e));
		}
		tick(a);
		if (a->dirty)
			redraw(a);
	}
	if (a->watching)
		watch_stop(&a->watch);
	printwatch_stop(&a->pw);
	ui_close(&a->u);
	counter_fini(&a->p);
	config_free(cfg);
	app_end(&a->args);
	return 0;
}
