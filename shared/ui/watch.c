/* watch.c - the commit watcher thread: see watch.h.  Start at run(). */
#define _POSIX_C_SOURCE 200809L
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "follow.h"

#define SLOW_POLL_MS 250
#define NQUICK 7

static const int quick_ms[NQUICK] = { 1, 2, 4, 8, 16, 32, 64 };

static void
post(struct watch *w)
{
	SDL_Event e;

	if (!SDL_AtomicCAS(&w->posted, 0, 1))
		return;               /* one is already waiting */
	SDL_zero(e);
	e.type = w->type;
	if (SDL_PushEvent(&e) != 1)
		SDL_AtomicSet(&w->posted, 0);
}

/* inotify on the folder of path; -1 when not available. */
static int
hint_open(const char *path, int hints, char *base, size_t blen)
{
	char dir[1024];
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash) {
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
		if (!dir[0])
			snprintf(dir, sizeof dir, "/");
		snprintf(base, blen, "%s", slash + 1);
	} else {
		snprintf(dir, sizeof dir, ".");
		snprintf(base, blen, "%s", path);
	}
	/* [display] poll = yes: plain polling (tests the fallback) */
	if (!hints)
		return -1;
	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return -1;
	if (inotify_add_watch(fd, dir, IN_MODIFY | IN_CREATE | IN_MOVED_TO |
	    IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Drain the inotify queue: HINT_TOUCHED if an event named the database's
 * files, | HINT_REPLACED if the database file itself was deleted,
 * created or renamed (a connection to the old file would never see the
 * new one's commits). */
enum { HINT_TOUCHED = 1, HINT_REPLACED = 2 };

static int
hint_read(int fd, const char *base)
{
	_Alignas(struct inotify_event) char buf[4096];
	size_t bl = strlen(base);
	int hit = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			if (ev->len && !strncmp(ev->name, base, bl))
				hit |= HINT_TOUCHED;
			if (ev->len && !strcmp(ev->name, base) && ev->mask &
			    (IN_CREATE | IN_DELETE | IN_MOVED_TO |
			    IN_MOVED_FROM))
				hit |= HINT_REPLACED;
			p += sizeof *ev + ev->len;
		}
	}
	return hit;
}

/* Wait for the next moment to look: an inotify hint, or the time of the
 * next quick recheck or slow poll.  Returns the hint bits (0: timeout). */
static int
wait_hint(struct watch *w, int fd, const char *base, int *quick)
{
	int wait = fd < 0 ? w->poll_ms : *quick < NQUICK ? quick_ms[*quick] :
	    SLOW_POLL_MS, hint = 0;
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (fd < 0) {
		SDL_Delay((Uint32)wait);
		return 0;
	}
	if (poll(&pfd, 1, wait) > 0)
		hint = hint_read(fd, base);
	if (hint)
		*quick = 0;               /* a writer: look closely */
	else if (*quick < NQUICK)
		(*quick)++;
	return hint;
}

static int
run(void *arg)
{
	struct watch *w = arg;
	struct follow fw;
	char base[1024];
	int fd = hint_open(w->path, w->hints, base, sizeof base), quick = NQUICK;
	int m;

	follow_init(&fw, w->path, w->actor, 0);
	while (!SDL_AtomicGet(&w->stop)) {
		int hint = wait_hint(w, fd, base, &quick);

		if (hint & HINT_REPLACED) {
			/* both connections must open the new file */
			follow_close(&fw);
			fw.retry_at = 0;
			SDL_AtomicSet(&w->replaced, 1);
			post(w);
		} else if (hint && !follow_queue(&fw)) {
			fw.retry_at = 0;  /* something moved: try it now */
		}
		if (follow_queue(&fw))
			SDL_AtomicAdd(&w->checks, 1);
		/* a commit, the database back or lost: the main loop looks */
		m = follow_poll(&fw, (int64_t)SDL_GetTicks64());
		if (m & FOLLOW_WALGONE)
			SDL_AtomicSet(&w->walgone, 1);
		if (m)
			post(w);
	}
	follow_close(&fw);
	if (fd >= 0)
		close(fd);
	return 0;
}

int
watch_start(struct watch *w, const char *path, const char *actor,
            Uint32 type, int poll_ms, int hints)
{
	memset(w, 0, sizeof *w);
	snprintf(w->path, sizeof w->path, "%s", path);
	snprintf(w->actor, sizeof w->actor, "%s", actor);
	w->type = type;
	w->poll_ms = poll_ms > 0 ? poll_ms : 5;
	w->hints = hints;
	w->th = SDL_CreateThread(run, "antri-watch", w);
	return w->th ? 0 : -1;
}

int
watch_ack(struct watch *w)
{
	SDL_AtomicSet(&w->posted, 0);
	return SDL_AtomicSet(&w->replaced, 0) != 0;
}

int
watch_walgone(struct watch *w)
{
	return SDL_AtomicSet(&w->walgone, 0) != 0;
}

void
watch_stop(struct watch *w)
{
	if (!w->th)
		return;
	SDL_AtomicSet(&w->stop, 1);
	SDL_WaitThread(w->th, NULL);
	w->th = NULL;
}
