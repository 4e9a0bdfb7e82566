/* stress.c - one process of the multi-process test (tests/scripts/multiproc.sh).
 *
 *   stress DB issue N SEED        issue N tickets over services A-D and P
 *   stress DB call COUNTER N SEED N counter actions: next, then done,
 *                                  no-show, recall or transfer at random
 *
 * Prints "issued K" or "called K" and the count of refusals; exits 0 when
 * every operation ended in Q_OK or a refusal the rules allow, 1 on any
 * database error.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "queue.h"

static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng >> 33) % n;
}

static int
fatal(const char *what, int rc, queue *q)
{
	fprintf(stderr, "stress: %s: %s (%s)\n", what, queue_strerror(rc),
	    queue_errdetail(q));
	return 1;
}

int
main(int argc, char **argv)
{
	static const char codes[] = "ABCDP";
	struct q_ticket t;
	struct timespec nap = { 0, 2 * 1000000 };
	char actor[32];
	queue *q;
	long n, done = 0, refused = 0;
	int rc, counter = 0;

	if (argc < 5 || (strcmp(argv[2], "issue") && strcmp(argv[2], "call")) ||
	    (!strcmp(argv[2], "call") && argc < 6)) {
		fprintf(stderr, "usage: stress DB issue N SEED | stress DB call "
		    "COUNTER N SEED\n");
		return 2;
	}
	if (!strcmp(argv[2], "call")) {
		counter = atoi(argv[3]);
		n = atol(argv[4]);
		rng = strtoul(argv[5], NULL, 10);
		snprintf(actor, sizeof actor, "counter:%d", counter);
	} else {
		n = atol(argv[3]);
		rng = strtoul(argv[4], NULL, 10);
		snprintf(actor, sizeof actor, "kiosk:stress%lu", rng);
	}
	if ((rc = queue_open(&q, argv[1], 0, actor)))
		return fatal("open", rc, NULL);
	queue_set_busy_timeout(q, 30000);
	for (long i = 0; i < n; i++) {
		if (!counter) {
			rc = queue_issue(q, codes[rnd(5)], &t);
		} else {
			rc = queue_call_next(q, counter, &t);
			if (rc == Q_OK) {
				switch (rnd(10)) {
				case 0: rc = queue_noshow(q, counter, &t); break;
				case 1: rc = queue_recall(q, counter, &t); break;
				case 2: rc = queue_transfer(q, counter,
				    codes[rnd(4)], &t);
					if (rc == Q_ESAME)
						rc = Q_OK;
					break;
				case 3: case 4: case 5:
					rc = queue_done(q, counter, &t); break;
				default: break;  /* the next call finishes it */
				}
			} else if (rc == Q_ENOWAIT) {
				nanosleep(&nap, NULL);
			}
		}
		if (rc == Q_OK)
			done++;
		else if (queue_err_class(rc) == Q_CLASS_REFUSED)
			refused++;
		else
			return fatal(counter ? "call" : "issue", rc, q);
	}
	printf("%s %ld refused %ld\n", counter ? "called" : "issued", done,
	    refused);
	queue_close(q);
	return 0;
}
