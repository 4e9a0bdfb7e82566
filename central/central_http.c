/* central_http.c - see central_http.h.  Start at ch_start(); a request
 * goes through handler() (its body gathered, at most HTTP_BODY_MAX
 * bytes) to ca_handle(), and is logged in done().  Workers are a small pool of
 * MHD's epoll threads: a stream costs a suspended connection, not a
 * thread.
 */
#define _GNU_SOURCE
#include "central_http.h"
#include "central_api.h"
#include "central_live.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define WORKERS 2
#define CONN_MEM 8192              /* per connection: headers, a block */

static struct MHD_Daemon *daemon_h;
static const char *conninfo;
static char www[4096];

/* every worker's connection, closed at the end */
static struct {
	pthread_mutex_t mu;
	cdb *all[64];
	int n;
} dbs = { PTHREAD_MUTEX_INITIALIZER, { NULL }, 0 };
static _Thread_local int my_slot = -1;

cdb *
ch_db(char *err, size_t errlen)
{
	cdb *c;

	pthread_mutex_lock(&dbs.mu);
	if (my_slot < 0 && dbs.n < (int)(sizeof dbs.all / sizeof dbs.all[0]))
		my_slot = dbs.n++;
	c = my_slot >= 0 ? dbs.all[my_slot] : NULL;
	pthread_mutex_unlock(&dbs.mu);
	if (my_slot < 0) {
		snprintf(err, errlen, "too many workers");
		return NULL;
	}
	if (c && cdb_alive(c))
		return c;
	cdb_close(c);
	c = NULL;
	if (cdb_connect(&c, conninfo, 5, err, errlen))
		c = NULL;
	pthread_mutex_lock(&dbs.mu);
	dbs.all[my_slot] = c;
	pthread_mutex_unlock(&dbs.mu);
	return c;
}

void
ch_db_failed(int rc)
{
	cdb *c;

	if (rc != CDB_EDOWN || my_slot < 0)
		return;
	pthread_mutex_lock(&dbs.mu);
	c = dbs.all[my_slot];
	dbs.all[my_slot] = NULL;
	pthread_mutex_unlock(&dbs.mu);
	cdb_close(c);
}

/* ---- answers ------------------------------------------------------------ */

int
ch_gzip(const char *text, size_t len, char **out, size_t *outlen)
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
ch_gzip_ok(struct http_req *r)
{
	const char *ae = http_header(r, "Accept-Encoding");

	return ae && strstr(ae, "gzip") != NULL;
}

enum MHD_Result
ch_text(struct http_req *r, unsigned status, const char *type,
        const char *text, size_t len, const char *gz, size_t gzlen,
        const char *cache)
{
	struct MHD_Response *resp;
	int zip = gz && ch_gzip_ok(r);

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
ch_json(struct http_req *r, unsigned status, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL, *gz = NULL;
	size_t len, gzlen = 0;
	enum MHD_Result ret;

	json_decref(j);
	if (!text)
		return MHD_NO;
	len = strlen(text);
	if (len > 1400 && ch_gzip_ok(r))
		ch_gzip(text, len, &gz, &gzlen);
	ret = ch_text(r, status, "application/json; charset=utf-8", text, len,
	    gz, gzlen, NULL);
	free(text);
	free(gz);
	return ret;
}

static const char *
content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

enum MHD_Result
ch_file(struct http_req *r, const char *name)
{
	const char *type = content_type(name);
	char file[4200];
	struct MHD_Response *resp;
	struct stat sb;
	int fd, dots = 0;

	for (const char *p = name; *p; p++) {
		if (*p == '.')
			dots++;
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
		    || *p == '-' || *p == '_'))
			return http_error(r, 404, "not_found", "no such file");
	}
	if (dots != 1 || !type)
		return http_error(r, 404, "not_found", "no such file");
	snprintf(file, sizeof file, "%s/%s", www, name);
	fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http_error(r, 404, "not_found", "no such file");
	}
	if (!(resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd))) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	return http_send(r, 200, resp);
}

