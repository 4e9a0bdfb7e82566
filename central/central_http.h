/* central_http.h - antri-central's HTTP plumbing on libmicrohttpd: one
 * epoll thread per worker (a small pool), event streams as suspended
 * connections (central_live.c), request bodies up to 16 KB, the security
 * headers on every answer, JSON errors, the pages from the www folder,
 * and each worker's own connection to the central database.  What a
 * request does is central_api.c's route table; start at ch_start().
 */
#ifndef ANTRI_CENTRAL_HTTP_H
#define ANTRI_CENTRAL_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

#include "cdb.h"

#define CH_BODY_MAX 16384

struct ch_opts {
	const char *conninfo;       /* the central database */
	const char *host;           /* listen address; "" any */
	int port;                   /* 0: any free one (printed) */
	const char *www;            /* the pages' folder */
	int max_streams;            /* event streams held at once */
};

/* One request as the handlers see it. */
struct ch_req {
	struct MHD_Connection *c;
	const char *method;
	char path[1024];
	char addr[64];              /* the client's address */
	char actor[64];             /* the account once known, else "-" */
	char *body;                 /* a POST's body, 0-terminated */
	size_t len;
	int status;                 /* the answer's, for the log */
	int64_t t0_ms;
	int stream;                 /* answered with an event stream */
};

/* Start serving; the chosen port into *port.  0, or -1 with err. */
int ch_start(const struct ch_opts *o, int *port, char *err, size_t errlen);
/* Stop taking requests, end the streams, join the threads. */
void ch_stop(void);

/* This worker thread's database connection, made (again) when needed;
 * NULL when the central is unreachable (the reason in err). */
cdb *ch_db(char *err, size_t errlen);
/* A cdb call on ch_db() failed with rc: drop the connection if it is
 * gone, so the next request connects again. */
void ch_db_failed(int rc);

/* Answers.  Each adds the security headers (CSP without inline code,
 * no framing, no sniffing, no referrer) and records the status. */
enum MHD_Result ch_send(struct ch_req *r, unsigned status,
                        struct MHD_Response *resp);
/* j (stolen) as compact JSON; gzip when the client takes it and the
 * text is long. */
enum MHD_Result ch_json(struct ch_req *r, unsigned status, json_t *j);
/* text (len bytes, copied) with a content type; gz/gzlen (may be NULL)
 * the same already compressed. */
enum MHD_Result ch_text(struct ch_req *r, unsigned status, const char *type,
                        const char *text, size_t len, const char *gz,
                        size_t gzlen, const char *cache);
/* {"error": {"code": code, "message": msg}}, as antri-serve's */
enum MHD_Result ch_error(struct ch_req *r, unsigned status,
                         const char *code, const char *msg);
/* A file of the www folder (name: letters, digits, '-', '_', one '.'). */
enum MHD_Result ch_file(struct ch_req *r, const char *name);
/* A request header, or NULL. */
const char *ch_header(struct ch_req *r, const char *name);
/* 1 when the client takes gzip. */
int ch_gzip_ok(struct ch_req *r);
/* text compressed as gzip into a malloc'ed buffer (*out, *outlen); 0 or
 * -1. */
int ch_gzip(const char *text, size_t len, char **out, size_t *outlen);

#endif
