/* kiosk.c - the kiosk's screens, taps and timers; see kiosk.h.
 *
 * Start at kiosk_tap(): each screen has its own tap_*() function; the
 * answers of the worker threads arrive in kiosk_result(), and kiosk_tick()
 * moves the screens on with time.  No SDL: tests/unit/test_kiosk.c drives
 * it with made-up times and a submit callback that records the jobs.
 */
#include "kiosk.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void
kiosk_init(struct kiosk *k, enum lang lang, int guard_ms, int return_s,
           int has_printer, kiosk_submit_fn submit, void *ctx)
{
	memset(k, 0, sizeof *k);
	k->lang = k->lang_default = lang;
	k->guard_ms = guard_ms;
	k->return_s = return_s;
	k->has_printer = has_printer;
	k->submit = submit;
	k->ctx = ctx;
	k->db_err = -1;
	k->ps_rc = 1;
	k->screen = KS_HOME;
	k->dirty = 1;
}

static void
go(struct kiosk *k, enum kiosk_screen s, int64_t now)
{
	/* (cancel on the check-in keypad: the same visitor, on home) */
	if (s == KS_HOME && k->screen != KS_HOME && k->screen != KS_PIN &&
	    k->screen != KS_MANAGER && k->screen != KS_CHECKIN) {
		k->lang = k->lang_default;     /* the next visitor */
		k->big = 0;
	}
	/* taps meant for the pad or the manager never land on a service */
	if (s == KS_HOME && (k->screen == KS_PIN || k->screen == KS_MANAGER))
		k->home_guard_until = now + KIOSK_PAD_GUARD_MS;
	if (s == KS_HOME)
		k->ps_next = now;              /* how is the printer? */
	k->screen = s;
	k->screen_since = now;
	k->press = 0;
	k->dirty = 1;
}

/* ---- what is said (voice on) ---------------------------------------- */

static void
say(struct kiosk *k, const char *clip)
{
	if (!k->voice || k->nsay >= KIOSK_SAY_MAX)
		return;
	if (!k->nsay)
		k->say_lang = k->lang;
	snprintf(k->say[k->nsay++], KIOSK_CLIP_MAX, "%s", clip);
}

/* "A007": the clips "a", "0", "0", "7" */
static void
say_label(struct kiosk *k, const char *label)
{
	char one[2] = { 0, 0 };

	for (const char *p = label; *p; p++) {
		if (!isalnum((unsigned char)*p))
			continue;
		one[0] = (char)tolower((unsigned char)*p);
		say(k, one);
	}
}

/* The ticket just issued: its number and where to go. */
static void
say_ticket(struct kiosk *k)
{
	say(k, "chime");
	say(k, "nomor_antrian");
	say_label(k, k->t.label);
	/* outside: held at the door, or an appointment waiting for its slot */
	say(k, k->t.state == Q_ADMITTED ? "masuk_ruang_tunggu" :
	    "tunggu_di_luar");
}

/* Why no number was given. */
static void
say_refusal(struct kiosk *k, int rc)
{
	say(k, "chime");
	say(k, rc == Q_EFULL ? "ruangan_penuh" : rc == Q_EQUOTA ?
	    "kuota_habis" : rc == Q_ECLOSED ? "layanan_ditutup" :
	    "tidak_dapat_melayani");
}

/* Hand a job to the worker; -1 (and a message) when its queue is full. */
static int
submit(struct kiosk *k, struct kiosk_job *j)
{
	j->lang = k->lang;
	snprintf(j->office, sizeof j->office, "%s", k->st.office);
	if (!k->submit || k->submit(k->ctx, j)) {
		snprintf(k->m_msg, sizeof k->m_msg, "%s", tr(k->lang,
		    "Sibuk, coba lagi", "Busy, try again"));
		k->m_ok = 0;
		return -1;
	}
	return 0;
}

