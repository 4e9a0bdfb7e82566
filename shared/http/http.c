/* http.c - see http.h: the server on libmicrohttpd, a few threads each
 * with an epoll loop over its share of the connections (a city's phones
 * do not get a thread each), held requests and event streams suspended
 * off the loops, a bounded number of connections, request bodies up to body_max, the security headers on
 * every response, JSON errors, static pages from the www folder, one log
 * line per request, answers compressed with gzip where the server
 * asks, and a reaper that closes a connection that takes
 * longer than timeout_s to send its request (a client sending a byte a
 * second would otherwise hold its thread for hours: MHD's own timeout
 * only counts silence).  One client address holds per_address
 * connections at most (MHD's own limit), so one machine cannot take the
 * others'.  Start at http_start(), then handler().
 */
#define _GNU_SOURCE
#include "http.h"
#include "hub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static struct MHD_Daemon *daemon_h;
static char *tls_cert_pem, *tls_key_pem;
static struct http_config cf;    /* http_start's, www copied below */
static char www[4096];

int64_t
http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
http_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
http_tls(void)
{
	return cf.cert != NULL;
}

int
http_port(void)
{
	const union MHD_DaemonInfo *di = daemon_h ? MHD_get_daemon_info(daemon_h,
	    MHD_DAEMON_INFO_BIND_PORT) : NULL;

	return di ? (int)di->port : -1;
}

/* ---- the reaper -------------------------------------------------------- */

struct conn {
	struct conn *prev, *next;
	int fd;
	int64_t deadline;            /* monotonic ms; 0 = none */
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct conn head;
	pthread_t th;
	int running;
	unsigned long activity;      /* requests begun or ended, ever */
	int held;                    /* requests suspended now */
} reap = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	{ &reap.head, &reap.head, -1, 0 }, 0, 0, 0, 0 };

/* A request began or ended (for the reaper's memory trim). */
static void
note_activity(void)
{
	pthread_mutex_lock(&reap.mu);
	reap.activity++;
	pthread_mutex_unlock(&reap.mu);
}

/* Called every tick with reap.mu held: once a burst of requests is over
 * (activity before, none for a second), the server's after_burst hands
 * its caches and the memory malloc keeps free back to the system.
 * Without this, the resident size stays at the peak of the busiest
 * minute of the day (50 clients pressing at once left 8 MB free but
 * resident in antri-serve). */
static void
trim_after_burst(void)
{
	static unsigned long seen;
	static int quiet, dirty;

	if (reap.activity != seen) {
		seen = reap.activity;
		quiet = 0;
		dirty = 1;
	} else if (dirty && ++quiet >= 2) {
		dirty = 0;
		if (!cf.after_burst)
			return;
		pthread_mutex_unlock(&reap.mu);
		cf.after_burst();
		pthread_mutex_lock(&reap.mu);
	}
}

static void
conn_deadline(struct conn *k, int64_t deadline)
{
	if (!k)
		return;
	pthread_mutex_lock(&reap.mu);
	k->deadline = deadline;
	pthread_mutex_unlock(&reap.mu);
}

static int64_t
soon(void)
{
	return http_now_ms() + (int64_t)cf.timeout_s * 1000;
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **ctx,
              enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci;
	struct conn *k;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		if (!(k = calloc(1, sizeof *k)))
			return;
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		k->fd = ci ? ci->connect_fd : -1;
		k->deadline = soon();
		pthread_mutex_lock(&reap.mu);
		k->next = reap.head.next;
		k->prev = &reap.head;
		reap.head.next->prev = k;
		reap.head.next = k;
		pthread_mutex_unlock(&reap.mu);
		*ctx = k;
	} else if ((k = *ctx)) {
		pthread_mutex_lock(&reap.mu);
		k->prev->next = k->next;
		k->next->prev = k->prev;
		pthread_mutex_unlock(&reap.mu);
		free(k);
		*ctx = NULL;
	}
}

