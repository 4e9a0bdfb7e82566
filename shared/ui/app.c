/* app.c - the three SDL programs' start-up: see app.h.  Start at
 * app_parse(). */
#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
app_bad_arg(const struct app_args *a, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", a->d->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", a->d->usage);
	exit(2);
}

int
app_parse_size(const char *s, int min_w, int min_h, int *w, int *h)
{
	char *end;
	long x, y;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtol(s, &end, 10);
	if (*end != 'x' || end[1] < '0' || end[1] > '9')
		return -1;
	y = strtol(end + 1, &end, 10);
	if (*end || errno || x < min_w || y < min_h || x > 16384 || y > 16384)
		return -1;
	*w = (int)x;
	*h = (int)y;
	return 0;
}

long
app_number(const struct app_args *a, const char *s, long lo, long hi,
           const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < lo || v > hi)
		app_bad_arg(a, "%s must be a number from %ld to %ld, not '%s'",
		    what, lo, hi, s ? s : "");
	return v;
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]: 1 and the value in *v,
 * 0 when argv[*i] is not this option. */
static int
take(const struct app_args *a, int argc, char **argv, int *i,
     const char *name, const char **v)
{
	size_t n = strlen(name);

	if (!strcmp(argv[*i], name)) {
		if (*i + 1 >= argc)
			app_bad_arg(a, "%s needs a value", name);
		*v = argv[++*i];
		return 1;
	}
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=') {
		*v = argv[*i] + n + 1;
		return 1;
	}
	return 0;
}

/* The program's own option at argv[*i]: 1 when it was one. */
static int
own(const struct app_args *a, int argc, char **argv, int *i)
{
	for (const struct app_opt *o = a->d->opts; o && o->name; o++) {
		if (o->flag) {
			if (strcmp(argv[*i], o->name))
				continue;
			*o->flag = 1;
			return 1;
		}
		if (take(a, argc, argv, i, o->name, o->value))
			return 1;
	}
	return 0;
}

void
app_parse(struct app_args *a, const struct app_desc *d, int argc,
          char **argv)
{
	const char *v;

	memset(a, 0, sizeof *a);
	a->d = d;
	a->fullscreen = !(d->def_w > 0 && d->def_h > 0);
	a->w = d->def_w;
	a->h = d->def_h;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(d->usage, stdout);     /* asked for: no error */
			exit(0);
		} else if (take(a, argc, argv, &i, "--config", &v))
			a->config = v;
		else if (take(a, argc, argv, &i, "--db", &v))
			a->db = v;
		else if (take(a, argc, argv, &i, "--trace", &v)) {
			if (!*v)
				app_bad_arg(a, "--trace needs a file name");
			a->trace_path = v;
		} else if (take(a, argc, argv, &i, "--renderer", &v)) {
			if (ui_set_renderer(v))
				app_bad_arg(a, "--renderer must be auto, software "
				    "or accelerated, not '%s'", v);
		} else if (take(a, argc, argv, &i, "--windowed", &v)) {
			if (app_parse_size(v, d->min_w, d->min_h, &a->w, &a->h))
				app_bad_arg(a, "--windowed wants WIDTHxHEIGHT, "
				    "at least %dx%d and at most 16384x16384, "
				    "not '%s'", d->min_w, d->min_h, v);
			a->fullscreen = 0;
		} else if (!own(a, argc, argv, &i))
			app_bad_arg(a, "unknown argument '%s'", argv[i]);
	}
}

config *
app_start(struct app_args *a)
{
	config *cfg = NULL;
	char err[512];

	if (config_load(&cfg, a->config, err, sizeof err))
		die("%s: %s", a->d->prog, err);
	if (a->trace_path && !(a->trace = fopen(a->trace_path, "w")))
		die("%s: cannot write %s:", a->d->prog, a->trace_path);
	return cfg;
}

void
app_window(struct app_args *a, struct ui *u, const char *title,
           const config *cfg)
{
	char err[512];

	/* video stays initialised (as the kiosk always had it): with a quit
	 * and a second start here the kiosk under Xvfb was seen to miss the
	 * taps of its first second */
	if (a->fullscreen && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
		SDL_DisplayMode m;

		if (SDL_GetDesktopDisplayMode(0, &m) == 0) {
			a->w = m.w;
			a->h = m.h;
		}
	}
	if (ui_open(u, title, a->fullscreen, a->w, a->h, cfg, err, sizeof err))
		die("%s: %s", a->d->prog, err);
	if (a->fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
}

void
app_trace(const struct app_args *a, const char *fmt, ...)
{
	va_list ap;

	if (!a->trace)
		return;
	va_start(ap, fmt);
	vfprintf(a->trace, fmt, ap);
	va_end(ap);
	fputc('\n', a->trace);
	fflush(a->trace);
}

void
app_end(struct app_args *a)
{
	if (a->trace)
		fclose(a->trace);
	a->trace = NULL;
}
