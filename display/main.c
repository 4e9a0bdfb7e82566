/* main.c - antri-display: the room's TV.  Start reading here.
 *
 *   antri-display [--config F] [--db F] [--windowed WxH] [--renderer R]
 *                 [--trace F] [--scene F]
 *
 * One loop: sleep in SDL_WaitEventTimeout until input, a commit (the
 * watcher thread of shared/ui/watch.c notices it through an inotify hint and
 * PRAGMA data_version, and wakes us) or the next animation step; then
 * read what changed (display.c), queue announcements for new calls
 * (announce.c), and redraw (draw.c) only when something changed or
 * animates (highlight flash, a notice too long to stand still, the
 * clock's minute).  The big box shows a call when its announcement
 * starts (display.c's state), so calls made together are seen as they
 * are heard.
 *
 * The options, the window and the --trace file are shared/ui/app.c's,
 * the same for the three SDL programs.
 *
 * Test and benchmark hooks, options (nothing from the environment):
 *   --scene FILE  every frame's texts and rectangles (draw.h)
 *   --trace FILE  "start ..." with the audio and the voice folder,
 *                     "announce ..." per event with its clips ("repeat
 *                     ..." when said again), "present
 *                     ..." with the event's ts_ms and the wall time of the
 *                     first present that shows it, "audio idle" when the
 *                     queued sound has played.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "announce.h"
#include "app.h"
#include "draw.h"
#include "config.h"
#include "display.h"
#include "i18n.h"
#include "queue.h"
#include "ui.h"
#include "watch.h"

#define POLL_MS 5
#define SCROLL_FRAME_MS 33
#define MAX_PENDING 64
#define WAL_NOTE_MS (15 * 60 * 1000)  /* the staff line of a removed -wal */

struct app {
	struct ui ui;
	struct draw board;
	struct display_feed feed;
	struct announcer ann;
	config *cfg;
	enum lang lang;
	struct app_args args;      /* the command line, the --trace file */
	struct display_state state;  /* the big box, calls to say again */
	struct draw_view view;
	int64_t trace_ts[MAX_PENDING];  /* calls to log at next present */
	char trace_lab[MAX_PENDING][Q_LABEL_MAX];
	int trace_cnt[MAX_PENDING];
	int ntrace;
	int audio_busy;
	struct watch watch;        /* commit watcher thread */
	Uint32 wake;               /* its SDL event type */
	int watching;
	int dirty;                 /* the picture must be drawn anew */
	int voice_missing;         /* clips not found: said on the screen */
	int minute;                /* of the clock last drawn */
	int64_t last_scroll;       /* monotonic ms of the last scroll frame */
	int64_t wal_mono;          /* when a removed -wal was noticed, 0 never */
	char wal_hhmm[8];          /* ... on the wall clock */
	int clock_wrong;           /* as last logged */
	char staff[1024];          /* the staff's line under the office */
};


static const char USAGE[] =
    "usage: antri-display [--config FILE] [--db FILE] [--windowed WxH]\n"
    "                     [--renderer auto|software|accelerated]\n"
    "                     [--trace FILE] [--scene FILE]\n"
    "The room's screen: calls, counters, room occupancy, voice.\n"
    "--trace and --scene write what it announced and drew (tests).\n"
    "Esc or q quits.\n";

static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
mono_ms(void)
{
	return (int64_t)SDL_GetTicks64();
}

/* Remember a call for the trace's "present" line. */
static void
trace_call(struct app *a, const struct q_event_rec *e)
{
	if (!a->args.trace || a->ntrace == MAX_PENDING)
		return;
	a->trace_ts[a->ntrace] = e->ts_ms;
	snprintf(a->trace_lab[a->ntrace], Q_LABEL_MAX, "%s", e->label);
	a->trace_cnt[a->ntrace] = e->counter;
	a->ntrace++;
}

/* "announce KIND LABEL COUNTER TS clips=..." (or "repeat ...") */
static void
trace_announce(struct app *a, const char *what, const struct q_event_rec *e)
{
	char names[ANN_MAX_CLIPS][ANN_NAME_MAX], clips[512];
	int n = announce_clips(e->kind, e->label, e->counter, names,
	    ANN_MAX_CLIPS);
	size_t len = 0;

	clips[0] = 0;
	for (int i = 0; i < n && len < sizeof clips; i++)
		len += (size_t)snprintf(clips + len, sizeof clips - len, "%s%s",
		    i ? "," : "", names[i]);
	app_trace(&a->args, "%s %s %s %d %lld clips=%s", what,
	    q_event_name(e->kind), e->label, e->counter, (long long)e->ts_ms,
	    clips);
}

