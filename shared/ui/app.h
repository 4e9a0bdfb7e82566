/* app.h - what the three SDL programs (antri-kiosk, antri-display,
 * antri-counter) share at start-up: the common command-line options, the
 * config, the window, and the test trace.
 *
 * Start at struct app_desc: a program describes itself (its name, its
 * usage text, its own options, its smallest window), then its main()
 * calls app_parse(), app_start() and app_window() in that order.  The
 * options every program has, with one meaning everywhere:
 *
 *   --config FILE    the config file (config.h says where it is otherwise)
 *   --db FILE        the database, over [office] db
 *   --windowed WxH   a window of that size instead of the full screen
 *   --renderer R     auto, software or accelerated, over [ui] renderer
 *   --trace FILE     test hook: the program writes one line per thing it
 *                    did (a frame, a press, a sound) into FILE
 *   -h, --help       the usage on stdout, exit 0
 *
 * "--name VALUE" and "--name=VALUE" are both taken.  A bad command line
 * (an unknown option, a missing or bad value) prints the reason and the
 * usage on stderr and exits 2 before anything is opened.  Nothing comes
 * from the environment.
 */
#ifndef ANTRI_APP_H
#define ANTRI_APP_H

#include <stdio.h>

#include "config.h"
#include "ui.h"

/* One option of a program's own: a value (value set) or a flag (flag set
 * to 1).  A list of them ends with a NULL name. */
struct app_opt {
	const char *name;            /* "--kiosk-id" */
	const char **value;          /* gets the value's text, or NULL */
	int *flag;                   /* gets 1, for an option without value */
};

struct app_desc {
	const char *prog;            /* "antri-kiosk": messages start with it */
	const char *usage;           /* the whole usage text, ending in \n */
	int min_w, min_h;            /* the smallest --windowed */
	/* windowed by default at this size (0: full screen by default;
	 * "--fullscreen" is then an option of the program's own) */
	int def_w, def_h;
	const struct app_opt *opts;  /* the program's own, or NULL */
};

struct app_args {
	const struct app_desc *d;
	const char *config, *db, *trace_path;
	int fullscreen;              /* 0: a window of w x h */
	int w, h;
	FILE *trace;                 /* open after app_start() with --trace */
};

/* Read the command line into a (the common options) and into d's own
 * options.  --help prints d->usage on stdout and exits 0; anything bad
 * exits 2 (app_bad_arg).  Nothing is opened. */
void app_parse(struct app_args *a, const struct app_desc *d, int argc,
               char **argv);
/* A bad argument found by the program itself: "PROG: reason", the usage,
 * on stderr; exit 2. */
void app_bad_arg(const struct app_args *a, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/* "WxH" with min_w <= W <= 16384 and min_h <= H <= 16384 into *w, *h:
 * 0, or -1 (nothing written) for anything else. */
int app_parse_size(const char *s, int min_w, int min_h, int *w, int *h);
/* A whole number lo..hi, or app_bad_arg() naming what. */
long app_number(const struct app_args *a, const char *s, long lo, long hi,
                const char *what);

/* Load the config (--config, or where config.h looks) and open the
 * --trace file.  Dies (exit 1) with the reason when either fails.  The
 * caller frees the config with config_free(). */
config *app_start(struct app_args *a);

/* Open the program's window into u: full screen at the desktop's size
 * (without a window manager -- a bare X server, cage, Xvfb -- SDL's
 * "fullscreen desktop" alone leaves a default-sized window), the mouse
 * pointer hidden; or a w x h window.  Dies (exit 1) when no window can be
 * opened. */
void app_window(struct app_args *a, struct ui *u, const char *title,
                const config *cfg);

/* One line into the --trace file, flushed (nothing without --trace).
 * The format has no newline: app_trace adds it. */
void app_trace(const struct app_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Close the --trace file. */
void app_end(struct app_args *a);

#endif
