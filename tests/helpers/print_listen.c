/* print_listen.c - a stand-in for a network thermal printer (JetDirect /
 * "socket" port 9100 style) for the printing tests: listens on a free
 * loopback port, writes the port number to PORTFILE, and stores the bytes
 * of each connection in OUTPREFIX.1, OUTPREFIX.2... (written as .part and
 * renamed when the peer closes, so a test can wait for the file).
 *
 *   print_listen PORTFILE OUTPREFIX     run until killed
 *   print_listen --free-port            print a free loopback port, exit
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
listen_any(int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 8) ||
	    getsockname(fd, (struct sockaddr *)&a, &len)) {
		close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

int
main(int argc, char **argv)
{
	char path[4096], part[4200], tmp[4200];
	unsigned char buf[65536];
	int fd, port, n = 0;
	FILE *f;

	if (argc == 2 && !strcmp(argv[1], "--free-port")) {
		if ((fd = listen_any(&port)) < 0) {
			perror("print_listen");
			return 1;
		}
		close(fd);
		printf("%d\n", port);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: print_listen PORTFILE OUTPREFIX | "
		    "--free-port\n");
		return 2;
	}
	if ((fd = listen_any(&port)) < 0) {
		perror("print_listen");
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
	if (!(f = fopen(tmp, "w")) || fprintf(f, "%d\n", port) < 0 ||
	    fclose(f) || rename(tmp, argv[1])) {
		perror(argv[1]);
		return 1;
	}
	for (;;) {
		int c = accept(fd, NULL, NULL);
		ssize_t got;

		if (c < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		n++;
		snprintf(path, sizeof path, "%s.%d", argv[2], n);
		snprintf(part, sizeof part, "%s.part", path);
		if (!(f = fopen(part, "wb"))) {
			perror(part);
			return 1;
		}
		while ((got = read(c, buf, sizeof buf)) > 0)
			fwrite(buf, 1, (size_t)got, f);
		fclose(f);
		close(c);
		rename(part, path);
	}
}
