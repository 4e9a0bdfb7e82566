/* bench_serve_sse.c - commit -> SSE latency of antri-serve, for
 * tests/bench/bench_serve.sh.
 *
 *   bench_serve_sse DB PORT N    open the public event stream, then N
 *       times: issue a ticket through the core (as the kiosk would) and
 *       wait for its event on the stream; prints
 *       "sse p50 X ms p99 Y ms max Z ms"
 *   bench_serve_sse - PORT N SECONDS   hold N open streams SECONDS
 */
#define _POSIX_C_SOURCE 200809L
#include "queue.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
open_stream(int port)
{
	const char *req = "GET /api/v1/public/events/stream HTTP/1.1\r\n"
	    "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) ||
	    send(fd, req, strlen(req), 0) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Read until the marker shows up (or 5 s pass); 0 when it did. */
static int
wait_for(int fd, const char *marker)
{
	static char buf[65536];
	static size_t len;
	double end = now_ms() + 5000;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		buf[len] = 0;
		if (strstr(buf, marker)) {
			len = 0;
			return 0;
		}
		if (len > sizeof buf / 2)
			len = 0;      /* old events: drop */
		if (now_ms() > end || poll(&p, 1, 100) < 0)
			return -1;
		if (p.revents && (n = recv(fd, buf + len, sizeof buf - len - 1,
		    0)) <= 0)
			return -1;
		else if (p.revents)
			len += (size_t)n;
	}
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	char text[64];
	double *lat;
	queue *q;
	int fd, n;

	if (argc == 5 && !strcmp(argv[1], "-")) {
		int k = atoi(argv[3]), ok = 0;

		for (int i = 0; i < k; i++)
			ok += open_stream(atoi(argv[2])) >= 0;
		printf("streams %d\n", ok);
		fflush(stdout);
		sleep((unsigned)atoi(argv[4]));
		return 0;
	}
	if (argc != 4 || (n = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: bench_serve_sse DB PORT N | - PORT N S\n");
		return 2;
	}
	if (queue_open(&q, argv[1], 0, "bench") ||
	    (fd = open_stream(atoi(argv[2]))) < 0 || !(lat = calloc((size_t)n,
	    sizeof *lat)))
		return 1;
	wait_for(fd, "retry:");
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();

		struct q_ticket t;

		/* a ticket's number is on the public stream; a notice's text
		 * (staff's free text) is not */
		if (queue_issue(q, 'A', &t)) {
			fprintf(stderr, "could not issue a ticket\n");
			return 1;
		}
		snprintf(text, sizeof text, "\"%s\"", t.label);
		if (wait_for(fd, text)) {
			fprintf(stderr, "lost the event of %s\n", text);
			return 1;
		}
		lat[i] = now_ms() - t0;
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp);
	printf("commit -> SSE over %d calls: p50 %.1f ms, p99 %.1f ms, max "
	    "%.1f ms\n", n, lat[n / 2], lat[(n * 99) / 100 < n ? (n * 99) / 100
	    : n - 1], lat[n - 1]);
	free(lat);
	close(fd);
	queue_close(q);
	return 0;
}
