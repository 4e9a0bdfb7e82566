/* serve_main.c - antri-serve: start-up, options, config, signals, the
 * pool of database handles the request threads share, and the status
 * they all read, kept until the database changes.
 *
 *   antri-serve [--db FILE] [--config FILE] [--listen HOST:PORT]
 *
 * Runs in the foreground until SIGTERM or SIGINT, then stops cleanly
 * (exit 0).  A bad argument or config exits 2; a database that cannot be
 * opened or a port that cannot be bound exits 3.
 */
#define _GNU_SOURCE
#include "serve.h"
#include "config.h"
#include "util.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct serve srv;

#define POOL_N 4

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	queue *q[POOL_N];
	int busy[POOL_N];
} pool = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, {0} };

/* This process's writers queue here instead of in SQLite's busy handler,
 * whose growing sleeps would make the slowest press wait for nothing. */
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

void
pool_write_lock(void)
{
	pthread_mutex_lock(&write_mu);
}

void
pool_write_unlock(void)
{
	pthread_mutex_unlock(&write_mu);
}

enum MHD_Result
serve_handle(struct http_req *r)
{
	if (!strncmp(r->path, "/api/", 5) || !strcmp(r->path, "/api"))
		return api_handle(r);
	return api_page(r);
}

int
pool_stale(queue *q, const char *who)
{
	int rc;

	if (queue_replaced(q))          /* a restored backup, a new init */
		return 1;
	if ((rc = queue_wal_check(q)) == Q_OK)
		return 0;
	if (rc != Q_EWALGONE)           /* Q_EBUSY: the copy waits for a
	                                   reader; not to be written now */
		return rc;
	fprintf(stderr, "antri-serve: %s: the database's -wal file was "
	    "removed; what this handle held of it is saved in the "
	    "database; reopened\n", who);
	return 1;
}

queue *
pool_get(const char *actor, int *rc)
{
	int i;

	*rc = Q_OK;
	pthread_mutex_lock(&pool.mu);
	for (;;) {
		for (i = 0; i < POOL_N && pool.busy[i]; i++)
			;
		if (i < POOL_N)
			break;
		pthread_cond_wait(&pool.cv, &pool.mu);
	}
	pool.busy[i] = 1;
	pthread_mutex_unlock(&pool.mu);
	/* a file replaced under us or its -wal removed: open it again */
	if (pool.q[i] && (*rc = pool_stale(pool.q[i], "a request's handle"))
	    == 1) {
		queue_close(pool.q[i]);
		pool.q[i] = NULL;
		*rc = Q_OK;
	}
	if (!*rc && !pool.q[i] && (*rc = queue_open(&pool.q[i], srv.db_path,
	    0, actor)))
		pool.q[i] = NULL;
	if (*rc) {                      /* kept only when it must wait */
		pthread_mutex_lock(&pool.mu);
		pool.busy[i] = 0;
		pthread_cond_signal(&pool.cv);
		pthread_mutex_unlock(&pool.mu);
		return NULL;
	}
	if (srv.busy_ms > 0)
		queue_set_busy_timeout(pool.q[i], srv.busy_ms);
	queue_set_actor(pool.q[i], actor);
	return pool.q[i];
}

void
pool_put(queue *q)
{
	pthread_mutex_lock(&pool.mu);
	for (int i = 0; i < POOL_N; i++)
		if (pool.q[i] == q)
			pool.busy[i] = 0;
	pthread_cond_signal(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
}

/* The status, read once per change: its own handle, whose data_version
 * tells whether anyone (this process's pool, the kiosk, the CLI)
 * committed since the copy was read; and at least once a second, for
 * what depends on the clock (the day, the clock check). */
#define STATUS_MAX_AGE_MS 1000

static struct {
	pthread_mutex_t mu;
	queue *q;
	struct q_status st;
	int valid;
	int64_t at_ms;
} stc = { PTHREAD_MUTEX_INITIALIZER, NULL, { .day = "" }, 0, 0 };

static int
status_read(void)
{
	int64_t now = http_now_ms();
	int rc, changed;

	if (stc.q && (rc = pool_stale(stc.q, "the status handle"))) {
		if (rc != 1)
			return rc;
		queue_close(stc.q);
		stc.q = NULL;
	}
	if (!stc.q) {
		stc.valid = 0;
		if ((rc = queue_open(&stc.q, srv.db_path, 0, "web"))) {
			stc.q = NULL;
			return rc;
		}
		if (srv.busy_ms > 0)
			queue_set_busy_timeout(stc.q, srv.busy_ms);
	}
	/* before the read: a commit after it shows at the next look */
	if ((changed = queue_changed(stc.q)) < 0)
		return changed;
	if (stc.valid && !changed && now - stc.at_ms < STATUS_MAX_AGE_MS)
		return Q_OK;
	stc.valid = 0;
	if ((rc = queue_status(stc.q, &stc.st)))
		return rc;
	stc.valid = 1;
	stc.at_ms = now;
	return Q_OK;
}

int
pool_status(struct q_status *st)
{
	int rc;

	pthread_mutex_lock(&stc.mu);
	if (!(rc = status_read()))
		memcpy(st, &stc.st, sizeof *st);
	pthread_mutex_unlock(&stc.mu);
	return rc;
}

void
pool_trim(void)
{
	pthread_mutex_lock(&pool.mu);
	for (int i = 0; i < POOL_N; i++)
		if (pool.q[i] && !pool.busy[i])
			queue_release_memory(pool.q[i]);
	pthread_mutex_unlock(&pool.mu);
	if (pthread_mutex_trylock(&stc.mu) == 0) {
		if (stc.q)
			queue_release_memory(stc.q);
		pthread_mutex_unlock(&stc.mu);
	}
	malloc_trim(0);
}

static void
pool_close(void)
{
	for (int i = 0; i < POOL_N; i++) {
		queue_close(pool.q[i]);
		pool.q[i] = NULL;
	}
	queue_close(stc.q);
	stc.q = NULL;
	stc.valid = 0;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: antri-serve [--db FILE] [--config FILE] "
	    "[--listen HOST:PORT]\n       antri-serve --routes\n\n"
	    "The office's network server: the web counter panel and the JSON "
	    "API (docs/api.md).\nListens on [serve] listen of the config "
	    "(default 0.0.0.0:8080); stops on SIGTERM.\n");
}

