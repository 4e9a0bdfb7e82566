/* crashloop.c - issue and call in a loop until killed (tests/scripts/crash.sh kills
 * it with SIGKILL at random moments).  Every action is one transaction; the
 * test then checks that the database is whole and the numbers go on.
 *
 *   crashloop DB SEED
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "queue.h"

int
main(int argc, char **argv)
{
	static const char codes[] = "ABCDP";
	unsigned long rng;
	struct q_ticket t;
	queue *q;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: crashloop DB SEED\n");
		return 2;
	}
	rng = strtoul(argv[2], NULL, 10);
	if ((rc = queue_open(&q, argv[1], 0, "kiosk:crash"))) {
		fprintf(stderr, "crashloop: %s\n", queue_strerror(rc));
		return 1;
	}
	for (;;) {
		rng = rng * 6364136223846793005UL + 1442695040888963407UL;
		switch ((rng >> 33) % 4) {
		case 0: case 1:
			rc = queue_issue(q, codes[(rng >> 40) % 5], &t);
			break;
		case 2:
			rc = queue_call_next(q, 1 + (int)((rng >> 40) % 4), &t);
			break;
		default:
			rc = queue_done(q, 1 + (int)((rng >> 40) % 4), &t);
			break;
		}
		if (queue_err_class(rc) == Q_CLASS_SYSTEM) {
			fprintf(stderr, "crashloop: %s\n", queue_strerror(rc));
			return 1;
		}
	}
}
