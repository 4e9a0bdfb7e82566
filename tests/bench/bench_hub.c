/* bench_hub.c - the HTTP layer alone (shared/http) holding many event
 * streams: a minimal server on the layer (a child process) answers
 * GET /stream with a hub stream; this process opens N connections to it
 * (default 10,000), then has the server publish M messages (default 10)
 * and times each one from its publishing to its arrival on every stream.
 * Prints the server's resident memory with N streams and the p50/p99/max
 * of a message reaching all of them.  antri-central's targets: <= 200 MB
 * and p99 <= 1 s.  Asserts nothing.
 *
 *   bench_hub [N [M]]
 *
 * Each process needs N descriptors and more: the soft open-files limit
 * is raised up to the hard one; when even that is too low, it says so
 * and runs with the streams that fit.
 */
#define _GNU_SOURCE
#include "http.h"
#include "hub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int nstreams;

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static enum MHD_Result
handle(struct http_req *r)
{
	struct hub_open o = { 1, -1, "retry: 2000\n\n", nstreams + 16, NULL,
		NULL, NULL };
	enum MHD_Result ret;

	if (strcmp(r->path, "/stream"))
		return http_error(r, 404, "not_found", "GET /stream");
	if (hub_respond(r, &o, &ret))
		return http_error(r, 503, "too_many_streams", "full");
	return ret;
}

/* The server: reads commands from fd cmd ('p' publish, 'q' quit), says
 * its port on fd say. */
static int
server(int cmd, int say)
{
	struct http_config hc = { 0 };
	char err[256], c, text[64];
	int port;
	int64_t id = 0;

	hc.host = "127.0.0.1";
	hc.port = 0;
	hc.max_conn = nstreams * 2 + 64;
	hc.per_address = 0;
	hc.timeout_s = 30;
	hc.handle = handle;
	if (http_start(&hc, err, sizeof err)) {
		fprintf(stderr, "bench_hub: %s\n", err);
		return 1;
	}
	port = http_port();
	if (write(say, &port, sizeof port) != sizeof port)
		return 1;
	while (read(cmd, &c, 1) == 1 && c == 'p') {
		snprintf(text, sizeof text, "{\"t\":%lld}", (long long)now_us());
		hub_publish(++id, 1, text);
	}
	http_stop();
	return 0;
}

static long
rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

struct cl {
	int fd;
	int ready;                   /* the stream's first line came */
	long long got;               /* messages seen */
	char tail[96];               /* a message cut between two reads */
	size_t tlen;
};