/* "host:port", "[v6]:port" or ":port"; 0 on success. */
static int
parse_listen(const char *s, char *host, size_t len, int *port)
{
	const char *colon = strrchr(s, ':');
	char *end;
	long p;
	size_t n;

	if (!colon)
		return -1;
	p = strtol(colon + 1, &end, 10);
	if (*end || colon[1] == 0 || p < 1 || p > 65535)
		return -1;
	n = (size_t)(colon - s);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n >= len)
		return -1;
	memcpy(host, s, n);
	host[n] = 0;
	if (!*host)
		snprintf(host, len, "0.0.0.0");
	*port = (int)p;
	return 0;
}

/* The pages: [serve] www, else the tree's web/www for a program run from
 * its build folder, else the installed www (util_tree_path). */
static void
find_www(const config *cfg)
{
	snprintf(srv.www, sizeof srv.www, "%s",
	    config_str(cfg, "serve", "www", ""));
	if (!srv.www[0])
		util_tree_path("web/www", "www", srv.www, sizeof srv.www);
}

static int
take(int argc, char **argv, int *i, const char **out)
{
	const char *a = argv[*i], *eq = strchr(a, '=');

	if (eq) {
		*out = eq + 1;
		return 0;
	}
	if (*i + 1 >= argc)
		return -1;
	*out = argv[++*i];
	return 0;
}

static int
parse_args(int argc, char **argv, const char **db, const char **cfgp,
           const char **listen)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = !strncmp(a, "--db", 4) && (!a[4] || a[4] == '=')
		    ? db : !strncmp(a, "--config", 8) && (!a[8] || a[8] == '=')
		    ? cfgp : !strncmp(a, "--listen", 8) && (!a[8] || a[8] == '=')
		    ? listen : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		}
		if (!strcmp(a, "--routes")) {     /* the table, for tests/docs */
			api_routes_print(stdout);
			exit(0);
		}
		if (!dst || take(argc, argv, &i, dst) || !**dst) {
			fprintf(stderr, "antri-serve: bad argument '%s'\n", a);
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

static int
load_settings(config *cfg, const char *listen, char *host, size_t hlen,
              int *port)
{
	if (!listen)
		listen = config_str(cfg, "serve", "listen", "0.0.0.0:8080");
	if (parse_listen(listen, host, hlen, port)) {
		fprintf(stderr, "antri-serve: listen '%s': give HOST:PORT, e.g. "
		    "0.0.0.0:8080\n", listen);
		return -1;
	}
	srv.idle_s = (int)config_int(cfg, "serve", "session_idle_s", 43200);
	srv.max_s = (int)config_int(cfg, "serve", "session_max_s", 604800);
	srv.lock_s = (int)config_int(cfg, "serve", "lock_s", 300);
	srv.timeout_s = (int)config_int(cfg, "serve", "timeout_s", 10);
	srv.heartbeat_s = (int)config_int(cfg, "serve", "heartbeat_s", 15);
	srv.max_conn = (int)config_int(cfg, "serve", "max_connections", 1200);
	srv.per_address = (int)config_int(cfg, "serve", "per_address", 64);
	srv.max_streams = (int)config_int(cfg, "serve", "max_streams", 900);
	srv.busy_ms = (int)config_int(cfg, "database", "busy_ms", 0);
	find_www(cfg);
	srv.cfg = cfg;
	return 0;
}

/* Descriptors the server needs besides its connections: the standard
 * three, the listening socket, the database handles (the pool, the
 * status copy and the watcher: a file, its -wal and -shm each), MHD's
 * own, a report being written, with room to spare. */
#define FD_OWN 64

/* Every connection may hold two descriptors (its socket, a page or clip
 * being sent).  The soft limit is raised to cover max_connections, up to
 * the hard limit; when even that does not, max_connections is lowered to
 * what it covers, and the log says so: a server out of descriptors
 * half-serves (pages 404, new connections hang) instead of refusing
 * cleanly at its connection limit.  Then max_streams is kept to three
 * quarters of the connections, so pages and presses always find room.
 * -1 when not even 8 connections fit. */
static int
fd_budget(void)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)srv.max_conn * 2 + FD_OWN;
	int was = srv.max_conn;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 0;
	if (rl.rlim_cur < need && rl.rlim_cur < rl.rlim_max) {
		struct rlimit up = rl;

		up.rlim_cur = need < rl.rlim_max ? need : rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl = up;
	}
	if (rl.rlim_cur < need) {
		long fit = rl.rlim_cur > FD_OWN ?
		    (long)(rl.rlim_cur - FD_OWN) / 2 : 0;

		if (fit < 8) {
			fprintf(stderr, "antri-serve: the open-files limit (%llu) "
			    "leaves no room for connections; raise it "
			    "(LimitNOFILE=)\n", (unsigned long long)rl.rlim_cur);
			return -1;
		}
		srv.max_conn = (int)fit;
		fprintf(stderr, "antri-serve: the open-files limit (%llu) covers "
		    "%d connections: max_connections lowered from %d to %d "
		    "(raise LimitNOFILE= to %llu)\n",
		    (unsigned long long)rl.rlim_cur, srv.max_conn, was,
		    srv.max_conn, (unsigned long long)need);
	}
	if (srv.max_streams > srv.max_conn * 3 / 4) {
		srv.max_streams = srv.max_conn * 3 / 4;
		fprintf(stderr, "antri-serve: max_streams lowered to %d (three "
		    "quarters of max_connections)\n", srv.max_streams);
	}
	return 0;
}

