/* bench_print.c - figures for printing: render + encode one ticket (ESC/POS
 * and PWG), and with --printer URI the time from submitting a job until
 * the printer reports it completed (print_send), median of --jobs N.
 * Prints figures only; tests/bench/bench_print.sh starts the printer. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	printf("%-44s median %8.2f ms  p90 %8.2f ms  max %8.2f ms  (n=%d)\n",
	    what, v[n / 2], v[n * 9 / 10], v[n - 1], n);
}

int
main(int argc, char **argv)
{
	struct ticket_text tx = { "PTSP Kecamatan Menteng", "Perizinan Usaha",
		NULL };
	const char *printer = NULL;
	struct ticket_bitmap b;
	struct print_opts o;
	struct print_buf d;
	struct q_ticket t;
	char err[Q_REASON_MAX];
	int n = 50, fails = 0;
	double *v;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--printer") && i + 1 < argc)
			printer = argv[++i];
		else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
			n = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: bench_print [--printer URI] "
			    "[--jobs N]\n");
			return 2;
		}
	}
	if (n < 1 || !(v = calloc((size_t)n, sizeof *v)))
		return 2;
	print_opts_from_config(&o, NULL);
	memset(&t, 0, sizeof t);
	snprintf(t.label, sizeof t.label, "A123");
	t.service = 'A';
	t.state = Q_ADMITTED;
	t.issued_ms = 1790000000000LL;
	t.people_ahead = 7;
	t.est_wait_s = 1500;
	for (int f = 0; f < 2; f++) {
		o.format = f ? PRINT_PWG : PRINT_ESCPOS;
		for (int i = 0; i < n; i++) {
			double t0 = now_ms();

			if (ticket_render(&o, &t, &tx, &b, err, sizeof err) ||
			    print_encode(&o, &b, &d, err, sizeof err)) {
				fprintf(stderr, "bench_print: %s\n", err);
				return 1;
			}
			v[i] = now_ms() - t0;
			ticket_bitmap_free(&b);
			print_buf_free(&d);
		}
		report(f ? "print: render + encode PWG (58 mm)" :
		    "print: render + encode ESC/POS (58 mm)", v, n);
	}
	if (!printer)
		return 0;
	snprintf(o.printer, sizeof o.printer, "%s", printer);
	o.format = PRINT_ESCPOS;
	o.timeout_s = 30;
	if (ticket_render(&o, &t, &tx, &b, err, sizeof err) ||
	    print_encode(&o, &b, &d, err, sizeof err))
		return 1;
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();

		if (print_send(&o, "antri bench", &d, err, sizeof err)) {
			fprintf(stderr, "bench_print: job %d: %s\n", i + 1, err);
			fails++;
		}
		v[i] = now_ms() - t0;
	}
	report("print: job submit -> completed (ippeveprinter)", v, n);
	if (fails)
		printf("print: %d of %d jobs failed\n", fails, n);
	ticket_bitmap_free(&b);
	print_buf_free(&d);
	free(v);
	return fails ? 1 : 0;
}
