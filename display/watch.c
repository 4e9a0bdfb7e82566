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

#include "queue.h"

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
hint_open(const char *path, char *base, size_t blen)
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
	/* ANTRI_DISPLAY_POLL=1: plain polling (tests the fallback) */
	if (getenv("ANTRI_DISPLAY_POLL") && *getenv("ANTRI_DISPLAY_POLL"))
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

static int
run(void *arg)
{
	struct watch *w = arg;
	queue *q = NULL;
	char base[1024];
	int fd = hint_open(w->path, base, sizeof base), quick = NQUICK, rc;

	while (!SDL_AtomicGet(&w->stop)) {
		int wait = fd < 0 ? w->poll_ms : quick < NQUICK ?
		    quick_ms[quick] : SLOW_POLL_MS;

		if (fd >= 0) {
			struct pollfd pfd = { fd, POLLIN, 0 };

			int hint = 0;

			rc = poll(&pfd, 1, wait);
			if (rc > 0)
				hint = hint_read(fd, base);
			if (hint & HINT_REPLACED) {
				/* both connections must open the new file */
				if (q)
					queue_close(q);
				q = NULL;
				SDL_AtomicSet(&w->replaced, 1);
				post(w);
			}
			if (hint)
				quick = 0;         /* a writer: look closely */
			else if (quick < NQUICK)
				quick++;
		} else {
			SDL_Delay((Uint32)wait);
		}
		if (!q) {
			if (queue_open(&q, w->path, 0, "display") != Q_OK) {
				q = NULL;
				continue;
			}
			queue_changed(q);
			post(w);      /* it is there (again): look */
		}
		SDL_AtomicAdd(&w->checks, 1);
		rc = queue_changed(q);
		if (rc > 0) {
			post(w);
		} else if (rc < 0 && rc != Q_EBUSY) {
			queue_close(q);
			q = NULL;
			post(w);
		}
	}
	if (q)
		queue_close(q);
	if (fd >= 0)
		close(fd);
	return 0;
}

int
watch_start(struct watch *w, const char *path, Uint32 type, int poll_ms)
{
	memset(w, 0, sizeof *w);
	snprintf(w->path, sizeof w->path, "%s", path);
	w->type = type;
	w->poll_ms = poll_ms > 0 ? poll_ms : 5;
	w->th = SDL_CreateThread(run, "antri-watch", w);
	return w->th ? 0 : -1;
}

int
watch_ack(struct watch *w)
{
	SDL_AtomicSet(&w->posted, 0);
	return SDL_AtomicSet(&w->replaced, 0) != 0;
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
