/* http.h - the HTTP layer that antri's servers share (antri-serve in
 * web/, antri-central in central/), on libmicrohttpd and jansson.
 *
 * A server fills a struct http_config (where to listen, TLS, its limits,
 * its pages, its handler) and calls http_start().  The layer reads each
 * request (its body up to body_max, else 413), builds the request's
 * context (struct http_req: method, path, client address, the actor
 * named in the log) and calls the server's handler once the whole
 * request is in; the handler answers with http_json(), http_error(),
 * http_page(), ...  Every answer carries the security headers and the
 * CSP (no inline scripts, nothing from elsewhere); one log line per
 * request goes to stderr; a connection that takes longer than timeout_s
 * to send its request is closed (the slow-client reaper); one client
 * address holds per_address connections at most.
 *
 * A few threads (MHD's thread pool, epoll) serve every connection: a
 * handler must not block for long.  One that waits for slow work holds
 * its request with http_suspend() and is called again after
 * http_resume().  Event streams are suspended connections fed by one
 * broadcaster (hub.h).  Routing is route.h (one table, one matcher).
 * Nothing here knows a queue, a database or a server's own routes.
 * Start at http_start(), then http_handler.
 */
#ifndef ANTRI_HTTP_H
#define ANTRI_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_ACTOR_MAX 64
#define HTTP_BODY_MAX (16 * 1024)  /* body_max when it is 0 */

/* One request in flight. */
struct http_req {
	struct MHD_Connection *c;
	const char *method;          /* "GET", "POST", ... */
	char path[512];              /* without the query */
	char addr[64];               /* client address, no port */
	char actor[HTTP_ACTOR_MAX];  /* for the log: "siti", "-" (the
	                              * server sets it once it knows) */
	char *body;                  /* the request's body, 0-terminated,
	                              * NULL when none */
	size_t len;
	int too_big;
	int status;                  /* sent, for the log */
	int64_t t0_ms;
	void *conn;                  /* the layer's: the reaper's entry */
	/* The server's own state of the request, kept across an
	 * http_suspend(); user_free(user) when the request ends. */
	void *user;
	void (*user_free)(void *user);
	int held;                    /* the layer's: suspended now */
};

/* The server's answer to one whole request: queue a response with one of
 * the http_* senders below and return what it returned (MHD_NO closes
 * the connection). */
typedef enum MHD_Result (*http_handler)(struct http_req *r);

struct http_config {
	const char *host;            /* an IPv4 or IPv6 address to bind */
	int port;
	const char *cert, *key;      /* PEM files for TLS, both or NULL */
	int max_conn;                /* connections at once */
	int per_address;             /* connections of one client address;
	                              * 0: no limit (behind a proxy) */
	int timeout_s;               /* to send a request; idle connection */
	size_t body_max;             /* larger bodies get 413; 0: 16 KB */
	const char *www;             /* the static pages' folder (copied) */
	http_handler handle;
	/* Optional: called (from the reaper's thread) once a burst of
	 * requests is over, for a second none began or ended: give caches
	 * back to the system. */
	void (*after_burst)(void);
	int threads;                 /* handlers at once (MHD's thread
	                              * pool, each with an epoll loop); 0: 4 */
	int heartbeat_s;             /* event streams' comments; 0: 15 */
	int stream_ring;             /* messages the hub keeps; 0: 1024 */
	size_t conn_memory;          /* MHD's memory per connection (its
	                              * headers, a buffer); 0: 12 KB */
	int gzip;                    /* http_json compresses answers longer
	                              * than HTTP_GZIP_MIN for a client that
	                              * takes gzip */
};

#define HTTP_GZIP_MIN 1400       /* shorter answers fit one packet */

/* Listen and serve until http_stop().  0, or -1 with the reason in err
 * (not an IP address, a cert/key that cannot be read, the port in use). */
int http_start(const struct http_config *cfg, char *err, size_t errlen);
/* Close every connection and the listening socket; waits for handlers
 * running now to return. */
void http_stop(void);
/* 1 when the server speaks TLS (cookies get Secure, Origin is https). */
int http_tls(void);
/* The port listened on (the one the system chose for port 0), or -1. */
int http_port(void);
/* The monotonic clock in milliseconds, for timing. */
int64_t http_now_ms(void);
/* The wall clock, Unix milliseconds: for what a person reads. */
int64_t http_wall_ms(void);

/* ---- answers: each queues the response and returns MHD's result ------ */

/* A response (taken: destroyed here) with the security headers; the
 * status is remembered for the log. */
enum MHD_Result http_send(struct http_req *r, unsigned status,
                          struct MHD_Response *resp);
