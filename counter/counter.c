/* counter.c - the counter panel's state and actions; see counter.h.
 *
 * Start at counter_act(): one queue_* call per press, then a fresh snapshot
 * and a sentence for the clerk (say_result).  counter_poll() keeps the
 * snapshot current and the connection alive.
 */
#define _POSIX_C_SOURCE 200809L
#include "counter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t
counter_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
say(struct counter *p, enum counter_msgkind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say(struct counter *p, enum counter_msgkind k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
	p->msgkind = k;
	p->msg_at = counter_mono_ms();
}

/* ---- connection (shared/core/follow.h) ------------------------------- */

static int
system_err(int rc)
{
	return queue_err_class(rc) == Q_CLASS_SYSTEM;
}

/* The clerk's view of a connection error. */
static enum counter_conn
conn_of(int err)
{
	if (err == Q_OK)
		return CC_OK;
	if (err == Q_EBUSY)
		return CC_BUSY;
	if (err == Q_ENODB || err == Q_ENOTDB || err == Q_EREADONLY ||
	    err == Q_ENEWER)
		return CC_NODB;
	return CC_ERROR;
}

/* The follower has no handle (any more): say why, leave transfer mode. */
static void
lost(struct counter *p)
{
	p->conn = conn_of(p->f.err ? p->f.err : Q_ENODB);
	p->conn_err = p->f.err ? p->f.err : Q_ENODB;
	p->transfer_mode = 0;
}

/* A call on the handle failed with rc: a system error drops the
 * connection (retried a second later), anything else leaves it.  Returns
 * 1 when dropped. */
static int
failed(struct counter *p, int rc)
{
	if (!follow_failed(&p->f, rc, counter_mono_ms()))
		return 0;
	lost(p);
	return 1;
}

/* Re-read the snapshot.  On failure the old snapshot stays. */
static int
refresh(struct counter *p)
{
	queue *q = follow_queue(&p->f);
	struct q_status *st;
	struct q_ticket hist[COUNTER_HIST];
	int rc, n = COUNTER_HIST;

	if (!q)
		return Q_ENODB;
	if (!(st = malloc(sizeof *st)))
		return Q_ENOMEM;
	rc = queue_status(q, st);
	if (rc == Q_OK)
		rc = queue_counter_history(q, p->counter, hist, &n);
	if (rc != Q_OK) {
		free(st);
		if (!failed(p, rc)) {
			p->conn = rc == Q_EBUSY ? CC_BUSY : CC_ERROR;
			p->conn_err = rc;
		}
		return rc;
	}
	p->st = *st;
	free(st);
	p->nhist = n;
	memcpy(p->hist, hist, (size_t)n * sizeof hist[0]);
	p->have_status = 1;
	p->me_found = 0;
	for (int i = 0; i < p->st.ncounters; i++) {
		if (p->st.counters[i].number == p->counter) {
			p->me = p->st.counters[i];
			p->me_found = 1;
		}
	}
	if (!p->me_found)
		memset(&p->me, 0, sizeof p->me);
	if (p->transfer_mode && !p->me.has_current)
		p->transfer_mode = 0;
	p->wall_ms = queue_now_ms(q);
	p->snap_mono = counter_mono_ms();
	p->conn = CC_OK;
	p->conn_err = Q_OK;
	return Q_OK;
}

void
counter_init(struct counter *p, const char *db_path, int counter,
             enum lang lang, int guard_ms)
{
	char actor[Q_ACTOR_MAX];

	memset(p, 0, sizeof *p);
	snprintf(actor, sizeof actor, "counter:%d", counter);
	follow_init(&p->f, db_path, actor, COUNTER_BUSY_MS);
	p->counter = counter;
	p->lang = lang;
	p->guard_ms = guard_ms;
	p->conn = CC_NODB;
	p->conn_err = Q_ENODB;
	counter_poll(p, 0);
}

void
counter_fini(struct counter *p)
{
	follow_close(&p->f);
}

/* The follower found the -wal removed and saved what it held: remember
 * when, for the warning line and main.c's log. */
static void
wal_removed(struct counter *p)
{
	time_t t = (time_t)(counter_wall_now(p) / 1000);
	struct tm tm;

	p->wal_mono = counter_mono_ms();
	if (!localtime_r(&t, &tm) || !strftime(p->wal_hhmm, sizeof p->wal_hhmm,
	    "%H:%M", &tm))
		snprintf(p->wal_hhmm, sizeof p->wal_hhmm, "?");
	p->wal_news = 1;
}

int
counter_warning(const struct counter *p, char *buf, size_t len)
{
	char wal[512];
	int clock = p->have_status && p->st.clock_wrong;
	int recent = p->wal_mono && counter_mono_ms() - p->wal_mono <
	    COUNTER_WAL_NOTE_MS;

	if (recent)
		i18n_wal_removed(p->lang, p->wal_hhmm, wal, sizeof wal);
	snprintf(buf, len, "%s%s%s", clock ? i18n_clock_wrong(p->lang) : "",
	    clock && recent ? "  ·  " : "", recent ? wal : "");
	return clock || recent;
}

int
counter_poll(struct counter *p, int force)
{
	int m = follow_poll(&p->f, counter_mono_ms());

	if (m & FOLLOW_WALGONE)
		wal_removed(p);
	if (!follow_queue(&p->f)) {
		lost(p);
		return m != 0;
	}
	if ((m & FOLLOW_CHANGED) || force || p->conn != CC_OK) {
		refresh(p);
		return 1;
	}
	return m != 0;
}

/* ---- reading the snapshot --------------------------------------------- */

const struct q_service *
counter_service(const struct counter *p, char code)
{
	for (int i = 0; i < p->st.nservices; i++)
		if (p->st.services[i].code == code)
			return &p->st.services[i];
	return NULL;
}

void
counter_waiting(const struct counter *p, int *inside, int *outside)
{
	*inside = *outside = 0;
	for (const char *c = p->me.services; *c; c++) {
		const struct q_service *s = counter_service(p, *c);

		if (s && s->open) {
			*inside += s->waiting;
			*outside += s->outside;
		}
	}
}

int
counter_transfer_choices(const struct counter *p, char *codes, int max)
{
	int n = 0;

	for (int i = 0; i < p->st.nservices && n < max; i++) {
		const struct q_service *s = &p->st.services[i];

		if (s->open && (!p->me.has_current ||
		    s->code != p->me.current.service))
			codes[n++] = s->code;
	}
	codes[n] = 0;
	return n;
}

static const char *
svc_name(const struct counter *p, char code)
{
	const struct q_service *s = counter_service(p, code);

	if (!s)
		return "";
	return p->lang == LANG_EN && s->name_en[0] ? s->name_en : s->name_id;
}

void
counter_set_printer(struct counter *p, const struct printer_state *st)
{
	p->ps = *st;
	p->have_printer = 1;
}

int
counter_printer_line(const struct counter *p, char *buf, size_t len)
{
	int bad;

	if (!p->printer) {
		snprintf(buf, len, "%s", "");
		return 0;
	}
	if (!p->have_printer) {
		snprintf(buf, len, "Printer: …");
		return 0;
	}
	bad = print_state_problem(&p->ps);
	if (bad && p->ps.reachable && p->ps.message[0])
		snprintf(buf, len, "Printer: %s (%s)", print_state_text(p->lang,
		    &p->ps), p->ps.message);
	else
		snprintf(buf, len, "Printer: %s", print_state_text(p->lang,
		    &p->ps));
	return bad;
}

/* ---- acting ----------------------------------------------------------- */

/* The clerk's sentence for a refusal or an error. */
static const char *
why(const struct counter *p, int rc, char *buf, size_t len)
{
	enum lang l = p->lang;

	switch (rc) {
	case Q_EBUSY:
		return i18n_w(l, W_C_BUSY);
	case Q_EPAUSED:
		if (p->me_found && p->me.state == Q_COUNTER_CLOSED)
			return i18n_w(l, W_C_IS_CLOSED);
		return i18n_w(l, W_C_IS_PAUSED);
	case Q_ENOTSERVED:
		return i18n_w(l, W_C_NOT_SERVED);
	case Q_ENOCOUNTER:
		snprintf(buf, len, i18n_w(l, W_C_NO_COUNTER), p->counter);
		return buf;
	case Q_ESTATE:
		return i18n_w(l, W_C_BAD_STATE);
	case Q_ENOSERVICE:
		return i18n_w(l, W_C_NO_SERVICE);
	case Q_ENODB: case Q_ENOTDB:
		snprintf(buf, len, i18n_w(l, W_C_NO_DB), p->f.path);
		return buf;
	default:
		if (system_err(rc)) {
			snprintf(buf, len, "%s: %s", i18n_w(l, W_C_DB_ERROR),
			    queue_strerror(rc));
			return buf;
		}
		return i18n_error(l, rc);
	}
}

static void
say_result(struct counter *p, enum counter_act a, int rc,
           const struct q_ticket *t, const char *prev, int paused)
{
	enum lang l = p->lang;
	char buf[COUNTER_MSG_MAX], done[64] = "";
	int in, out;

	if (prev[0] && !(p->me.has_current && !strcmp(p->me.current.label,
	    prev)) && (a == CA_NEXT))
		snprintf(done, sizeof done, i18n_w(l, W_C_DONE_BEFORE), prev);
	if (rc != Q_OK) {
		if (a == CA_NEXT && rc == Q_ENOWAIT) {
			counter_waiting(p, &in, &out);
			say(p, CM_REFUSED, "%s%s", done, i18n_nowait(l, out, buf,
			    sizeof buf));
			return;
		}
		say(p, system_err(rc) ? CM_ERROR : CM_REFUSED, "%s",
		    why(p, rc, buf, sizeof buf));
		return;
	}
	switch (a) {
	case CA_NEXT:
		snprintf(buf, sizeof buf, i18n_w(l, W_C_CALLED), t->label,
		    p->counter);
		say(p, CM_OK, "%s%s", done, buf);
		break;
	case CA_RECALL:
		say(p, CM_OK, i18n_w(l, W_C_RECALLED), t->label);
		break;
	case CA_DONE:
		say(p, CM_OK, i18n_w(l, W_C_FINISHED), t->label);
		break;
	case CA_NOSHOW:
		say(p, CM_OK, i18n_w(l, W_C_NOSHOWED), t->label);
		break;
	case CA_TRANSFER:
		say(p, CM_OK, i18n_w(l, W_C_MOVED), t->label,
		    (char[2]){ t->service, 0 }, svc_name(p, t->service));
		break;
	case CA_PAUSE:
		say(p, CM_OK, "%s", i18n_w(l, paused ? W_C_NOW_PAUSED :
		    W_C_NOW_OPEN));
		break;
	default:
		break;
	}
}

/* 1 when a write may be tried now; otherwise says why not. */
static int
usable(struct counter *p)
{
	char buf[COUNTER_MSG_MAX];

	counter_poll(p, 0);      /* a replaced file, a database back */
	if (!follow_queue(&p->f)) {
		int err = p->conn_err ? p->conn_err : Q_ENODB;

		if (err == Q_ENODB || err == Q_ENOTDB)
			say(p, CM_ERROR, "%s", why(p, err, buf, sizeof buf));
		else
			say(p, CM_ERROR, i18n_w(p->lang, W_C_DB_UNUSABLE),
			    queue_strerror(err));
		return 0;
	}
	return 1;
}

static int
finish(struct counter *p, enum counter_act a, int rc, const struct q_ticket *t,
       const char *prev, int paused)
{
	if (rc == Q_OK)
		p->last_ok[a] = counter_mono_ms();
	if (!failed(p, rc))
		refresh(p);
	say_result(p, a, rc, t, prev, paused);
	return rc;
}

static int
guarded(struct counter *p, enum counter_act a)
{
	return p->guard_ms > 0 && p->last_ok[a] &&
	    counter_mono_ms() - p->last_ok[a] < p->guard_ms;
}

/* T: ask which service to send the current ticket to (transfer mode). */
static int
ask_transfer(struct counter *p, const char *prev)
{
	char buf[COUNTER_MSG_MAX], codes[Q_MAX_SERVICES + 1];

	if (!p->me.has_current) {
		say(p, CM_REFUSED, "%s", why(p, Q_ENOCURRENT, buf, sizeof buf));
		return Q_ENOCURRENT;
	}
	if (!counter_transfer_choices(p, codes, Q_MAX_SERVICES)) {
		say(p, CM_REFUSED, "%s", i18n_w(p->lang, W_C_NO_OTHER));
		return Q_ECLOSED;
	}
	p->transfer_mode = 1;
	say(p, CM_NONE, i18n_w(p->lang, W_C_TRANSFER_ASK), prev);
	return Q_OK;
}

int
counter_act(struct counter *p, enum counter_act a)
{
	struct q_ticket t;
	char prev[Q_LABEL_MAX] = "";
	enum q_cstate want = Q_COUNTER_PAUSED;
	int rc = Q_EINVAL;
	queue *q;

	if (a < 0 || a >= CA_COUNT)
		return Q_EINVAL;
	if (guarded(p, a))
		return 1;
	if (a == CA_TRANSFER && p->transfer_mode) {
		counter_transfer_cancel(p);
		return Q_OK;
	}
	if (!usable(p))
		return p->conn_err ? p->conn_err : Q_ENODB;
	p->transfer_mode = 0;
	memset(&t, 0, sizeof t);
	if (a == CA_TRANSFER || a == CA_PAUSE)
		refresh(p);          /* decide on the freshest state */
	if (!follow_queue(&p->f) && !usable(p))      /* that read lost it */
		return p->conn_err ? p->conn_err : Q_ENODB;
	q = follow_queue(&p->f);
	if (p->me.has_current)
		snprintf(prev, sizeof prev, "%s", p->me.current.label);
	switch (a) {
	case CA_NEXT:
		rc = queue_call_next(q, p->counter, &t);
		break;
	case CA_RECALL:
		rc = queue_recall(q, p->counter, &t);
		break;
	case CA_DONE:
		rc = queue_done(q, p->counter, &t);
		break;
	case CA_NOSHOW:
		rc = queue_noshow(q, p->counter, &t);
		break;
	case CA_TRANSFER:
		return ask_transfer(p, prev);
	case CA_PAUSE:
		if (p->me_found && p->me.state != Q_COUNTER_OPEN)
			want = Q_COUNTER_OPEN;
		rc = queue_counter_set_state(q, p->counter, want);
		break;
	default:
		break;
	}
	return finish(p, a, rc, &t, prev, want == Q_COUNTER_PAUSED);
}

int
counter_transfer_to(struct counter *p, char code)
{
	struct q_ticket t;
	char prev[Q_LABEL_MAX] = "", codes[Q_MAX_SERVICES + 1];
	int rc;

	if (!p->transfer_mode)
		return Q_EINVAL;
	if (code >= 'a' && code <= 'z')
		code = (char)(code - 'a' + 'A');
	counter_transfer_choices(p, codes, Q_MAX_SERVICES);
	if (code < 'A' || code > 'Z' || !strchr(codes, code)) {
		say(p, CM_REFUSED, i18n_w(p->lang, W_C_CHOOSE), codes);
		return Q_ENOSERVICE;
	}
	if (guarded(p, CA_TRANSFER))
		return 1;
	p->transfer_mode = 0;
	if (!usable(p))
		return p->conn_err ? p->conn_err : Q_ENODB;
	if (p->me.has_current)
		snprintf(prev, sizeof prev, "%s", p->me.current.label);
	memset(&t, 0, sizeof t);
	rc = queue_transfer(follow_queue(&p->f), p->counter, code, &t);
	return finish(p, CA_TRANSFER, rc, &t, prev, 0);
}

void
counter_transfer_cancel(struct counter *p)
{
	if (!p->transfer_mode)
		return;
	p->transfer_mode = 0;
	say(p, CM_NONE, "%s", i18n_w(p->lang, W_C_TRANSFER_CANCELLED));
}

int64_t
counter_wall_now(const struct counter *p)
{
	if (!p->have_status)
		return (int64_t)time(NULL) * 1000;
	return p->wall_ms + (counter_mono_ms() - p->snap_mono);
}

static void
button(struct counter_button *b, int act, char code, const char *label,
       const char *key, int enabled)
{
	b->act = act;
	b->code = code;
	snprintf(b->label, sizeof b->label, "%s", label);
	snprintf(b->key, sizeof b->key, "%s", key);
	b->enabled = enabled;
}

int
counter_buttons(const struct counter *p, struct counter_button *b)
{
	enum lang l = p->lang;
	char codes[Q_MAX_SERVICES + 1], name[Q_NAME_MAX + 4], key[2] = "";
	int n, on = follow_queue(&p->f) != NULL, cur = on && p->me.has_current;
	int open = !p->me_found || p->me.state == Q_COUNTER_OPEN;

	if (p->transfer_mode) {
		n = counter_transfer_choices(p, codes, Q_MAX_SERVICES);
		for (int i = 0; i < n; i++) {
			snprintf(name, sizeof name, "%c %s", codes[i],
			    svc_name(p, codes[i]));
			key[0] = codes[i];
			button(&b[i], CB_SERVICE, codes[i], name, key, on);
		}
		button(&b[n], CB_CANCEL, 0, i18n_w(l, W_B_CANCEL), "Esc", 1);
		return n + 1;
	}
	button(&b[0], CA_NEXT, 0, i18n_w(l, W_B_NEXT), "N", on && open);
	button(&b[1], CA_RECALL, 0, i18n_w(l, W_B_RECALL), "R", cur);
	button(&b[2], CA_DONE, 0, i18n_w(l, W_B_DONE), "D", cur);
	button(&b[3], CA_NOSHOW, 0, i18n_w(l, W_B_NOSHOW), "X", cur);
	button(&b[4], CA_TRANSFER, 0, i18n_w(l, W_B_TRANSFER), "T", cur);
	button(&b[5], CA_PAUSE, 0, i18n_w(l, open ? W_B_PAUSE : W_B_RESUME),
	    "P", on);
	return 6;
}
