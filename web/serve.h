/* serve.h - the parts of antri-serve, the office's network server.
 *
 *   serve_main.c  start-up, options, config, signals, the database pool,
 *                 the status copy; the request's first stop (serve_handle)
 *   auth.c        log-in, sessions (cookies), roles, the log-in limits
 *                 (guessing addresses wait; no account locks) and the
 *                 manager's view of them
 *   api.c         antri-serve's route table (every /api/v1 route, who may
 *                 call it, its handler): HTTP in, queue_* calls, JSON out
 *   api_manage.c  the manager's routes (accounts, PIN, service names,
 *                 printer, reports),
 *                 the voice clips and the pages that need a session
 *   api_ticket.c  the visitor's link: /api/v1/t/<token>
 *   api_error.c   a queue error as an HTTP answer
 *   api_remote.c  remote tickets: a phone's take and cancel, the counter's
 *                 check-in
 *   sse.c         the one data_version watcher, publishing each event to
 *                 the layer's stream hub; opening a stream (replay, limits,
 *                 the staff session's check)
 *   batch.c       group commit: the counters' presses, many per sync,
 *                 each request held (http_suspend) until it is on disk
 *
 * Under them, the HTTP layer that antri-central shares (shared/http:
 * http.h the server, the request, the answers, the pages, the log, the
 * reaper and held requests; hub.h event streams; route.h the route
 * table's row type and its matcher).  The
 * rules stay in the core (queue.h); this program only translates.
 */
#ifndef ANTRI_SERVE_H
#define ANTRI_SERVE_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "http.h"
#include "i18n.h"
#include "queue.h"
#include "qjson.h"

struct serve {
	const char *db_path;
	char www[4096];              /* the pages */
	const config *cfg;           /* [printer], [office] */
	int tls;                     /* cookies get Secure */
	int idle_s, max_s, lock_s;   /* sessions, account lock */
	int timeout_s;               /* whole request / idle connection */
	int heartbeat_s;             /* SSE comment interval */
	int max_conn;                /* connections at once (after the
	                              * descriptor check) */
	int per_address;             /* connections of one address */
	int max_streams;             /* event streams at once */
	int busy_ms;                 /* [database] busy_ms, 0: default */
	volatile int stopping;
};
extern struct serve srv;

/* ---- serve_main.c: a pool of database handles ---------------------- */
/* Borrow a handle (waits for a free one) with this actor on its events;
 * NULL when the database cannot be opened (then *rc says why). */
queue *pool_get(const char *actor, int *rc);
/* Is this long-lived handle (named "who" in the log) still to be used?
 * 1 when its file was replaced (a restored backup) or its -wal removed
 * (what it held is saved into the database first, and logged): close it
 * and open the file again.  0 when all is well; Q_EBUSY when the saving
 * must wait for a reader (do not write through it now). */
int pool_stale(queue *q, const char *who);
void pool_put(queue *q);
/* The office's status (queue_status), from a copy read again only when
 * some connection committed since, or when it is a second old: as fresh
 * as reading it, without fifty clients reading it fifty times. */
int pool_status(struct q_status *st);
/* After a burst: the idle handles' page caches and malloc's free memory
 * go back to the system (the resident size would otherwise stay at the
 * busiest minute's). */
void pool_trim(void);
/* Around a write: one writer of this process at a time. */
void pool_write_lock(void);
void pool_write_unlock(void);

/* The server's handler (http.h): /api/ to api_handle, the rest to
 * api_page. */
enum MHD_Result serve_handle(struct http_req *r);

/* ---- api_error.c ----------------------------------------------------- */
/* A queue error: class and code mapped to HTTP status and code. */
enum MHD_Result api_qerror(struct http_req *r, int err);
/* A refusal a person reads: the catalogue's sentence w in both
 * languages (http_refuse). */
enum MHD_Result api_refuse(struct http_req *r, unsigned status,
                           const char *code, enum i18n_word w);

/* ---- auth.c -------------------------------------------------------- */
/* The logged-in account of the request: Q_OK, Q_ENOSESSION, or Q_E*. */
int auth_user(struct http_req *r, struct q_user *u);
/* The request's session token (its cookie), or NULL. */
const char *auth_token(struct http_req *r);
/* Does this session still hold (not logged out, expired, its account
 * disabled)?  Q_OK, Q_ENOSESSION, or Q_E* (the database: ask again).
 * Writes nothing. */
int auth_still(const char *token);
enum MHD_Result auth_login(struct http_req *r, json_t *body);
enum MHD_Result auth_logout(struct http_req *r);
/* GET locks (manager): the log-in counts and waits of addresses and
 * names, docs/api.md. */
enum MHD_Result auth_locks(struct http_req *r);
/* POST locks/lift (manager): {"address": A} and/or {"account": N}, or
 * {} for every one. */
enum MHD_Result auth_locks_lift(struct http_req *r, json_t *body);

/* ---- api.c --------------------------------------------------------- */
enum MHD_Result api_handle(struct http_req *r);
/* Everything that is not /api/: clips, the pages behind a log-in, then
 * the static pages. */
