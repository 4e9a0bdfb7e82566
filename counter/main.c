/* main.c - antri-counter, the counter staff's panel: start-up and the
 * event loop.
 *
 * Start at main(): arguments, config, the window, then the loop.  The loop
 * waits for input at most POLL_MS, asks counter_poll() whether another
 * program changed the queue and the printer watch (printwatch.h) whether
 * the printer's state changed, and redraws only when something changed or
 * the clock ticked.  Keys and taps become counter_act() calls; each result
 * is shown on the message line and logged on stdout.
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
#include "ui.h"

#define POLL_MS 100          /* how often another program's change is seen */
#define FORCE_MS 5000        /* re-read everything at least this often */
#define GUARD_MS 500         /* default [counter] repeat_guard_ms */

static const char USAGE[] =
    "usage: antri-counter --counter N [--config FILE] [--db FILE] "
    "[--lang id|en]\n"
    "                     [--windowed WxH | --fullscreen]\n"
    "                     [--renderer auto|software|accelerated]\n"
    "Keys: N or keypad Enter next, R recall, D done, X no-show,\n"
    "      T then a service letter transfer (Esc cancels), P pause/resume,\n"
    "      F11 full screen, Ctrl+Q quit.\n";

/* A bad argument: the reason and the usage on stderr, exit 2. */
static void
usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "antri-counter: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", USAGE);
	exit(2);
}

static long
number(const char *s, long lo, long hi, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < lo || v > hi)
		usage("%s must be a number from %ld to %ld, not '%s'", what, lo,
		    hi, s ? s : "");
	return v;
}

struct args {
	int counter;
	const char *config, *db, *lang;
	int fullscreen, w, h;
};

/* "--name VALUE" or "--name=VALUE" at argv[*i]; NULL if not this name. */
static const char *
opt(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (!strcmp(argv[*i], name)) {
		if (*i + 1 >= argc)
			usage("%s needs a value", name);
		return argv[++*i];
	}
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	return NULL;
}

static void
parse_args(struct args *a, int argc, char **argv)
{
	const char *v;

	memset(a, 0, sizeof *a);
	a->w = 640;
	a->h = 400;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(USAGE, stdout);        /* asked for: not an error */
			exit(0);
		}
		else if ((v = opt(argc, argv, &i, "--counter")))
			a->counter = (int)number(v, 1, 9999, "--counter");
		else if ((v = opt(argc, argv, &i, "--config")))
			a->config = v;
		else if ((v = opt(argc, argv, &i, "--db")))
			a->db = v;
		else if ((v = opt(argc, argv, &i, "--lang"))) {
			if (strcmp(v, "id") && strcmp(v, "en"))
				usage("--lang must be id or en, not '%s'", v);
			a->lang = v;
		} else if ((v = opt(argc, argv, &i, "--windowed"))) {
			char *x = strchr(v, 'x');
			char wbuf[16];

			if (!x || x == v || (size_t)(x - v) >= sizeof wbuf)
				usage("--windowed wants WIDTHxHEIGHT, not '%s'",
				    v);
			memcpy(wbuf, v, (size_t)(x - v));
			wbuf[x - v] = 0;
			a->w = (int)number(wbuf, 160, 16384, "window width");
			a->h = (int)number(x + 1, 120, 16384, "window height");
			a->fullscreen = 0;
		} else if ((v = opt(argc, argv, &i, "--renderer"))) {
			if (ui_set_renderer(v))
				usage("--renderer must be auto, software or "
				    "accelerated, not '%s'", v);
		} else if (!strcmp(argv[i], "--fullscreen"))
			a->fullscreen = 1;
		else
			usage("unknown argument '%s'", argv[i]);
	}
	if (!a->counter)
		usage("--counter N is required");
}

struct app {
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
		break;
	}
}

/* The window: full screen at the desktop's size (so that it fills the
 * screen even where no window manager resizes it), or windowed. */
static void
open_window(struct app *a, struct args *args, const config *cfg)
{
	char err[512], title[64];

	snprintf(title, sizeof title, "%s %d · antri-counter",
	    tr(a->p.lang, "Loket", "Counter"), args->counter);
	if (args->fullscreen && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
		SDL_DisplayMode m;

		if (SDL_GetDesktopDisplayMode(0, &m) == 0) {
			args->w = m.w;
			args->h = m.h;
		}
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
	}
	if (ui_open(&a->u, title, args->fullscreen, args->w, args->h, cfg, err,
	    sizeof err)) {
		counter_fini(&a->p);
		die("antri-counter: %s", err);
	}
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
}

int
main(int argc, char **argv)
{
	static struct app app;   /* large: the office's status is in it */
	struct app *a = &app;
	struct args args;
	config *cfg = NULL;
	char err[512];
	SDL_Event e;

	parse_args(&args, argc, argv);
	if (config_load(&cfg, args.config, err, sizeof err))
		die("antri-counter: %s", err);
	counter_init(&a->p, config_db_path(cfg, args.db), args.counter,
	    i18n_parse(args.lang ? args.lang : config_str(cfg, "office",
	    "language", "id")), (int)config_int(cfg, "counter",
	    "repeat_guard_ms", GUARD_MS));
	open_window(a, &args, cfg);
	say_database(&a->p);
	a->p.printer = printwatch_start(&a->pw, cfg, 0) == 1;
	a->pressed = a->msg_at = -1;
	a->dirty = 1;
	a->last_force = counter_mono_ms();
	while (!a->quit) {
		if (SDL_WaitEventTimeout(&e, POLL_MS)) {
			do
				event(a, &e);
			while (!a->quit && SDL_PollEvent(&e));
		}
		tick(a);
		if (a->dirty)
			redraw(a);
	}
	printwatch_stop(&a->pw);
	ui_close(&a->u);
	counter_fini(&a->p);
	config_free(cfg);
	return 0;
}