static void
tap_service(struct kiosk *k, const struct q_service *s, uint32_t ts,
            int64_t now)
{
	struct kiosk_job j;

	if (k->pending_tag)
		return;                         /* one issue at a time */
	k->checkin = 0;
	if (k->last_issue_tap && now - k->last_issue_tap < k->guard_ms &&
	    k->t.id) {
		go(k, KS_TICKET, now);          /* a repeat: the same number */
		return;
	}
	if (kiosk_service_unavailable(s)) {
		k->refused_rc = kiosk_service_unavailable(s);
		k->refused_code = s->code;
		say_refusal(k, k->refused_rc);
		go(k, KS_REFUSED, now);
		return;
	}
	memset(&j, 0, sizeof j);
	j.kind = KJ_ISSUE;
	j.code = s->code;
	j.tag = ts ? ts : 1;
	snprintf(j.service_name, sizeof j.service_name, "%s",
	    kiosk_service_name(k, s));
	k->refused_code = s->code;
	if (submit(k, &j)) {
		k->refused_rc = Q_EBUSY;        /* nothing was issued */
		say_refusal(k, k->refused_rc);
		go(k, KS_REFUSED, now);
		return;
	}
	k->pending_tag = j.tag;
	k->last_issue_tap = now;
	go(k, KS_WAIT, now);
}

static void
tap_home(struct kiosk *k, enum kiosk_hit h, int idx, uint32_t ts,
         int64_t now)
{
	const struct q_service *s;

	if (h == KH_CORNER) {
		k->press = 1;
		k->press_start = now;
		return;
	}
	if (now < k->home_guard_until)
		return;                         /* a tap meant for the pad */
	if (h == KH_LANG) {
		k->lang = k->lang == LANG_ID ? LANG_EN : LANG_ID;
		k->dirty = 1;
		return;
	}
	if (h == KH_BIG) {
		k->big = !k->big;
		k->dirty = 1;
		return;
	}
	if (h == KH_CHECKIN) {
		memset(k->ci_code, 0, sizeof k->ci_code);
		k->touched = now;
		go(k, KS_CHECKIN, now);
		return;
	}
	if (h != KH_SERVICE || !(s = kiosk_service_at(k, idx)) || k->db_err)
		return;
	tap_service(k, s, ts, now);
}

static void
tap_pin(struct kiosk *k, enum kiosk_hit h, int idx, int64_t now)
{
	struct kiosk_job j;
	size_t n = strlen(k->pin);

	k->screen_since = k->touched = now;     /* idle timer */
	k->dirty = 1;
	switch (h) {
	case KH_PIN_DIGIT:
		if (n + 1 < sizeof k->pin) {
			k->pin[n] = (char)('0' + idx);
			k->pin[n + 1] = 0;
		}
		break;
	case KH_PIN_DEL:
		if (n)
			k->pin[n - 1] = 0;
		break;
	case KH_PIN_CANCEL:
		memset(k->pin, 0, sizeof k->pin);
		go(k, KS_HOME, now);
		break;
	case KH_PIN_OK:
		if (!n || k->pin_busy)
			break;
		memset(&j, 0, sizeof j);
		j.kind = KJ_PIN;
		snprintf(j.pin, sizeof j.pin, "%s", k->pin);
		memset(k->pin, 0, sizeof k->pin);
		k->pin_busy = submit(k, &j) == 0;
		break;
	default:
		break;
	}
}

/* ---- check-in --------------------------------------------------------- */

/* Check text (a code or a QR's text) in: the worker asks the core. */
static void
checkin_submit(struct kiosk *k, const char *text, uint32_t ts, int64_t now)
{
	struct kiosk_job j;

	if (k->pending_tag)
		return;                         /* one at a time */
	memset(&j, 0, sizeof j);
	j.kind = KJ_CHECKIN;
	j.tag = ts ? ts : 1;
	snprintf(j.text, sizeof j.text, "%s", text);
	memset(k->ci_code, 0, sizeof k->ci_code);
	k->checkin = 1;
	k->refused_code = 0;
	if (submit(k, &j)) {
		k->refused_rc = Q_EBUSY;        /* nothing was done */
		go(k, KS_REFUSED, now);
		return;
	}
	k->pending_tag = j.tag;
	go(k, KS_WAIT, now);
}