/* Block until SIGTERM or SIGINT. */
static void
wait_signal(const sigset_t *set)
{
	int sig = 0;

	while (sigwait(set, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	fprintf(stderr, "antri-serve: signal %d, stopping\n", sig);
}

int
main(int argc, char **argv)
{
	const char *dbarg = NULL, *cfgarg = NULL, *listen = NULL, *cert, *key;
	char err[512], host[256];
	config *cfg = NULL;
	struct http_config hc = { 0 };
	sigset_t set;
	queue *q;
	int port = 8080, rc;

	setvbuf(stderr, NULL, _IOLBF, 0);
	/* the server's threads, the writer, the watcher: without this
	 * glibc gives many of them an arena of their own, and idle memory
	 * grows with them */
	mallopt(M_ARENA_MAX, 2);
	if (parse_args(argc, argv, &dbarg, &cfgarg, &listen))
		return 2;
	if (config_load(&cfg, cfgarg, err, sizeof err)) {
		fprintf(stderr, "antri-serve: %s\n", err);
		return 2;
	}
	srv.db_path = config_db_path(cfg, dbarg);
	if (load_settings(cfg, listen, host, sizeof host, &port)) {
		config_free(cfg);
		return 2;
	}
	cert = config_str(cfg, "serve", "tls_cert", NULL);
	key = config_str(cfg, "serve", "tls_key", NULL);
	if (!cert != !key) {
		fprintf(stderr, "antri-serve: give both [serve] tls_cert and "
		    "tls_key, or neither\n");
		config_free(cfg);
		return 2;
	}
	srv.tls = cert != NULL;
	if (!(q = pool_get("web", &rc))) {
		fprintf(stderr, "antri-serve: %s: %s\n", srv.db_path,
		    queue_strerror(rc));
		config_free(cfg);
		return 3;
	}
	pool_put(q);
	/* the threads started below inherit the blocked signals */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	sigdelset(&set, SIGPIPE);
	if (fd_budget()) {
		config_free(cfg);
		return 3;
	}
	hc.host = host;
	hc.port = port;
	hc.cert = cert;
	hc.key = key;
	hc.max_conn = srv.max_conn;
	hc.per_address = srv.per_address;
	hc.timeout_s = srv.timeout_s;
	hc.www = srv.www;
	hc.handle = serve_handle;
	hc.after_burst = pool_trim;
	hc.heartbeat_s = srv.heartbeat_s;
	if (sse_start(err, sizeof err) || batch_start(err, sizeof err) ||
	    http_start(&hc, err, sizeof err) || sse_begin(err, sizeof err)) {
		fprintf(stderr, "antri-serve: %s\n", err);
		srv.stopping = 1;
		http_stop();
		batch_stop();
		sse_stop();
		pool_close();
		config_free(cfg);
		return 3;
	}
	fprintf(stderr, "antri-serve: listening on %s:%d (%s), database %s, "
	    "pages %s; connections %d, %d per address, streams "
	    "%d\n", host, port, srv.tls ? "https" : "http", srv.db_path,
	    srv.www, srv.max_conn, srv.per_address,
	    srv.max_streams);
	wait_signal(&set);
	srv.stopping = 1;
	http_stop();
	batch_stop();
	sse_stop();
	pool_close();
	config_free(cfg);
	return 0;
}