static void *
reaper(void *arg)
{
	struct timespec ts;

	(void)arg;
	pthread_mutex_lock(&reap.mu);
	while (reap.running) {
		int64_t now = http_now_ms();

		for (struct conn *k = reap.head.next; k != &reap.head;
		    k = k->next) {
			if (k->deadline && now > k->deadline && k->fd >= 0) {
				shutdown(k->fd, SHUT_RDWR);
				k->deadline = 0;
			}
		}
		trim_after_burst();
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 500000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&reap.cv, &reap.mu, &ts);
	}
	pthread_mutex_unlock(&reap.mu);
	return NULL;
}

void
http_suspend(struct http_req *r)
{
	pthread_mutex_lock(&reap.mu);
	reap.held++;
	r->held = 1;
	pthread_mutex_unlock(&reap.mu);
	MHD_suspend_connection(r->c);
}

void
http_resume(struct http_req *r)
{
	pthread_mutex_lock(&reap.mu);
	if (r->held) {
		r->held = 0;
		reap.held--;
		MHD_resume_connection(r->c);
		pthread_cond_broadcast(&reap.cv);
	}
	pthread_mutex_unlock(&reap.mu);
}

/* Wait up to ms for the held requests to be resumed (MHD must not stop
 * with a connection suspended). */
static void
wait_held(int ms)
{
	int64_t end = http_now_ms() + ms;

	pthread_mutex_lock(&reap.mu);
	while (reap.held > 0 && http_now_ms() < end) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&reap.cv, &reap.mu, &ts);
	}
	pthread_mutex_unlock(&reap.mu);
}

int
http_socket(struct http_req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->c,
	    MHD_CONNECTION_INFO_CONNECTION_FD);

	return ci ? ci->connect_fd : -1;
}

void
http_long_lived(struct http_req *r)
{
	/* probes after 10 s of silence, every 5 s, gone after 3 unanswered;
	 * unacknowledged data gives up after 30 s */
	int fd = http_socket(r), on = 1, idle = 10, intvl = 5, cnt = 3;
	unsigned int user_ms = 30000;

	conn_deadline(r->conn, 0);
	MHD_set_connection_option(r->c, MHD_CONNECTION_OPTION_TIMEOUT,
	    (unsigned int)0);
	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_ms, sizeof user_ms);
}

int
http_client_gone(int fd)
{
	struct pollfd p = { fd, POLLIN | POLLRDHUP, 0 };
	char c;

	if (fd < 0 || poll(&p, 1, 0) <= 0)
		return 0;
	if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))
		return 1;
	/* readable: a byte sent after the request is no reason to end */
	return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* ---- responses --------------------------------------------------------- */

enum MHD_Result
http_send(struct http_req *r, unsigned status, struct MHD_Response *resp)
{
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	r->status = (int)status;
	ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

int
http_gzip(const char *text, size_t len, char **out, size_t *outlen)
{
	z_stream z;
	size_t cap = compressBound((uLong)len) + 32;
	char *buf = malloc(cap);

	*out = NULL;
	*outlen = 0;
	memset(&z, 0, sizeof z);
	if (!buf || deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		free(buf);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)text;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(buf);
		return -1;
	}
	*outlen = cap - z.avail_out;
	*out = buf;
	deflateEnd(&z);
	return 0;
}

int
http_gzip_ok(struct http_req *r)
{
	const char *ae = http_header(r, "Accept-Encoding");

	return ae && strstr(ae, "gzip") != NULL;
}

enum MHD_Result
http_text(struct http_req *r, unsigned status, const char *type,
          const char *text, size_t len, const char *gz, size_t gzlen,
          const char *cache)
{
	struct MHD_Response *resp;
	int zip = gz && http_gzip_ok(r);

	resp = MHD_create_response_from_buffer(zip ? gzlen : len,
	    (void *)(uintptr_t)(zip ? gz : text), MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", cache ? cache :
	    "no-store");
	if (gz)
		MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	if (zip)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	return http_send(r, status, resp);
}