enum MHD_Result api_page(struct http_req *r);
/* An event as JSON (public: without the actor). */
json_t *api_event_json(const struct q_event_rec *e, int public);
/* The route table, a row a line: "METHOD PATTERN ACCESS". */
void api_routes_print(FILE *f);
/* 1 for events about accounts and PINs, left out of public streams. */
int api_event_private(const struct q_event_rec *e);

/* ---- api_ticket.c: the visitor's link --------------------------------- */
/* GET /api/v1/t/<token>: public; 404 for no such ticket today. */
enum MHD_Result api_ticket(struct http_req *r, const char *token);
/* When the visitor of ticket t (its wait filled at now_ms) should come:
 * {"now":bool,"by":"10:40","id":sentence,"en":sentence} for an EXPECTED
 * ticket (queue_remote_come; "by" and the sentences empty when there is
 * no estimate), JSON null for any other state. */
json_t *api_ticket_come(const struct q_ticket *t, int64_t now_ms);
/* "reminded": 1 when a phone is kept for ticket t's reminders (kept) and
 * a page may say one will come, by the core's q_reminder_ahead beside
 * come (api_ticket_come's answer: "come now" says it itself). */
int api_ticket_reminded(const struct q_ticket *t, json_t *come, int kept);

/* ---- api_remote.c: remote tickets on the office's network ------------- */
/* The [remote] rules of the config, over the core's defaults. */
void remote_rules(struct q_remote_rules *r);
/* POST take {"service":"A"}: public; a remote ticket of today with its
 * check-in code and QR; [serve] take_per_hour per address (429). */
enum MHD_Result api_take(struct http_req *r, json_t *body);
/* POST checkin {"code": CODE or the QR's text}: staff; queue_checkin with
 * the account as actor. */
enum MHD_Result api_checkin(struct http_req *r, const struct q_user *u,
                            json_t *body);
/* POST t/<token>/cancel {"code": its check-in code}: public; the
 * visitor's phone gives its remote ticket back (queue_remote_cancel). */
enum MHD_Result api_remote_cancel(struct http_req *r, const char *token,
                                  json_t *body);

/* ---- api_manage.c (manager only, but the clips and the page gate) --- */
enum MHD_Result manage_users(struct http_req *r);
/* POST users (name NULL: add), users/NAME/disable|enable|passwd. */
enum MHD_Result manage_user_post(struct http_req *r, const struct q_user *u,
                                 const char *name, const char *act,
                                 json_t *body);
/* GET notify: the reminders' counts and dead messages (numbers masked). */
enum MHD_Result manage_notify(struct http_req *r);
enum MHD_Result manage_pin(struct http_req *r, const struct q_user *u,
                           json_t *body);
/* POST services/CODE/name {"name_id": ..., "name_en": ...} (name_en
 * missing or "": the Indonesian one): 200, 404 no_service, 422 with the
 * member named in error.field. */
enum MHD_Result manage_service_name(struct http_req *r, const struct q_user *u,
                                    const char *code, json_t *body);
enum MHD_Result manage_printer(struct http_req *r);
/* format: REP_*, or REP_SVG + a chart_kind for one chart */
enum MHD_Result manage_report(struct http_req *r, int format);
enum { REP_JSON, REP_CSV, REP_PDF, REP_SVG };
/* GET report/chart/NAME.svg: 404 for no such chart, else as
 * manage_report. */
enum MHD_Result manage_report_chart(struct http_req *r, const char *file);
/* GET /clips/LANG/NAME.wav, /clips/chime.wav */
enum MHD_Result manage_clip(struct http_req *r);
/* /manage needs a manager, /counter staff: NULL when the page may be
 * served, else the answer (a redirect to the log-in, or 403). */
int manage_gate(struct http_req *r, int manager, enum MHD_Result *ret);
/* The clip names of an event, or NULL (no announcement). */
json_t *manage_event_clips(const struct q_event_rec *e);

/* ---- batch.c: group commit ------------------------------------------ */
int batch_start(char *err, size_t errlen);
void batch_stop(void);
/* Run fn(q, arg) with the actor in the next transaction of the writer
 * thread, together with the presses waiting at that moment, each in its
 * own savepoint; once it is on disk, done(arg, rc) is called from the
 * writer thread with fn's code, or the commit's error (then fn's work
 * did not happen).  Q_OK, or Q_EBUSY when stopping / Q_ENOMEM (then
 * done is not called). */
int batch_submit(const char *actor, int (*fn)(queue *, void *),
                 void (*done)(void *, int), void *arg);

/* ---- sse.c --------------------------------------------------------- */
/* The watcher's handle and the newest event now. */
int sse_start(char *err, size_t errlen);
/* After http_start (the hub runs): streams from now start at that
 * event, and the watcher publishes what follows. */
int sse_begin(char *err, size_t errlen);
void sse_stop(void);
/* Start a stream of events after id `after` (-1: from now; an older
 * one than today's first event starts there); public streams leave out
 * actors, account events and staff's free text.  503 too_many_streams
 * past max_streams (public ones already past nine tenths of it); a staff
 * stream ends once its session no longer holds; a stream whose client
 * went away ends within a second or two. */
enum MHD_Result sse_respond(struct http_req *r, int64_t after, int public);

#endif
