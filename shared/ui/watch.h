/* watch.h - a small thread that notices commits and wakes the main loop
 * of the display and of the counter panel.
 *
 * Start here for why an idle display or panel costs almost nothing.  Waking the
 * main loop every 5 ms costs SDL's X11 event pump about fifteen syscalls
 * each time, and 200 wake-ups a second cost ~0.8% of a core on their own.
 * This thread asks its own database follower (follow.h: PRAGMA
 * data_version, reopen when the file was replaced) on a connection of its
 * own and pushes one SDL user event when another program has
 * committed; the main loop sleeps in SDL_WaitEventTimeout until input, a
 * commit or an animation step.
 *
 * When to ask: inotify on the database's folder says that a writer
 * touched the database or its -wal.  That is only a hint (a commit
 * becomes visible through the -shm mapping, which raises no event, a
 * little after the WAL write), so each hint is followed by quick rechecks
 * 1, 2, 4 ... 64 ms later, and a slow poll every 250 ms catches anything
 * the hints missed.  Without inotify (or with hints 0, from
 * [display] poll = yes) it polls every poll_ms.  The thread
 * only watches: the main loop reads events and status itself, on its
 * own follower (display.c, counter.c).
 */
#ifndef ANTRI_UI_WATCH_H
#define ANTRI_UI_WATCH_H

#include <SDL.h>

struct watch {
	SDL_Thread *th;
	SDL_atomic_t stop;
	SDL_atomic_t posted;      /* 1 while an event waits for the main loop */
	Uint32 type;              /* SDL event type pushed on a change */
	int poll_ms;
	int hints;                /* 0: no inotify, plain polling */
	char path[1024];
	char actor[64];           /* the follower's, as in queue.h */
	SDL_atomic_t checks;      /* data_version checks made (for tests) */
	SDL_atomic_t replaced;    /* 1: the database file was replaced */
	SDL_atomic_t walgone;     /* 1: its -wal was removed (follow.h) */
};

/* Start watching the database at path, as actor ("display",
 * "counter:3"), every poll_ms ms (hints 1: woken
 * sooner by inotify, 0: plain polling); on a commit by
 * anyone (and when the database appears or fails) an SDL event of type
 * `type` is pushed, at most one at a time until watch_ack().  Returns 0,
 * or -1 if the thread cannot be started (SDL_GetError() says why). */
int watch_start(struct watch *w, const char *path, const char *actor,
                Uint32 type, int poll_ms, int hints);
/* The main loop took the event: the next change may post another.
 * Returns 1 if the database file was deleted, created or renamed since
 * the last ack: the caller must reopen its own connection. */
int watch_ack(struct watch *w);
/* 1 if the thread's follower found the database's -wal removed since the
 * last call (it saved and reopened its own handle): the main loop's
 * handle must look at once too (follow_check_wal_soon). */
int watch_walgone(struct watch *w);
/* Stop and join the thread.  Safe on a watch that never started. */
void watch_stop(struct watch *w);

#endif
