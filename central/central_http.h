/* central_http.h - antri-central's server on the shared HTTP layer
 * (shared/http: the request, the answers with their security headers,
 * JSON errors, Origin, the route table).  What is its own: the daemon
 * runs MHD's epoll loop in a small pool of threads with suspended
 * connections for event streams (central_live.c) -- the shared daemon's
 * thread per connection cannot hold a city's phones --, the answers
 * compressed with gzip, the pages of its www folder by name, and each
 * worker's own connection to the central database.  What a request does
 * is central_api.c's route table; start at ch_start().
 */
#ifndef ANTRI_CENTRAL_HTTP_H
#define ANTRI_CENTRAL_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

#include "cdb.h"
#include "http.h"


struct ch_opts {
	const char *conninfo;       /* the central database */
	const char *host;           /* listen address; "" any */
	int port;                   /* 0: any free one (printed) */
	const char *www;            /* the pages' folder */
	int max_streams;            /* event streams held at once */
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

/* Answers besides the shared layer's (http_send, http_error...):
 * j (stolen) as compact JSON, gzip when the client takes it and the text
 * is long. */
enum MHD_Result ch_json(struct http_req *r, unsigned status, json_t *j);
/* text (len bytes, copied) with a content type; gz/gzlen (may be NULL)
 * the same already compressed. */
enum MHD_Result ch_text(struct http_req *r, unsigned status, const char *type,
                        const char *text, size_t len, const char *gz,
                        size_t gzlen, const char *cache);
/* A file of the www folder (name: letters, digits, '-', '_', one '.'). */
enum MHD_Result ch_file(struct http_req *r, const char *name);
/* 1 when the client takes gzip. */
int ch_gzip_ok(struct http_req *r);
/* text compressed as gzip into a malloc'ed buffer (*out, *outlen); 0 or
 * -1. */
int ch_gzip(const char *text, size_t len, char **out, size_t *outlen);

#endif