/* ---- a request ---------------------------------------------------------- */

static struct http_req *
req_new(struct MHD_Connection *c, const char *url, const char *method)
{
	const union MHD_ConnectionInfo *ci;
	struct http_req *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->c = c;
	r->method = method;
	r->t0_ms = http_now_ms();
	snprintf(r->path, sizeof r->path, "%s", url);
	snprintf(r->actor, sizeof r->actor, "-");
	snprintf(r->addr, sizeof r->addr, "?");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		getnameinfo(ci->client_addr, ci->client_addr->sa_family ==
		    AF_INET6 ? sizeof(struct sockaddr_in6) :
		    sizeof(struct sockaddr_in), r->addr, sizeof r->addr, NULL, 0,
		    NI_NUMERICHOST);
	return r;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
        const char *method, const char *version, const char *upload,
        size_t *upload_size, void **ctx)
{
	struct http_req *r = *ctx;

	(void)cls;
	(void)version;
	if (!r) {
		if (!(r = req_new(c, url, method)))
			return MHD_NO;
		*ctx = r;
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;

		*upload_size = 0;
		if (r->too_big || r->len + n > HTTP_BODY_MAX) {
			r->too_big = 1;            /* answered below */
			return MHD_YES;
		}
		char *b = realloc(r->body, r->len + n + 1);

		if (!b)
			return MHD_NO;
		r->body = b;
		memcpy(r->body + r->len, upload, n);
		r->len += n;
		r->body[r->len] = 0;
		return MHD_YES;
	}
	if (r->status)              /* answered already */
		return MHD_YES;
	if (r->too_big)
		return http_error(r, 413, "too_large", "a request's body is at "
		    "most 16 KB");
	return ca_handle(r);
}

static void
done(void *cls, struct MHD_Connection *c, void **ctx,
     enum MHD_RequestTerminationCode why)
{
	struct http_req *r = *ctx;

	(void)cls;
	(void)c;
	(void)why;
	if (!r)
		return;
	fprintf(stderr, "antri-central: %s %s %s %s %d %lld ms\n", r->addr,
	    r->actor, r->method, r->path, r->status,
	    (long long)(http_now_ms() - r->t0_ms));
	free(r->body);
	free(r);
	*ctx = NULL;
}

int
ch_start(const struct ch_opts *o, int *port, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	struct addrinfo hints, *ai = NULL;
	const union MHD_DaemonInfo *di;
	char sport[16];
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TURBO;

	conninfo = o->conninfo;
	snprintf(www, sizeof www, "%s", o->www);
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(sport, sizeof sport, "%d", o->port);
	if (getaddrinfo(o->host[0] ? o->host : NULL, sport, &hints, &ai) ||
	    !ai) {
		snprintf(err, errlen, "cannot listen on %s:%d: no such address",
		    o->host, o->port);
		return -1;
	}
	memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	freeaddrinfo(ai);
	daemon_h = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL,
	    handler, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)WORKERS,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)(o->max_streams + 256),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEM,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
	    MHD_OPTION_NOTIFY_COMPLETED, done, NULL,
	    MHD_OPTION_END);
	if (!daemon_h) {
		snprintf(err, errlen, "cannot listen on %s:%d (in use, or not "
		    "this machine's address)", o->host[0] ? o->host : "*",
		    o->port);
		return -1;
	}
	di = MHD_get_daemon_info(daemon_h, MHD_DAEMON_INFO_BIND_PORT);
	*port = di ? di->port : o->port;
	return 0;
}

void
ch_stop(void)
{
	if (!daemon_h)
		return;
	MHD_quiesce_daemon(daemon_h);
	cl_end_streams();
	MHD_stop_daemon(daemon_h);
	daemon_h = NULL;
	pthread_mutex_lock(&dbs.mu);
	for (int i = 0; i < dbs.n; i++) {
		cdb_close(dbs.all[i]);
		dbs.all[i] = NULL;
	}
	pthread_mutex_unlock(&dbs.mu);
}