/* A JSON body (taken: decref'd here), not to be cached; gzip as the
 * config says. */
enum MHD_Result http_json(struct http_req *r, unsigned status, json_t *j);
/* {"error":{"code":code,"message":msg}}: for a program (a route, a
 * field's shape), in English */
enum MHD_Result http_error(struct http_req *r, unsigned status,
                           const char *code, const char *msg);
/* A refusal a person reads: {"code":code,"message":msg (NULL: en),
 * "words":{"id":id,"en":en}}, the sentence a page shows in each of its
 * languages (the servers take them from the core's catalogue). */
json_t *http_refusal(const char *code, const char *msg, const char *id,
                     const char *en);
/* {"error": http_refusal(...)} */
enum MHD_Result http_refuse(struct http_req *r, unsigned status,
                            const char *code, const char *msg,
                            const char *id, const char *en);
/* text (len bytes, copied) with a content type and a Cache-Control
 * (NULL: "no-store"); gz/gzlen (may be NULL) the same text compressed
 * already (http_gzip), sent to a client that takes gzip. */
enum MHD_Result http_text(struct http_req *r, unsigned status,
                          const char *type, const char *text, size_t len,
                          const char *gz, size_t gzlen, const char *cache);
/* A JSON answer that does not change while the server runs (the
 * catalogue of sentences): made by make(ctx) on the first request,
 * kept with its gzip, then sent from there with Cache-Control cache. */
struct http_kept {
	pthread_mutex_t mu;
	char *text, *gz;
	size_t len, gzlen;
};
#define HTTP_KEPT_INIT { PTHREAD_MUTEX_INITIALIZER, NULL, NULL, 0, 0 }
enum MHD_Result http_kept_json(struct http_req *r, struct http_kept *k,
                               json_t *(*make)(void *ctx), void *ctx,
                               const char *cache);
/* text compressed as gzip into a malloc'ed buffer (*out, *outlen), for
 * an answer kept and sent many times; 0 or -1. */
int http_gzip(const char *text, size_t len, char **out, size_t *outlen);
/* 1 when the client takes gzip (Accept-Encoding). */
int http_gzip_ok(struct http_req *r);
/* A malloc'ed buffer (taken: freed here) of len bytes with type, not to
 * be cached; disposition (may be NULL) its Content-Disposition, e.g.
 * "attachment; filename=\"x.csv\"". */
enum MHD_Result http_buffer(struct http_req *r, unsigned status,
                            const char *type, const char *disposition,
                            char *buf, size_t len);
/* An open file (taken: closed here) of size bytes with type. */
enum MHD_Result http_fd(struct http_req *r, int fd, uint64_t size,
                        const char *type);
/* The www folder's file for the page path (NULL: the request's path):
 * "/" is /index.html, a name without a dot is NAME.html ("/login");
 * 404 for none, 400 for a path with "..", hidden or control characters,
 * 405 for a method other than GET and HEAD. */
enum MHD_Result http_page(struct http_req *r, const char *page);

/* ---- reading the request -------------------------------------------- */

const char *http_header(struct http_req *r, const char *name);
/* A query argument, NULL when absent. */
const char *http_arg(struct http_req *r, const char *name);
/* A cookie's value, NULL when absent. */
const char *http_cookie(struct http_req *r, const char *name);
/* 1 when Origin is this server (scheme and Host): a change must come
 * from the server's own pages. */
int http_origin_ok(struct http_req *r);
/* A change's body: Origin (403 bad_origin), Content-Type JSON (415
 * not_json), a JSON object (400 bad_json).  0 with the object in *body
 * (the caller decrefs it), or -1 with the error answer in *ret. */
int http_post_json(struct http_req *r, json_t **body, enum MHD_Result *ret);

/* ---- held requests ------------------------------------------------- */

/* Hold the request off the server's threads: the handler returns
 * MHD_YES without an answer, and its slow work goes on elsewhere (keep
 * what it needs in r->user).  Once that work calls http_resume(r) (from
 * any thread, exactly once), the handler is called again with the same
 * r and answers.  http_stop() waits for held requests to be resumed. */
void http_suspend(struct http_req *r);
void http_resume(struct http_req *r);

/* ---- long-lived answers (event streams) ------------------------------ */

/* The reaper leaves this connection alone from now on; the socket gets
 * TCP keep-alive probes, so a client that vanished without closing (a
 * cable pulled) is noticed too. */
void http_long_lived(struct http_req *r);
/* The request's socket, -1 if unknown. */
int http_socket(struct http_req *r);
/* 1 when the client closed its side of the connection on fd or the
 * connection failed (reads nothing; for a stream that only writes). */
int http_client_gone(int fd);

#endif