/* Queue the sound of e; missing clips are said on stderr and screen. */
static void
say(struct app *a, const struct q_event_rec *e)
{
	char missing[512];

	if (announce_event(&a->ann, e, missing, sizeof missing) > 0)
		a->audio_busy = 1;
	if (missing[0]) {
		fprintf(stderr, "antri-display: voice clip missing, skipped: "
		    "%s\n", missing);
		if (!a->voice_missing)
			a->dirty = 1;
		a->voice_missing = 1;
	}
}

static void
handle_event(struct app *a, const struct q_event_rec *e, int64_t now)
{
	int ahead = announce_pending_ms(&a->ann);

	if (a->args.trace)
		trace_announce(a, "announce", e);
	say(a, e);
	if (e->kind != QE_CALLED && e->kind != QE_RECALLED)
		return;
	display_state_call(&a->state, e, now, ahead,
	    announce_pending_ms(&a->ann));
	trace_call(a, e);
}

/* Say the calls whose repeat is due. */
static void
tick_repeat(struct app *a, int64_t now)
{
	struct q_event_rec ev[8];
	int n = display_state_repeats(&a->state, now, a->feed.connected ?
	    &a->feed.st : NULL, ev, 8);

	for (int i = 0; i < n; i++) {
		if (a->args.trace)
			trace_announce(a, "repeat", &ev[i]);
		say(a, &ev[i]);
	}
}

static void
trace_present(struct app *a)
{
	int64_t w;

	if (!a->args.trace || !a->ntrace)
		return;
	w = wall_ms();
	for (int i = 0; i < a->ntrace; i++)
		app_trace(&a->args, "present %s %d ts_ms=%lld present_ms=%lld "
		    "latency_ms=%lld", a->trace_lab[i], a->trace_cnt[i],
		    (long long)a->trace_ts[i], (long long)w,
		    (long long)(w - a->trace_ts[i]));
	a->ntrace = 0;
}

/* Advance the big box; 1 when the picture must change. */
static int
tick_highlight(struct app *a, int64_t now)
{
	struct draw_view *v = &a->view;
	const struct display_box *b = &a->state.box;

	if (!display_state_tick(&a->state, now, a->feed.connected ?
	    &a->feed.st : NULL))
		return 0;
	snprintf(v->hl_label, sizeof v->hl_label, "%s", b->label);
	v->hl_counter = b->counter;
	v->hl_active = b->active;
	v->flash_on = b->flash_on;
	return 1;
}

static void
setup(struct app *a, int argc, char **argv)
{
	const char *scene = NULL;
	const struct app_opt own[] = {
		{ "--scene", &scene, NULL },
		{ NULL, NULL, NULL },
	};
	const struct app_desc desc = { "antri-display", USAGE, 160, 120, 0, 0,
		own };
	char dirs[512];
	size_t n = 0;

	app_parse(&a->args, &desc, argc, argv);
	a->cfg = app_start(&a->args);
	a->lang = i18n_parse(config_str(a->cfg, "office", "language", "id"));
	display_state_init(&a->state, (int)config_int(a->cfg, "display",
	    "highlight_s", 8) * 1000, (int)config_int(a->cfg, "display",
	    "repeat_after", 0) * 1000);
	display_init(&a->feed, config_db_path(a->cfg, a->args.db));
	if (scene && !(a->board.scene = fopen(scene, "w")))
		die("antri-display: cannot write %s: %s", scene,
		    strerror(errno));
	app_window(&a->args, &a->ui, "antri-display", a->cfg);
	if (announce_open(&a->ann, config_bool(a->cfg, "display", "voice", 1),
	    config_str(a->cfg, "display", "voice_language",
	    i18n_code(a->lang)), config_str(a->cfg, "display", "voice_dir",
	    NULL)) != 0)
		fprintf(stderr, "antri-display: silent: %s\n", a->ann.snd.why);
	if (a->ann.snd.dev && !a->ann.found[0]) {
		dirs[0] = 0;
		for (int i = 0; i < ANN_DIRS && n < sizeof dirs; i++)
			if (a->ann.dirs.voice[i][0])
				n += (size_t)snprintf(dirs + n, sizeof dirs - n,
				    "%s%s", n ? ", " : "", a->ann.dirs.voice[i]);
		fprintf(stderr, "antri-display: no voice clips in %s%s\n", dirs,
		    config_str(a->cfg, "display", "voice_dir", NULL) ? "" :
		    " ([display] voice_dir unset)");
		a->voice_missing = 1;
	}
	app_trace(&a->args, "start audio=%s renderer=%s voice=%s",
	    a->ann.snd.dev ? "on" : "off", a->ui.software ? "software" :
	    "accelerated", a->ann.found[0] ? a->ann.found : "-");
}

