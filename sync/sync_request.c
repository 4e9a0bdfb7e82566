/* sync_request.c - what the head office asks of this office (sync.h,
 * docs/central.md "Requests to an outlet"): remote tickets, bookings
 * and a service's slots.  Start at sync_requests.
 *
 * The head office never writes this office's queue: it inserts a
 * request, this office's antri-sync (woken by LISTEN on its own
 * connection: the office opens no port) takes it, issues it through the
 * core by this office's own rules, clock and day, and answers.  The
 * core issues by the request's id, so a request answered twice (the
 * link lost between the issue and the answer) issues once.  The answer
 * carries the check-in code and QR text once, for the citizen; only
 * their hashes stay here, and the name and phone are blanked centrally
 * (the booking here keeps them for reminders).
 */
#define _POSIX_C_SOURCE 200809L
#include "sync.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAKE_MAX 64

/* A request's outcome as its answer (JSON text to free); a remote
 * ticket's carries this office's [remote] come_min, by which the head
 * office tells the citizen "come now" or "come by". */
static char *
answer_json(int err, const struct q_ticket *t, int come_min,
            const char *code, const char *qr, const char *slot)
{
	json_t *j = json_pack("{s:i}", "error", err);
	char *doc;

	if (j && !err && t)
		json_object_update_new(j, json_pack("{s:s,s:s,s:i,s:i,s:i}",
		    "number", t->label, "day", t->day, "people_ahead",
		    t->people_ahead, "est_wait_s", t->est_wait_s, "come_min",
		    come_min));
	if (j && !err && code && *code)
		json_object_update_new(j, json_pack("{s:s,s:s}", "code", code,
		    "qr", qr));
	if (j && !err && slot && *slot)
		json_object_set_new(j, "slot", json_string(slot));
	doc = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return doc;
}

/* "LENGTH PER_SLOT DAYS FROM_MIN TO_MIN" as rules; 0 or -1. */
static int
slot_rules(const char *text, struct q_slot_rules *r)
{
	char tail;

	return sscanf(text, "%d %d %d %d %d%c", &r->length_min, &r->per_slot,
	    &r->days_ahead, &r->from_min, &r->to_min, &tail) == 5 ? 0 : -1;
}

/* Issue one request here: the core's code (Q_OK or a refusal) and the
 * answer's text. */
static int
issue(struct sync *s, const struct cdb_req *r, char **doc)
{
	char code[Q_CHECKIN_CODE_LEN + 1] = "", qr[Q_CHECKIN_QR_MAX] = "";
	char slot[Q_SLOT_TEXT_MAX] = "";
	struct q_slot_rules sr;
	struct q_ticket t;
	int64_t ms;
	int rc;

	memset(&t, 0, sizeof t);
	if (!strcmp(r->kind, "remote")) {
		rc = queue_request_remote(s->w, r->id, r->service, &s->rules,
		    &t, code, qr);
		*doc = answer_json(rc, rc ? NULL : &t, s->rules.come_min,
		    code, qr, NULL);
	} else if (!strcmp(r->kind, "booking")) {
		if ((ms = q_slot_parse(r->slot)) < 0)
			rc = Q_ENOSLOT;
		else
			rc = queue_request_book(s->w, r->id, r->service, ms,
			    r->name, r->phone, &s->rules, code, qr);
		if (!rc)
			q_slot_text(ms, slot);
		*doc = answer_json(rc, NULL, 0, code, qr, slot);
	} else {
		rc = slot_rules(r->slot, &sr) ? Q_EINVAL :
		    queue_slots_set(s->w, r->service, &sr);
		*doc = answer_json(rc, NULL, 0, NULL, NULL, NULL);
	}
	return rc;
}

/* Issue the n requests r here in one transaction (one sync to disk),
 * their answers into doc[] and ok[]; only once that is committed are
 * they answered.  Q_OK, or the error every one of them is refused
 * with. */
static int
issue_all(struct sync *s, const struct cdb_req *r, int n, char **doc,
          int *ok)
{
	int err, rc;

	if (!s->w && (err = queue_open(&s->w, s->db_path, 0, "central"))) {
		s->w = NULL;
		return err;
	}
	if ((err = queue_batch_begin(s->w)))
		return err;
	for (int i = 0; i < n; i++) {
		rc = issue(s, &r[i], &doc[i]);
		ok[i] = rc == Q_OK;
	}
	if ((err = queue_batch_end(s->w, 1)))
		for (int i = 0; i < n; i++) {
			free(doc[i]);
			doc[i] = NULL;
		}
	return err;
}

int
sync_requests(struct sync *s)
{
	struct cdb_req r[TAKE_MAX];
	char *doc[TAKE_MAX];
	int ok[TAKE_MAX], n, rc, err;

	if (!s->listening) {
		if ((rc = cdb_requests_listen(s->c, s->office)))
			goto lost;
		s->listening = 1;
	}
	do {
		if ((rc = cdb_requests_take(s->c, s->office, r, TAKE_MAX, &n)))
			goto lost;
		if (!n)
			break;
		memset(doc, 0, sizeof doc);
		err = issue_all(s, r, n, doc, ok);
		for (int i = 0; i < n; i++)
			if (err || !doc[i]) {
				free(doc[i]);
				doc[i] = answer_json(err ? err : Q_ENOMEM,
				    NULL, 0, NULL, NULL, NULL);
				ok[i] = 0;
			}
		/* one commit centrally for all the answers */
		rc = cdb_answers(s->c, r, n, ok, (const char *const *)doc);
		for (int i = 0; i < n; i++)
			free(doc[i]);
		if (rc)
			goto lost;
		if (err && queue_err_class(err) == Q_CLASS_SYSTEM) {
			snprintf(s->err, sizeof s->err, "the office's database "
			    "%s: %s (a request from the head office was "
			    "refused)", s->db_path, queue_strerror(err));
			return SYNC_LOCAL;
		}
	} while (n == TAKE_MAX);
	s->asked = 0;
	return SYNC_DONE;
lost:
	return sync_down(s);
}
