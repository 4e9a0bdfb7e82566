/* central_http.h - antri-central's server on the HTTP layer that
 * antri-serve shares (shared/http: MHD's small thread pool with
 * suspended connections, the answers with their security headers and
 * gzip, JSON errors, Origin, the pages of its www folder, the request
 * log, event streams through hub.h).  What is its own is here: the
 * layer's settings for a city's phones, and each server thread's
 * connection to the central database.  What a request does is
 * central_api.c's route table; the live streams are central_live.c.
 * Start at ch_start().
 */
#ifndef ANTRI_CENTRAL_HTTP_H
#define ANTRI_CENTRAL_HTTP_H

#include <stddef.h>

#include "cdb.h"
#include "http.h"

struct ch_opts {
	const char *conninfo;       /* the central database */
	const char *host;           /* listen address or name; "" any */
	int port;                   /* 0: any free one (printed) */
	const char *www;            /* the pages' folder */
	int max_streams;            /* event streams held at once */
};

/* Start serving (and the live listener); the chosen port into *port.
 * 0, or -1 with err. */
int ch_start(const struct ch_opts *o, int *port, char *err, size_t errlen);
/* Stop taking requests, end the streams, join the threads, close the
 * database connections. */
void ch_stop(void);

/* This thread's database connection, made (again) when needed; NULL
 * when the central is unreachable (the reason in err). */
cdb *ch_db(char *err, size_t errlen);
/* A cdb call on ch_db() failed with rc: drop the connection if it is
 * gone, so the next request connects again. */
void ch_db_failed(int rc);
/* The answer to a request whose cdb call on db failed with rc: 503
 * database_error with the database's reason, after ch_db_failed. */
enum MHD_Result ch_db_error(struct http_req *r, cdb *db, int rc);

#endif