static int
cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Read what fd k has; count "data: {"t":T}" lines into lat. */
static void
drain(struct cl *k, int64_t *lat, size_t *nlat)
{
	char buf[4096 + 96];
	ssize_t n;

	for (;;) {
		memcpy(buf, k->tail, k->tlen);
		n = read(k->fd, buf + k->tlen, 4096);
		if (n <= 0)
			return;
		n += (ssize_t)k->tlen;
		buf[n] = 0;
		if (strstr(buf, "retry:"))
			k->ready = 1;
		char *p = buf, *q;
		while ((q = strstr(p, "data: {\"t\":")) && strchr(q, '}')) {
			lat[(*nlat)++] = now_us() - atoll(q + 11);
			k->got++;
			p = strchr(q, '}') + 1;
		}
		k->tlen = (size_t)(buf + n - p) < sizeof k->tail ?
		    (size_t)(buf + n - p) : sizeof k->tail - 1;
		memcpy(k->tail, buf + n - k->tlen, k->tlen);
	}
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000, m = argc > 2 ? atoi(argv[2])
	    : 10;
	int cmd[2], say[2], port, ep, ready = 0;
	struct rlimit rl;
	struct sockaddr_in sa;
	struct cl *cl;
	int64_t *lat;
	size_t nlat = 0;
	pid_t pid;
	long rss;

	if (n < 1 || m < 1) {
		fprintf(stderr, "usage: bench_hub [STREAMS [MESSAGES]]\n");
		return 2;
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < (rlim_t)n + 128) {
		rl.rlim_cur = (rlim_t)n + 128 < rl.rlim_max ? (rlim_t)n + 128 :
		    rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < (rlim_t)n + 128) {
		printf("bench_hub: the open-files limit (hard %llu) cannot hold "
		    "%d streams; measuring %llu\n", (unsigned long long)rl.rlim_max,
		    n, (unsigned long long)rl.rlim_cur - 128);
		n = (int)rl.rlim_cur - 128;
	}
	nstreams = n;
	signal(SIGPIPE, SIG_IGN);
	if (pipe(cmd) || pipe(say))
		return 1;
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_WRONLY);

		close(cmd[1]);
		close(say[0]);
		if (null >= 0)
			dup2(null, 2);  /* the log: a line per stream */
		_exit(server(cmd[0], say[1]));
	}
	close(cmd[0]);
	close(say[1]);
	if (read(say[0], &port, sizeof port) != sizeof port) {
		printf("bench_hub: the server did not start\n");
		return 0;
	}
	cl = calloc((size_t)n, sizeof *cl);
	lat = malloc(sizeof *lat * (size_t)n * (size_t)(m + 1));
	ep = epoll_create1(0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* connect in steps of 500, each step's streams open before the
	 * next (the listen queue holds 1024) */
	for (int i = 0; i < n; i++) {
		static const char get[] = "GET /stream HTTP/1.1\r\nHost: b\r\n\r\n";
		struct epoll_event ev = { EPOLLIN, { .u32 = (uint32_t)i } };
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) ||
		    write(fd, get, sizeof get - 1) != (ssize_t)sizeof get - 1) {
			printf("bench_hub: connection %d failed: %s\n", i,
			    strerror(errno));
			n = i;
			break;
		}
		fcntl(fd, F_SETFL, O_NONBLOCK);
		cl[i].fd = fd;
		epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
		if ((i + 1) % 500 == 0 || i + 1 == n) {
			int64_t until = now_us() + 30000000;

			while (ready < i + 1 && now_us() < until) {
				struct epoll_event evs[256];
				int k = epoll_wait(ep, evs, 256, 1000);

				for (int j = 0; j < k; j++) {
					struct cl *c = &cl[evs[j].data.u32];
					int was = c->ready;

					drain(c, lat, &nlat);
					ready += c->ready && !was;
				}
			}
		}
	}
	nlat = 0;
	rss = rss_kb(pid);
	printf("hub: %d of %d event streams open; server resident memory %.1f MB "
	    "(target <= 200 MB)\n", ready, n, rss / 1024.0);
	for (int msg = 1; msg <= m; msg++) {
		int64_t until = now_us() + 30000000;
		size_t want = nlat + (size_t)ready;

		if (write(cmd[1], "p", 1) != 1)
			break;
		while (nlat < want && now_us() < until) {
			struct epoll_event evs[256];
			int k = epoll_wait(ep, evs, 256, 1000);

			for (int j = 0; j < k; j++)
				drain(&cl[evs[j].data.u32], lat, &nlat);
		}
	}
	rss = rss_kb(pid);
	if (write(cmd[1], "q", 1) != 1)
		perror("bench_hub");
	for (int i = 0; i < n; i++)
		close(cl[i].fd);
	waitpid(pid, NULL, 0);
	{
		struct rusage ru;

		getrusage(RUSAGE_CHILDREN, &ru);
		printf("hub: the server's CPU time in all: %.1f s\n",
		    ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
		    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	}
	qsort(lat, nlat, sizeof *lat, cmp);
	if (nlat)
		printf("hub: %d messages to %d streams: %zu arrivals of %lld; p50 "
		    "%.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 1 s); server "
		    "resident memory after %.1f MB\n", m, ready, nlat,
		    (long long)m * ready, lat[nlat / 2] / 1000.0,
		    lat[nlat * 99 / 100] / 1000.0, lat[nlat - 1] / 1000.0,
		    rss / 1024.0);
	else
		printf("hub: no message arrived\n");
	free(cl);
	free(lat);
	return 0;
}