/* How long the loop may sleep before something must be redrawn or
 * checked, in ms (commits and input wake it earlier). */
static int
sleep_ms(struct app *a, int64_t now)
{
	int64_t t = 60000 - a->view.wall_ms % 60000 + 5;   /* the clock */

#define AT_MOST(x) do { if ((x) < t) t = (x); } while (0)
	t = display_state_wait(&a->state, now, t);
	if (a->board.notice_scrolls)
		AT_MOST(SCROLL_FRAME_MS);
	if (a->audio_busy)
		AT_MOST(100);
	if (!a->feed.connected)
		AT_MOST(display_retry_at(&a->feed) - now);
	if (a->feed.more || !a->watching)
		AT_MOST(POLL_MS);
#undef AT_MOST
	return t < 1 ? 1 : t > 60000 ? 60000 : (int)t;
}

/* The -wal was removed and what we held of it saved (follow.h): one log
 * line and a staff line for WAL_NOTE_MS.  The watcher's handle and ours
 * both notice it; said once. */
static void
note_walgone(struct app *a)
{
	int64_t now = mono_ms();
	time_t t = (time_t)(wall_ms() / 1000);
	struct tm tm;

	if (a->wal_mono && now - a->wal_mono < 5000)
		return;
	a->wal_mono = now ? now : 1;
	if (!localtime_r(&t, &tm) || !strftime(a->wal_hhmm, sizeof a->wal_hhmm,
	    "%H:%M", &tm))
		snprintf(a->wal_hhmm, sizeof a->wal_hhmm, "?");
	fprintf(stderr, "antri-display: the database's -wal file (%s-wal) was "
	    "removed; what this program held of it is saved in the database; "
	    "reopened\n", a->feed.fw.path);
	a->dirty = 1;
}

/* The clock looks wrong (q_status.clock_wrong, docs/time.md): logged when
 * it starts and ends. */
static void
note_clock(struct app *a)
{
	int wrong = a->feed.connected && a->feed.st.clock_wrong;

	if (wrong == a->clock_wrong)
		return;
	a->clock_wrong = wrong;
	if (wrong)
		fprintf(stderr, "antri-display: the clock looks wrong (ahead of "
		    "the events' time line, see docs/time.md): the business "
		    "day is kept, nothing is cancelled\n");
	else
		fprintf(stderr, "antri-display: the clock looks right again\n");
	a->dirty = 1;
}

/* The staff's line: the clock, a removed -wal ("" when all is well). */
static const char *
staff_line(struct app *a, int64_t now)
{
	char wal[512];
	size_t n;

	a->staff[0] = 0;
	if (a->clock_wrong)
		snprintf(a->staff, sizeof a->staff, "%s",
		    i18n_clock_wrong(a->lang));
	if (a->wal_mono && now - a->wal_mono < WAL_NOTE_MS) {
		n = strlen(a->staff);
		snprintf(a->staff + n, sizeof a->staff - n, "%s%s", n ?
		    "  ·  " : "", i18n_wal_removed(a->lang, a->wal_hhmm, wal,
		    sizeof wal));
	}
	return a->staff;
}

