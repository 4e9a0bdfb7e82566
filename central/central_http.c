/* central_http.c - see central_http.h.  Start at ch_start(): the shared
 * layer's settings (two threads, each an epoll loop; a stream costs a
 * suspended connection, not a thread), then ch_db(), a connection per
 * thread that asks for one (the server's threads, the askers of
 * central_ask.c).
 */
#define _GNU_SOURCE
#include "central_http.h"
#include "central_api.h"
#include "central_ask.h"
#include "central_live.h"

#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define THREADS 2
#define CONN_MEM 8192              /* per connection: headers, a block */
#define TIMEOUT_S 60               /* to send a request; idle */
#define RING 512                   /* messages kept for streams behind */

static const char *conninfo;

/* every thread's connection, closed at the end */
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
		snprintf(err, errlen, "too many threads");
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

enum MHD_Result
ch_db_error(struct http_req *r, cdb *db, int rc)
{
	char msg[600];

	snprintf(msg, sizeof msg, "the central database: %s", cdb_error(db));
	ch_db_failed(rc);
	return http_error(r, 503, "database_error", msg);
}

/* The listen address as the layer takes it: a name ("localhost") or ""
 * (any) becomes its first address. */
static int
numeric_host(const char *host, int port, char *out, size_t len, char *err,
             size_t errlen)
{
	struct addrinfo hints, *ai = NULL;
	char sport[16];

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(sport, sizeof sport, "%d", port);
	if (getaddrinfo(host[0] ? host : NULL, sport, &hints, &ai) || !ai ||
	    getnameinfo(ai->ai_addr, ai->ai_addrlen, out, (socklen_t)len, NULL,
	    0, NI_NUMERICHOST)) {
		if (ai)
			freeaddrinfo(ai);
		snprintf(err, errlen, "cannot listen on %s:%d: no such address",
		    host, port);
		return -1;
	}
	freeaddrinfo(ai);
	return 0;
}

int
ch_start(const struct ch_opts *o, int *port, char *err, size_t errlen)
{
	struct http_config hc;
	char host[NI_MAXHOST];

	conninfo = o->conninfo;
	if (numeric_host(o->host, o->port, host, sizeof host, err, errlen))
		return -1;
	memset(&hc, 0, sizeof hc);
	hc.host = host;
	hc.port = o->port;
	hc.max_conn = o->max_streams + 256;
	hc.per_address = 0;         /* a proxy's phones share its address */
	hc.timeout_s = TIMEOUT_S;
	hc.www = o->www;
	hc.handle = ca_handle;
	hc.threads = THREADS;
	hc.stream_ring = RING;
	hc.conn_memory = CONN_MEM;
	hc.gzip = 1;
	/* the askers first: a citizen's request may come at once */
	if (cask_start()) {
		snprintf(err, errlen, "cannot start a thread");
		return -1;
	}
	if (http_start(&hc, err, errlen)) {
		cask_stop();
		return -1;
	}
	if (cl_start(conninfo, o->max_streams)) {
		cask_stop();
		http_stop();
		snprintf(err, errlen, "cannot start a thread");
		return -1;
	}
	*port = http_port();
	return 0;
}

void
ch_stop(void)
{
	cl_stop();
	/* held requests come back (answered or cut off) while the
	 * server still runs */
	cask_stop();
	http_stop();
	pthread_mutex_lock(&dbs.mu);
	for (int i = 0; i < dbs.n; i++) {
		cdb_close(dbs.all[i]);
		dbs.all[i] = NULL;
	}
	pthread_mutex_unlock(&dbs.mu);
}