enum MHD_Result
http_kept_json(struct http_req *r, struct http_kept *k,
               json_t *(*make)(void *ctx), void *ctx, const char *cache)
{
	pthread_mutex_lock(&k->mu);
	if (!k->text) {
		json_t *j = make(ctx);

		k->text = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		if (k->text) {
			k->len = strlen(k->text);
			http_gzip(k->text, k->len, &k->gz, &k->gzlen);
		}
	}
	pthread_mutex_unlock(&k->mu);
	if (!k->text)
		return MHD_NO;
	return http_text(r, 200, "application/json; charset=utf-8", k->text,
	    k->len, k->gz, k->gzlen, cache);
}

enum MHD_Result
http_json(struct http_req *r, unsigned status, json_t *j)
{
	static const char type[] = "application/json; charset=utf-8";
	struct MHD_Response *resp;
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL, *gz = NULL;
	size_t len, gzlen = 0;
	enum MHD_Result ret;

	json_decref(j);
	if (!text)
		return MHD_NO;
	len = strlen(text);
	if (cf.gzip && len > HTTP_GZIP_MIN && http_gzip_ok(r) &&
	    http_gzip(text, len, &gz, &gzlen) == 0) {
		ret = http_text(r, status, type, text, len, gz, gzlen, NULL);
		free(text);
		free(gz);
		return ret;
	}
	resp = MHD_create_response_from_buffer(len, text,
	    MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	return http_send(r, status, resp);
}

enum MHD_Result
http_error(struct http_req *r, unsigned status, const char *code,
           const char *msg)
{
	return http_json(r, status, json_pack("{s:{s:s,s:s}}", "error",
	    "code", code, "message", msg));
}

json_t *
http_refusal(const char *code, const char *msg, const char *id,
             const char *en)
{
	return json_pack("{s:s,s:s,s:{s:s,s:s}}", "code", code, "message",
	    msg ? msg : en, "words", "id", id, "en", en);
}

enum MHD_Result
http_refuse(struct http_req *r, unsigned status, const char *code,
            const char *msg, const char *id, const char *en)
{
	return http_json(r, status, json_pack("{s:o}", "error",
	    http_refusal(code, msg, id, en)));
}

const char *
http_header(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, name);
}

const char *
http_arg(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
}

const char *
http_cookie(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, name);
}

int
http_origin_ok(struct http_req *r)
{
	const char *o = http_header(r, "Origin");
	const char *h = http_header(r, MHD_HTTP_HEADER_HOST);
	const char *scheme = http_tls() ? "https://" : "http://";
	size_t n = strlen(scheme);

	return o && h && !strncmp(o, scheme, n) && !strcmp(o + n, h);
}

