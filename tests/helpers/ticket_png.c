/* ticket_png.c - render one of today's tickets from a database, the way
 * the kiosk prints it (print.h's ticket_render, the [printer] and [serve]
 * options of a config), to a PNG, for tests/scripts/ticket.sh and the
 * benchmark:
 *
 *   ticket_png CONFIG DB LABEL OUT.png
 *
 * Prints the ticket's token on stdout.  Exit 0, or 1 with a reason. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "print.h"
#include "queue.h"

int
main(int argc, char **argv)
{
	struct print_opts o;
	struct ticket_text tx = { 0 };
	struct ticket_bitmap b;
	struct q_ticket t;
	char err[512];
	config *c = NULL;
	queue *q = NULL;
	int rc;

	if (argc != 5) {
		fprintf(stderr, "usage: ticket_png CONFIG DB LABEL OUT.png\n");
		return 2;
	}
	if (config_load_file(&c, argv[1], err, sizeof err)) {
		fprintf(stderr, "ticket_png: %s\n", err);
		return 1;
	}
	print_opts_from_config(&o, c);
	if ((rc = queue_open(&q, argv[2], 0, "test:ticket_png")) ||
	    (rc = queue_ticket_find(q, argv[3], &t)) ||
	    (rc = queue_ticket_wait(q, &t))) {
		fprintf(stderr, "ticket_png: %s\n", queue_strerror(rc));
		queue_close(q);
		config_free(c);
		return 1;
	}
	queue_close(q);
	tx.office = config_str(c, "office", "name", "antri");
	tx.service_name = "Layanan";
	rc = ticket_render(&o, &t, &tx, &b, err, sizeof err) ||
	    ticket_write_png(&b, argv[4], err, sizeof err);
	ticket_bitmap_free(&b);
	config_free(c);
	if (rc) {
		fprintf(stderr, "ticket_png: %s\n", err);
		return 1;
	}
	printf("%s\n", t.token);
	return 0;
}