static void
tap_checkin(struct kiosk *k, enum kiosk_hit h, int idx, int64_t now)
{
	size_t n = strlen(k->ci_code);

	k->touched = now;                       /* idle timer */
	k->dirty = 1;
	switch (h) {
	case KH_CI_KEY:
		if (n < Q_CHECKIN_CODE_LEN && idx >= 0 &&
		    idx < Q_CHECKIN_ALPHA_N) {
			k->ci_code[n] = q_checkin_alphabet[idx];
			k->ci_code[n + 1] = 0;
		}
		break;
	case KH_CI_DEL:
		if (n)
			k->ci_code[n - 1] = 0;
		break;
	case KH_CI_OK:
		if (n == Q_CHECKIN_CODE_LEN)
			checkin_submit(k, k->ci_code, (uint32_t)now, now);
		break;
	case KH_CI_CANCEL:
		memset(k->ci_code, 0, sizeof k->ci_code);
		go(k, KS_HOME, now);
		break;
	default:
		break;
	}
}

void
kiosk_key(struct kiosk *k, int ch, int64_t now)
{
	int here = k->screen == KS_CHECKIN || (k->screen == KS_HOME &&
	    now >= k->home_guard_until && !k->press);
	const char *p;

	if (k->nscan && now - k->scan_last > KIOSK_SCAN_PAUSE_MS)
		k->nscan = 0;                   /* a new burst, or a person */
	if (ch == '\n') {
		if (k->nscan >= Q_CHECKIN_CODE_LEN && here && now -
		    k->scan_first <= (int64_t)k->nscan * KIOSK_SCAN_KEY_MS) {
			/* a scan: its text as it came (a longer one is not a
			 * code; the core says so) */
			k->scan[k->nscan < KIOSK_CHECKIN_TEXT ? k->nscan :
			    KIOSK_CHECKIN_TEXT] = 0;
			k->nscan = 0;
			checkin_submit(k, k->scan, (uint32_t)now, now);
			return;
		}
		k->nscan = 0;
		if (k->screen == KS_CHECKIN)
			tap_checkin(k, KH_CI_OK, 0, now);
		return;
	}
	if (ch == '\b') {
		k->nscan = 0;
		if (k->screen == KS_CHECKIN)
			tap_checkin(k, KH_CI_DEL, 0, now);
		return;
	}
	if (ch <= ' ' || ch > '~') {            /* not from a code */
		k->nscan = 0;
		return;
	}
	if (!k->nscan)
		k->scan_first = now;
	if (k->nscan < KIOSK_CHECKIN_TEXT)
		k->scan[k->nscan] = (char)ch;
	if (k->nscan <= KIOSK_CHECKIN_TEXT)
		k->nscan++;
	k->scan_last = now;
	if (k->screen == KS_CHECKIN &&
	    (p = strchr(q_checkin_alphabet, toupper(ch))))
		tap_checkin(k, KH_CI_KEY, (int)(p - q_checkin_alphabet), now);
}

static void
tap_manager(struct kiosk *k, enum kiosk_hit h, int idx, int64_t now)
{
	struct kiosk_job j;
	const struct q_service *s;

	memset(&j, 0, sizeof j);
	k->screen_since = k->touched = now;
	k->dirty = 1;
	switch (h) {
	case KH_M_LIMIT_DOWN: j.kind = KJ_LIMIT; j.arg = -1; break;
	case KH_M_LIMIT_UP: j.kind = KJ_LIMIT; j.arg = 1; break;
	case KH_M_HOLD: j.kind = KJ_POLICY; j.arg = Q_POLICY_HOLD; break;
	case KH_M_REFUSE: j.kind = KJ_POLICY; j.arg = Q_POLICY_REFUSE; break;
	case KH_M_SERVICE:
		if (!(s = kiosk_service_at(k, idx)))
			return;
		j.kind = KJ_SERVICE_OPEN;
		j.code = s->code;
		j.arg = !s->open;
		break;
	case KH_M_REPRINT: j.kind = KJ_REPRINT; break;
	case KH_M_TESTPRINT: j.kind = KJ_TEST_PRINT; break;
	case KH_M_BACK:
		k->m_msg[0] = 0;
		go(k, KS_HOME, now);
		return;
	case KH_M_QUIT:
		k->quit = 1;
		return;
	default:
		return;
	}
	snprintf(k->m_msg, sizeof k->m_msg, "...");
	k->m_ok = 1;
	submit(k, &j);
}