static int
is_json_body(struct http_req *r)
{
	const char *ct = http_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n = strlen("application/json");

	return ct && !strncasecmp(ct, "application/json", n) &&
	    (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

int
http_post_json(struct http_req *r, json_t **body, enum MHD_Result *ret)
{
	json_error_t jerr;

	*body = NULL;
	if (!http_origin_ok(r)) {
		*ret = http_error(r, 403, "bad_origin", "a change must come from "
		    "this server's pages (Origin)");
		return -1;
	}
	if (!is_json_body(r)) {
		*ret = http_error(r, 415, "not_json", "send a JSON body "
		    "(Content-Type: application/json)");
		return -1;
	}
	if (!(*body = json_loadb(r->body ? r->body : "", r->len, 0, &jerr)) ||
	    !json_is_object(*body)) {
		char why[256];     /* jansson's reason: bad UTF-8, ... */

		snprintf(why, sizeof why, "the body is not a JSON object in "
		    "UTF-8%s%s", *body ? "" : ": ", *body ? "" : jerr.text);
		json_decref(*body);
		*body = NULL;
		*ret = http_error(r, 400, "bad_json", why);
		return -1;
	}
	return 0;
}

/* ---- static pages ------------------------------------------------------ */

static const char *
content_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" }, { ".png", "image/png" },
		{ ".svg", "image/svg+xml" }, { ".ico", "image/x-icon" },
		{ ".wav", "audio/wav" }, { ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* A page path is safe: absolute, no empty, "." or ".." segment, no
 * hidden file, no backslash or control character. */
static int
safe_path(const char *p)
{
	if (p[0] != '/')
		return 0;
	for (const char *s = p; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == '\\' || *s == 0x7f)
			return 0;
		if (s[0] == '/' && (s[1] == '/' || s[1] == '.'))
			return 0;
	}
	return 1;
}

enum MHD_Result
http_buffer(struct http_req *r, unsigned status, const char *type,
            const char *disposition, char *buf, size_t len)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf,
	    MHD_RESPMEM_MUST_FREE);

	if (!resp) {
		free(buf);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	if (disposition)
		MHD_add_response_header(resp, "Content-Disposition",
		    disposition);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	return http_send(r, status, resp);
}

enum MHD_Result
http_fd(struct http_req *r, int fd, uint64_t size, const char *type)
{
	struct MHD_Response *resp = MHD_create_response_from_fd(size, fd);

	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	return http_send(r, 200, resp);
}

enum MHD_Result
http_page(struct http_req *r, const char *page)
{
	char file[4096 + 600];
	struct stat sb;
	const char *p = page ? page : r->path;
	int fd;

	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
		return http_error(r, 405, "method_not_allowed",
		    "pages are read with GET");
	if (!safe_path(p))
		return http_error(r, 400, "bad_path", "that path is not allowed");
	if (!strcmp(p, "/"))
		p = "/index.html";
	snprintf(file, sizeof file, "%s%s", www, p);
	/* "/login" is login.html */
	if (!strchr(strrchr(p, '/'), '.'))
		snprintf(file, sizeof file, "%s%s.html", www, p);
	fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http_error(r, 404, "not_found", "no such page");
	}
	return http_fd(r, fd, (uint64_t)sb.st_size, content_type(file));
}

/* ---- the access handler ------------------------------------------------ */

static struct http_req *
req_new(struct MHD_Connection *c, const char *url, const char *method)
{
	const union MHD_ConnectionInfo *ci;
	struct http_req *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	note_activity();
	r->c = c;
	r->method = method;
	r->t0_ms = http_now_ms();
	snprintf(r->path, sizeof r->path, "%s", url);
	snprintf(r->actor, sizeof r->actor, "-");
	snprintf(r->addr, sizeof r->addr, "?");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		getnameinfo(ci->client_addr, ci->client_addr->sa_family == AF_INET6
		    ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
		    r->addr, sizeof r->addr, NULL, 0, NI_NUMERICHOST);
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	r->conn = ci ? ci->socket_context : NULL;
	return r;
}

static enum MHD_Result
too_big(struct http_req *r)
{
	char msg[80];

	snprintf(msg, sizeof msg, "a request body may have %zu KB at most",
	    cf.body_max / 1024);
	return http_error(r, 413, "body_too_large", msg);
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
        const char *method, const char *version, const char *data,
        size_t *size, void **ctx)
{
	struct http_req *r = *ctx;
	const char *cl;

	(void)cls;
	(void)version;
	if (!r) {
		if (!(r = *ctx = req_new(c, url, method)))
			return MHD_NO;
		conn_deadline(r->conn, soon());
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > cf.body_max)
			return too_big(r);
		return MHD_YES;
	}
	if (*size) {
		if (r->len + *size > cf.body_max) {
			r->too_big = 1;
		} else {
			char *nb = realloc(r->body, r->len + *size + 1);

			if (!nb)
				return MHD_NO;
			r->body = nb;
			memcpy(r->body + r->len, data, *size);
			r->len += *size;
			r->body[r->len] = 0;
		}
		*size = 0;
		return MHD_YES;
	}
	conn_deadline(r->conn, soon() + 60000);
	if (r->too_big)
		return too_big(r);
	return cf.handle(r);
}

