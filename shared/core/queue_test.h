/* queue_test.h - hooks for test programs only: a clock the test moves and
 * a database without fsync for generating benchmark data.
 *
 * Nothing a program installs includes this header, and nothing reads the
 * environment: queue_test.o sits in the core library, and a static link
 * takes it only into the programs that call these functions (tests and
 * benchmarks; tests/hooks.sh checks the installed programs have none).
 */
#ifndef ANTRI_QUEUE_TEST_H
#define ANTRI_QUEUE_TEST_H

#include "queue.h"

/* queue_open with synchronous=OFF: a power cut may lose commits.  For
 * building benchmark databases quickly, never for an office. */
int queue_test_open_fast(queue **out, const char *path, int flags,
                         const char *actor);
/* The wall clock: when set, "now" comes from now_ms(ctx) in ms since the
 * epoch.  The boot clock (real time since boot, docs/time.md) follows the
 * same function, as if the machine lived through the time, unless
 * queue_test_set_boot_clock gives it another (a wall clock set wrong). */
void queue_test_set_clock(queue *q, int64_t (*now_ms)(void *), void *ctx);
void queue_test_set_boot_clock(queue *q, int64_t (*now_ms)(void *),
                               void *ctx);

#endif