void
kiosk_tap(struct kiosk *k, enum kiosk_hit h, int idx, uint32_t ts,
          int64_t now)
{
	int64_t after = k->guard_ms < KIOSK_TICKET_TAP_MS ? k->guard_ms :
	    KIOSK_TICKET_TAP_MS;

	switch (k->screen) {
	case KS_HOME:
		tap_home(k, h, idx, ts, now);
		break;
	case KS_TICKET:
	case KS_REFUSED:
		/* not at once: the second tap of a double tap stays here */
		if (now - k->screen_since >= after)
			go(k, KS_HOME, now);
		break;
	case KS_PIN:
		tap_pin(k, h, idx, now);
		break;
	case KS_MANAGER:
		tap_manager(k, h, idx, now);
		break;
	case KS_CHECKIN:
		tap_checkin(k, h, idx, now);
		break;
	default:
		break;
	}
}

void
kiosk_release(struct kiosk *k)
{
	k->press = 0;
}

void
kiosk_escape(struct kiosk *k, int64_t now)
{
	if (k->screen == KS_PIN || k->screen == KS_MANAGER ||
	    k->screen == KS_CHECKIN)
		go(k, KS_HOME, now);
}

int
kiosk_close_request(struct kiosk *k)
{
	if (k->screen == KS_MANAGER)
		k->quit = 1;
	return k->quit;
}

void
kiosk_status(struct kiosk *k)
{
	if (k->screen != KS_WAIT)
		k->dirty = 1;
}

/* ---- answers -------------------------------------------------------- */

static void
result_issue(struct kiosk *k, const struct kiosk_result *r, int64_t now)
{
	if (r->tag != k->pending_tag)
		return;
	k->pending_tag = 0;
	k->checkin = 0;
	if (r->rc == Q_OK) {
		if (!r->repeat || r->t.id != k->t.id) {
			k->t = r->t;
			k->pstate = r->printing ? KP_PRINTING : KP_NONE;
		}
		k->t_repeat = r->repeat;
		k->shown_tag = r->tag;
		if (!r->repeat)
			say_ticket(k);
		go(k, KS_TICKET, now);
	} else {
		k->refused_rc = r->rc;
		say_refusal(k, r->rc);
		k->last_issue_tap = 0;          /* nothing issued: no guard */
		go(k, KS_REFUSED, now);
	}
}

/* A check-in's answer: its ticket, as a walk-in's, or the refusal. */
static void
result_checkin(struct kiosk *k, const struct kiosk_result *r, int64_t now)
{
	if (r->tag != k->pending_tag)
		return;
	k->pending_tag = 0;
	k->checkin = 1;
	if (r->rc == Q_OK) {
		k->t = r->t;
		k->pstate = r->printing ? KP_PRINTING : KP_NONE;
		k->t_repeat = 0;
		k->ci_how = r->how;
		k->shown_tag = r->tag;
		say_ticket(k);
		go(k, KS_TICKET, now);
	} else {
		k->refused_rc = r->rc;
		k->refused_code = 0;
		say(k, "chime");
		go(k, KS_REFUSED, now);
	}
}

static void
result_pin(struct kiosk *k, const struct kiosk_result *r, int64_t now)
{
	k->pin_busy = 0;
	k->pin_rc = r->rc;
	k->pin_locked_until = r->rc == Q_EPINLOCKED ? now +
	    (int64_t)r->locked_s * 1000 : 0;
	if (r->rc == Q_OK && k->screen == KS_PIN) {
		k->m_msg[0] = 0;
		k->ps_rc = 1;
		go(k, KS_MANAGER, now);
		k->touched = now;
		if (k->has_printer) {
			struct kiosk_job j = { .kind = KJ_PRINTER_STATE };
			submit(k, &j);
		}
	}
}

/* The manager's message line after a limit, policy or service change. */
static void
result_saved(struct kiosk *k, const struct kiosk_result *r)
{
	if (r->rc)
		snprintf(k->m_msg, sizeof k->m_msg, "%s",
		    i18n_error(k->lang, r->rc));
	else
		snprintf(k->m_msg, sizeof k->m_msg, "%s", tr(k->lang,
		    "Tersimpan", "Saved"));
	k->m_ok = r->rc == 0;
}