static void
completed(void *cls, struct MHD_Connection *c, void **ctx,
          enum MHD_RequestTerminationCode toe)
{
	struct http_req *r = *ctx;

	(void)cls;
	(void)c;
	if (!r)
		return;
	fprintf(stderr, "%s %s %d %lldms %s%s\n", r->method, r->path,
	    r->status, (long long)(http_now_ms() - r->t0_ms), r->actor,
	    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut)");
	conn_deadline(r->conn, soon());
	if (r->user_free)
		r->user_free(r->user);
	free(r->body);
	free(r);
	*ctx = NULL;
	note_activity();
}

/* ---- start, stop ------------------------------------------------------- */

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < 1 << 20 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = 0;
		}
	}
	fclose(f);
	return buf;
}

int
http_start(const struct http_config *cfg, char *err, size_t errlen)
{
	const char *host = cfg->host, *cert = cfg->cert, *key = cfg->key;
	int port = cfg->port;
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD |
	    MHD_ALLOW_SUSPEND_RESUME;

	memset(&ss, 0, sizeof ss);
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "listen: '%s' is not an IP address", host);
		return -1;
	}
	if (!cert != !key || !cfg->handle) {
		snprintf(err, errlen, "give both a TLS certificate and its key, "
		    "or neither");
		return -1;
	}
	cf = *cfg;
	if (!cf.body_max)
		cf.body_max = HTTP_BODY_MAX;
	if (cf.threads <= 0)
		cf.threads = 4;
	snprintf(www, sizeof www, "%s", cfg->www ? cfg->www : "/nonexistent");
	cf.www = www;
	cf.host = NULL;
	if (cert) {
		if (!(tls_cert_pem = slurp(cert)) || !(tls_key_pem = slurp(key))) {
			snprintf(err, errlen, "cannot read %s", tls_cert_pem ? key :
			    cert);
			return -1;
		}
		flags |= MHD_USE_TLS;
	}
	if (hub_start(cf.stream_ring ? cf.stream_ring : 1024, cf.heartbeat_s,
	    err, errlen))
		return -1;
	reap.running = 1;
	if (pthread_create(&reap.th, NULL, reaper, NULL)) {
		reap.running = 0;
		hub_stop(0);
		snprintf(err, errlen, "cannot start a thread");
		return -1;
	}
	daemon_h = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handler,
	    NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cf.max_conn,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cf.per_address,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cf.timeout_s,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, cf.conn_memory ?
	    cf.conn_memory : (size_t)(12 * 1024),
	    MHD_OPTION_THREAD_STACK_SIZE, (size_t)(256 * 1024),
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cf.threads,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, tls_cert_pem,
	    MHD_OPTION_HTTPS_MEM_KEY, tls_key_pem, MHD_OPTION_END);
	if (!daemon_h) {
		snprintf(err, errlen, "cannot listen on %s:%d (in use, or not "
		    "allowed)", host, port);
		http_stop();
		return -1;
	}
	return 0;
}

void
http_stop(void)
{
	/* streams end, held requests finish: MHD stops with none
	 * suspended */
	hub_stop(2000);
	wait_held(5000);
	if (daemon_h) {
		MHD_stop_daemon(daemon_h);
		daemon_h = NULL;
	}
	if (reap.running) {
		pthread_mutex_lock(&reap.mu);
		reap.running = 0;
		pthread_cond_signal(&reap.cv);
		pthread_mutex_unlock(&reap.mu);
		pthread_join(reap.th, NULL);
	}
	free(tls_cert_pem);
	free(tls_key_pem);
	tls_cert_pem = tls_key_pem = NULL;
	cf.cert = cf.key = NULL;
}
