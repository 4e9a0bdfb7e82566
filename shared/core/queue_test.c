/* queue_test.c - the hooks of queue_test.h, for test programs only. */
#include "queue_int.h"
#include "queue_test.h"

int
queue_test_open_fast(queue **out, const char *path, int flags,
                     const char *actor)
{
	return qi_open(out, path, flags, actor, 1);
}

void
queue_test_set_clock(queue *q, int64_t (*now_ms)(void *), void *ctx)
{
	q->clock = now_ms;
	q->clock_ctx = ctx;
}

void
queue_test_set_boot_clock(queue *q, int64_t (*now_ms)(void *), void *ctx)
{
	q->boot_clock = now_ms;
	q->boot_ctx = ctx;
}