static void
result_print(struct kiosk *k, const struct kiosk_result *r)
{
	if (r->t.id == k->t.id) {
		k->pstate = r->rc == 0 ? KP_PRINTED : KP_FAILED;
		snprintf(k->pmsg, sizeof k->pmsg, "%s", r->msg);
		if (r->rc && k->screen == KS_TICKET)
			say(k, "printer_bermasalah");
	}
	if (r->rc)
		k->ps_next = 0;                 /* what is wrong with it? */
	if (k->screen == KS_MANAGER) {
		snprintf(k->m_msg, sizeof k->m_msg, "%s %s%s%s", r->t.label,
		    r->rc ? tr(k->lang, "gagal dicetak", "not printed") :
		    tr(k->lang, "tercetak", "printed"), r->rc ? ": " : "",
		    r->rc ? r->msg : "");
		k->m_ok = r->rc == 0;
	}
}

void
kiosk_result(struct kiosk *k, const struct kiosk_result *r, int64_t now)
{
	int was = kiosk_printer_blocked(k);

	k->dirty = 1;
	switch (r->kind) {
	case KJ_ISSUE:
		result_issue(k, r, now);
		break;
	case KJ_CHECKIN:
		result_checkin(k, r, now);
		break;
	case KJ_PRINTED:
		result_print(k, r);
		break;
	case KJ_PIN:
		result_pin(k, r, now);
		break;
	case KJ_PRINTER_STATE:
		k->ps = r->ps;
		k->ps_rc = r->rc ? -1 : 0;
		k->ps_asking = 0;
		snprintf(k->ps_msg, sizeof k->ps_msg, "%s", r->msg);
		/* the home screen's question, answered as before: no frame */
		k->dirty = k->screen == KS_MANAGER ||
		    was != kiosk_printer_blocked(k);
		break;
	case KJ_TEST_PRINT:
		snprintf(k->m_msg, sizeof k->m_msg, "%s%s%s", r->rc ?
		    tr(k->lang, "Tes cetak gagal", "Test print failed") :
		    tr(k->lang, "Tes cetak selesai", "Test print done"),
		    r->rc ? ": " : "", r->rc ? r->msg : "");
		k->m_ok = r->rc == 0;
		break;
	case KJ_REPRINT:
		if (r->rc)
			snprintf(k->m_msg, sizeof k->m_msg, "%s",
			    i18n_error(k->lang, r->rc));
		else if (!r->printing)
			snprintf(k->m_msg, sizeof k->m_msg, "%s: %s", r->t.label,
			    tr(k->lang, "printer tidak diatur",
			    "no printer configured"));
		else
			snprintf(k->m_msg, sizeof k->m_msg, "%s: %s", r->t.label,
			    tr(k->lang, "mencetak ulang...", "reprinting..."));
		k->m_ok = r->rc == 0 && r->printing;
		break;
	default:                            /* limit, policy, service */
		result_saved(k, r);
		break;
	}
}

/* ---- time ----------------------------------------------------------- */

/* Go home once `until` is reached, else shorten *wait to reach it. */
static void
home_at(struct kiosk *k, int64_t until, int64_t now, int64_t *wait)
{
	if (now >= until)
		go(k, KS_HOME, now);
	else if (until - now < *wait)
		*wait = until - now;
}

/* The pad goes home after KIOSK_PIN_IDLE_MS without a touch, but never
 * while locked or checking a PIN: digits tapped then are meant for it.
 * The lockout's countdown is redrawn each second. */
static void
tick_pin(struct kiosk *k, int64_t now, int64_t *wait)
{
	int64_t until = k->touched + KIOSK_PIN_IDLE_MS;
	int left = kiosk_pin_left_s(k, now);

	if (left != k->pin_shown_s) {
		k->pin_shown_s = left;
		k->dirty = 1;
	}
	if (left > 0) {
		int64_t next = (k->pin_locked_until - now) % 1000;

		if ((next ? next : 1000) < *wait)
			*wait = next ? next : 1000;
		if (k->pin_locked_until > until)
			until = k->pin_locked_until;
	}
	if (k->pin_busy && now >= until) {
		if (*wait > 100)
			*wait = 100;
		return;
	}
	home_at(k, until, now, wait);
}

