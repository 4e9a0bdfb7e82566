/* serve_conn.c - misbehaving clients for tests/scripts/serve.sh (antri-serve).
 *
 *   serve_conn idle PORT N SECONDS   open N connections to 127.0.0.1:PORT,
 *       send nothing, hold them SECONDS; prints "connected N"
 *   serve_conn slow PORT MAXSECONDS  send a request one byte a second;
 *       prints "closed after S s" when the server hangs up (exit 0), or
 *       "still open" after MAXSECONDS (exit 1)
 *   serve_conn cut PORT PATH COOKIE  open an event stream, read its
 *       first bytes and close mid-stream (exit 0 when it read any)
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
connect_to(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
idle(int port, int n, int secs)
{
	int *fds = calloc((size_t)n, sizeof *fds), ok = 0;

	if (!fds)
		return 2;
	for (int i = 0; i < n; i++)
		if ((fds[i] = connect_to(port)) >= 0)
			ok++;
	printf("connected %d\n", ok);
	fflush(stdout);
	sleep((unsigned)secs);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}

static int
slow(int port, int maxs)
{
	const char *req = "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	int fd = connect_to(port);
	char buf[256];

	if (fd < 0)
		return 2;
	for (int s = 0; s < maxs && req[s]; s++) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (send(fd, req + s, 1, MSG_NOSIGNAL) != 1 ||
		    (poll(&p, 1, 1000) > 0 && recv(fd, buf, sizeof buf, 0) <= 0)) {
			printf("closed after %d s\n", s + 1);
			close(fd);
			return 0;
		}
	}
	printf("still open\n");
	close(fd);
	return 1;
}

static int
cut(int port, const char *path, const char *cookie)
{
	char req[1024], buf[512];
	int fd = connect_to(port);
	ssize_t n;

	if (fd < 0)
		return 2;
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Cookie: antri_session=%s\r\nAccept: text/event-stream\r\n\r\n",
	    path, cookie);
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) < 0)
		return 2;
	n = recv(fd, buf, sizeof buf, 0);
	close(fd);     /* mid-stream */
	return n > 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "idle"))
		return idle(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "slow"))
		return slow(atoi(argv[2]), atoi(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "cut"))
		return cut(atoi(argv[2]), argv[3], argv[4]);
	fprintf(stderr, "usage: serve_conn idle PORT N SECONDS | slow PORT MAX "
	    "| cut PORT PATH COOKIE\n");
	return 2;
}
