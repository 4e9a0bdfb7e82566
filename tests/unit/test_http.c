/* test_http.c - the HTTP layer (shared/http) alone, on a server of its
 * own on a free port: the security headers and the CSP on every answer,
 * JSON errors, 413 past the body limit, the Origin check and JSON body
 * of a change, a held request answered once resumed from another thread,
 * a long JSON answer with gzip only for a client that takes it, and an
 * event stream of the hub: its first text, a message for its channel,
 * none for another, a named event, and its limit.  antri-serve's behaviour on
 * the layer is tests/scripts/serve.sh and hostile.sh.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "http.h"
#include "rate.h"
#include "hub.h"

static int port;

/* a held request: resumed by this thread */
static void *
later(void *arg)
{
	usleep(20000);
	http_resume(arg);
	return NULL;
}

static enum MHD_Result
handle(struct http_req *r)
{
	json_t *body;
	enum MHD_Result ret;

	if (!strcmp(r->path, "/hold")) {
		pthread_t t;

		if (r->user)            /* resumed */
			return http_json(r, 200, json_pack("{s:b}", "held", 1));
		r->user = r;            /* anything: "was held" */
		http_suspend(r);
		if (pthread_create(&t, NULL, later, r))
			http_resume(r);
		else
			pthread_detach(t);
		return MHD_YES;
	}
	if (!strcmp(r->path, "/change")) {
		if (http_post_json(r, &body, &ret))
			return ret;
		json_decref(body);
		return http_json(r, 200, json_pack("{s:b}", "ok", 1));
	}
	if (!strcmp(r->path, "/long")) {
		json_t *a = json_array();

		for (int i = 0; i < 400; i++)
			json_array_append_new(a, json_integer(i));
		return http_json(r, 200, a);
	}
	if (!strncmp(r->path, "/stream/", 8)) {
		struct hub_open o = { (unsigned)atoi(r->path + 8), -1,
			"retry: 2000\n\n", 2, NULL, NULL, NULL };

		if (hub_respond(r, &o, &ret))
			return http_error(r, 503, "too_many_streams", "full");
		return ret;
	}
	return http_error(r, 404, "not_found", "no such thing");
}