/* On the home screen with a printer: ask how it is now and then, so a
 * visitor is told before the tap that no paper ticket will come. */
static void
tick_printer(struct kiosk *k, int64_t now, int64_t *wait)
{
	struct kiosk_job j;

	if (!k->has_printer || k->screen != KS_HOME || k->ps_asking)
		return;
	if (now >= k->ps_next) {
		memset(&j, 0, sizeof j);
		j.kind = KJ_PRINTER_STATE;
		if (submit(k, &j) == 0)
			k->ps_asking = 1;
		k->ps_next = now + KIOSK_PRINTER_POLL_MS;
	}
	if (k->ps_next - now < *wait)
		*wait = k->ps_next - now;
}

int
kiosk_tick(struct kiosk *k, int64_t now)
{
	int64_t wait = 60000, in = now - k->screen_since;

	if (k->press) {
		if (now - k->press_start >= KIOSK_LONG_PRESS_MS) {
			k->pin_rc = Q_OK;
			memset(k->pin, 0, sizeof k->pin);
			go(k, KS_PIN, now);
			k->touched = now;
		} else {
			wait = KIOSK_LONG_PRESS_MS - (now - k->press_start);
		}
	}
	switch (k->screen) {
	case KS_WAIT:                       /* animate: a frame per 100 ms */
		if (in < KIOSK_WAIT_SHOW_MS) {
			wait = KIOSK_WAIT_SHOW_MS - in;
		} else if (now >= k->anim_next) {
			k->dirty = 1;
			k->anim_next = now + 100;
			wait = 100;
		} else if (k->anim_next - now < wait) {
			wait = k->anim_next - now;
		}
		break;
	case KS_TICKET:
	case KS_REFUSED:
		home_at(k, k->screen_since + k->return_s * 1000, now, &wait);
		break;
	case KS_PIN:
		tick_pin(k, now, &wait);
		break;
	case KS_MANAGER:
		home_at(k, k->screen_since + KIOSK_MANAGER_IDLE_MS, now, &wait);
		break;
	case KS_CHECKIN:                    /* walked away: the next visitor */
		if (now >= k->touched + KIOSK_CHECKIN_IDLE_MS) {
			memset(k->ci_code, 0, sizeof k->ci_code);
			k->lang = k->lang_default;
			k->big = 0;
		}
		home_at(k, k->touched + KIOSK_CHECKIN_IDLE_MS, now, &wait);
		break;
	default:
		break;
	}
	tick_printer(k, now, &wait);
	return wait < 0 ? 0 : (int)wait;
}

/* ---- what the screens say ------------------------------------------- */

const struct q_service *
kiosk_service_at(const struct kiosk *k, int i)
{
	return i >= 0 && i < k->st.nservices ? &k->st.services[i] : NULL;
}

const struct q_service *
kiosk_service_by_code(const struct kiosk *k, char code)
{
	for (int i = 0; i < k->st.nservices; i++)
		if (k->st.services[i].code == code)
			return &k->st.services[i];
	return NULL;
}

int
kiosk_service_unavailable(const struct q_service *s)
{
	if (!s->open)
		return Q_ECLOSED;
	if (s->quota > 0 && s->issued_today >= s->quota)
		return Q_EQUOTA;
	return 0;
}

const char *
kiosk_service_name(const struct kiosk *k, const struct q_service *s)
{
	return k->lang == LANG_EN && s->name_en[0] ? s->name_en : s->name_id;
}

int
kiosk_pin_left_s(const struct kiosk *k, int64_t now)
{
	if (k->pin_rc != Q_EPINLOCKED || now >= k->pin_locked_until)
		return 0;
	return (int)((k->pin_locked_until - now + 999) / 1000);
}

int
kiosk_printer_blocked(const struct kiosk *k)
{
	return k->has_printer && (k->ps_rc < 0 || (k->ps_rc == 0 &&
	    print_state_blocked(&k->ps)));
}

const char *
kiosk_screen_name(enum kiosk_screen s)
{
	static const char *const names[KS_COUNT] = { "home", "wait", "ticket",
		"refused", "pin", "manager", "checkin" };
	return s >= 0 && s < KS_COUNT ? names[s] : "-";
}