/* One SDL event; returns 0 to quit. */
static int
on_event(struct app *a, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:
		return 0;
	case SDL_KEYDOWN:
		return e->key.keysym.sym != SDLK_ESCAPE &&
		    e->key.keysym.sym != SDLK_q;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		a->dirty = 1;
		return 1;
	case SDL_WINDOWEVENT:
		ui_resize(&a->ui);
		a->dirty = 1;
		return 1;
	}
	if (a->watching && e->type == a->wake) {
		/* the watcher's handle found the -wal removed: ours at once */
		if (watch_walgone(&a->watch)) {
			note_walgone(a);
			follow_check_wal_soon(&a->feed.fw);
		}
		/* a new file: start over; a missing one may be there now */
		if (watch_ack(&a->watch) || !a->feed.connected) {
			display_reopen(&a->feed);
			a->dirty = 1;
		}
	}
	return 1;
}

/* Sleep until input, a commit or the next animation step, then take
 * every event that is there.  Returns 0 to quit. */
static int
wait_events(struct app *a, int64_t now)
{
	SDL_Event e;
	int running = 1;

	if (!SDL_WaitEventTimeout(&e, sleep_ms(a, now)))
		return 1;
	do
		running &= on_event(a, &e);
	while (SDL_PollEvent(&e));
	return running;
}

/* What the database says: new calls to announce, a new status. */
static void
follow_queue_state(struct app *a, int64_t now)
{
	struct q_event_rec ev[DISPLAY_MAX_NEW];
	int m, n;

	if ((m = display_poll(&a->feed, now, ev, &n)))
		a->dirty = 1;
	if (m & DISPLAY_WALGONE)
		note_walgone(a);
	note_clock(a);
	if ((m & DISPLAY_STATE) && a->feed.connected) {
		/* (re)connected, perhaps to a new file: the big box shows
		 * that database's newest call */
		display_state_reset(&a->state);
	}
	for (int i = 0; i < n; i++)
		handle_event(a, &ev[i], now);
}

/* The clock's minute, and the sound that finished playing. */
static void
tick(struct app *a)
{
	int mi;

	a->view.wall_ms = wall_ms();
	mi = (int)(a->view.wall_ms / 60000);
	if (mi != a->minute) {
		a->minute = mi;
		display_refresh(&a->feed);
		note_clock(a);
		a->dirty = 1;
	}
	if (a->audio_busy && announce_idle(&a->ann)) {
		a->audio_busy = 0;
		app_trace(&a->args, "audio idle");
	}
}

/* Draw and present when something changed or the notice scrolls. */
static void
render(struct app *a, int64_t now)
{
	int scroll = a->board.notice_scrolls && now - a->last_scroll >=
	    SCROLL_FRAME_MS;

	if (!a->dirty && !scroll)
		return;
	a->view.st = a->feed.connected ? &a->feed.st : NULL;
	a->view.wait_reason = a->feed.err;
	a->view.voice_missing = a->voice_missing;
	a->view.staff = staff_line(a, now);
	a->view.anim_ms = now;
	a->last_scroll = now;
	draw_frame(&a->board, &a->ui, &a->view, a->dirty);
	ui_present(&a->ui);
	trace_present(a);
	if (a->dirty)
		draw_trim_cache(&a->board, &a->ui);
	a->dirty = 0;
}

static void
teardown(struct app *a)
{
	if (a->watching)
		watch_stop(&a->watch);
	announce_close(&a->ann);
	display_close(&a->feed);
	draw_free(&a->board);
	ui_close(&a->ui);
	config_free(a->cfg);
	if (a->board.scene)
		fclose(a->board.scene);
	app_end(&a->args);
	SDL_Quit();
}

int
main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	int64_t now = 0;

	setup(a, argc, argv);
	a->view.lang = a->lang;
	a->dirty = 1;
	a->minute = -1;
	a->wake = SDL_RegisterEvents(1);
	a->watching = a->wake != (Uint32)-1 && watch_start(&a->watch,
	    a->feed.fw.path, "display", a->wake, POLL_MS, !config_bool(a->cfg, "display",
	    "poll", 0)) == 0;
	if (!a->watching)
		fprintf(stderr, "antri-display: no watcher thread (%s); "
		    "polling from the main loop\n", SDL_GetError());
	while (wait_events(a, now)) {
		now = mono_ms();
		follow_queue_state(a, now);
		if (tick_highlight(a, now))
			a->dirty = 1;
		tick_repeat(a, now);
		tick(a);
		render(a, now);
	}
	teardown(a);
	return 0;
}