static int
dial(void)
{
	struct sockaddr_in sa = { 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Read into buf until it holds `until` or the peer closes (2 s at most). */
static size_t
read_until(int fd, char *buf, size_t cap, const char *until)
{
	size_t n = 0;

	buf[0] = 0;
	while (n + 1 < cap && !(until && strstr(buf, until))) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t k;

		if (poll(&p, 1, 2000) <= 0 || (k = read(fd, buf + n, cap - 1 - n))
		    <= 0)
			break;
		n += (size_t)k;
		buf[n] = 0;
	}
	return n;
}

/* One request, the whole answer into buf. */
static void
ask(const char *req, char *buf, size_t cap)
{
	int fd = dial();

	buf[0] = 0;
	if (fd < 0)
		return;
	if (write(fd, req, strlen(req)) == (ssize_t)strlen(req))
		read_until(fd, buf, cap, NULL);
	close(fd);
}

/* Counts per address: the limit, another address apart, a full table
 * making room for the oldest, and the window's end. */
static void
check_rate(void)
{
	static struct rate t = RATE_INIT(200);
	char a[32];
	int w;

	CHECK(rate_take(&t, "10.0.0.1", 2) == 0);
	CHECK(rate_take(&t, "10.0.0.1", 2) == 0);
	CHECK((w = rate_take(&t, "10.0.0.1", 2)) == 1);
	CHECK(rate_take(&t, "10.0.0.2", 2) == 0);
	/* every slot taken by others: 10.0.0.1's count is the oldest, it
	 * goes, and it starts again */
	for (int i = 0; i < RATE_SLOTS; i++) {
		snprintf(a, sizeof a, "10.1.%d.%d", i / 256, i % 256);
		rate_take(&t, a, 2);
	}
	CHECK(rate_take(&t, "10.0.0.1", 2) == 0);
	CHECK(rate_take(&t, "10.0.0.1", 2) == 0);
	CHECK(rate_take(&t, "10.0.0.1", 2) > 0);
	/* after the window (200 ms) it may again */
	usleep(250 * 1000);
	CHECK(rate_take(&t, "10.0.0.1", 2) == 0);
}

int
main(void)
{
	struct http_config hc = { 0 };
	char err[256], buf[8192], req[20000], big[17000];
	int s1, s2, s3;

	hc.host = "127.0.0.1";
	hc.max_conn = 64;
	hc.per_address = 32;
	hc.timeout_s = 5;
	hc.www = "/nonexistent";
	hc.handle = handle;
	hc.threads = 2;
	hc.gzip = 1;
	check_rate();
	CHECK(http_start(&hc, err, sizeof err) == 0);
	CHECK((port = http_port()) > 0);

	ask("GET /nothing HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, "HTTP/1.0 404") || strstr(buf, "HTTP/1.1 404"));
	CHECK(strstr(buf, "\"error\":{\"code\":\"not_found\"") != NULL);
	CHECK(strstr(buf, "Content-Security-Policy: default-src 'self'") != NULL);
	CHECK(strstr(buf, "X-Frame-Options: DENY") != NULL);
	CHECK(strstr(buf, "X-Content-Type-Options: nosniff") != NULL);

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	snprintf(req, sizeof req, "POST /change HTTP/1.0\r\nContent-Type: "
	    "application/json\r\nContent-Length: %zu\r\n\r\n%s", strlen(big),
	    big);
	ask(req, buf, sizeof buf);
	CHECK(strstr(buf, " 413 ") && strstr(buf, "body_too_large"));

	snprintf(req, sizeof req, "POST /change HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n"
	    "Origin: http://elsewhere\r\nContent-Type: application/json\r\n"
	    "Content-Length: 2\r\n\r\n{}", port);
	ask(req, buf, sizeof buf);
	CHECK(strstr(buf, " 403 ") && strstr(buf, "bad_origin"));
	snprintf(req, sizeof req, "POST /change HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n"
	    "Origin: http://127.0.0.1:%d\r\nContent-Type: application/json\r\n"
	    "Content-Length: 3\r\n\r\n[1]", port, port);
	ask(req, buf, sizeof buf);
	CHECK(strstr(buf, " 400 ") && strstr(buf, "bad_json"));
	snprintf(req, sizeof req, "POST /change HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n"
	    "Origin: http://127.0.0.1:%d\r\nContent-Type: application/json\r\n"
	    "Content-Length: 2\r\n\r\n{}", port, port);
	ask(req, buf, sizeof buf);
	CHECK(strstr(buf, " 200 ") && strstr(buf, "\"ok\":true"));

	ask("GET /long HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n", buf,
	    sizeof buf);
	CHECK(strstr(buf, " 200 ") && strstr(buf, "Content-Encoding: gzip") &&
	    strstr(buf, "Vary: Accept-Encoding") && !strstr(buf, ",399]"));
	ask("GET /long HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 200 ") && !strstr(buf, "Content-Encoding") &&
	    strstr(buf, ",399]"));

	ask("GET /hold HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 200 ") && strstr(buf, "\"held\":true"));

	/* two streams on channels 1 and 2; a third is past the limit */
	s1 = dial();
	s2 = dial();
	CHECK(s1 >= 0 && s2 >= 0);
	CHECK(write(s1, "GET /stream/1 HTTP/1.1\r\nHost: a\r\n\r\n", 35) == 35);
	CHECK(write(s2, "GET /stream/2 HTTP/1.1\r\nHost: a\r\n\r\n", 35) == 35);
	read_until(s1, buf, sizeof buf, "retry: 2000");
	CHECK(strstr(buf, "text/event-stream") && strstr(buf, "retry: 2000"));
	read_until(s2, buf, sizeof buf, "retry: 2000");
	CHECK(strstr(buf, "retry: 2000") != NULL);
	while (hub_open_count() < 2)
		usleep(1000);
	ask("GET /stream/1 HTTP/1.0\r\n\r\n", buf, sizeof buf);
	CHECK(strstr(buf, " 503 ") && strstr(buf, "too_many_streams"));
	hub_publish(hub_latest() + 1, 1, "{\"n\":1}");
	read_until(s1, buf, sizeof buf, "{\"n\":1}");
	CHECK(strstr(buf, "data: {\"n\":1}") != NULL);
	hub_publish(hub_latest() + 1, 2, "{\"n\":2}");
	read_until(s2, buf, sizeof buf, "{\"n\":2}");
	CHECK(strstr(buf, "data: {\"n\":2}") && !strstr(buf, "{\"n\":1}"));
	hub_publish_event(hub_latest() + 1, 2, "outlet", "{\"n\":3}");
	read_until(s2, buf, sizeof buf, "{\"n\":3}");
	CHECK(strstr(buf, "\nevent: outlet\ndata: {\"n\":3}\n\n") != NULL);
	/* a client gone ends its stream within a second or two */
	close(s1);
	for (int i = 0; i < 400 && hub_open_count() > 1; i++)
		usleep(10000);
	CHECK(hub_open_count() == 1);
	s3 = dial();
	CHECK(s3 >= 0 && write(s3, "GET /stream/1 HTTP/1.1\r\nHost: a\r\n\r\n",
	    35) == 35);
	read_until(s3, buf, sizeof buf, "retry: 2000");
	CHECK(strstr(buf, " 200 ") && strstr(buf, "retry: 2000"));

	http_stop();
	close(s2);
	close(s3);
	return check_done();
}
