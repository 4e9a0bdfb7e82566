/* kiosk.h - what the kiosk knows and does, without SDL: its screens, what
 * a tap means on each, its timers, the PIN pad, the repeat guard.
 *
 * Start reading at kiosk_tap(), kiosk_result() and kiosk_tick().  One
 * struct kiosk lives in main.c; only the UI thread touches it.  Time is
 * the caller's monotonic clock in ms (SDL_GetTicks64 in main.c, any number
 * in tests/unit/test_kiosk.c), passed to every call that needs it.  Work
 * for the database and the printer leaves as kiosk_job's through the
 * submit callback (main.c hands them to worker.c); their answers come back
 * through kiosk_result().  draw.c paints the state and changes nothing.
 *
 * Screens: HOME -> WAIT -> TICKET | REFUSED -> HOME, and
 * HOME -(3 s press in the top-left corner)-> PIN -> MANAGER -> HOME, and
 * HOME -("I have a booking")-> CHECKIN -(OK)-> WAIT -> TICKET | REFUSED;
 * a barcode scanner's burst of keys ending in Enter goes from HOME or
 * CHECKIN straight to WAIT (kiosk_key()).
 */
#ifndef ANTRI_KIOSK_H
#define ANTRI_KIOSK_H

#include <stdint.h>

#include "i18n.h"
#include "layout.h"
#include "print.h"
#include "queue.h"
#include "worker.h"

#define KIOSK_LONG_PRESS_MS 3000
#define KIOSK_WAIT_SHOW_MS 150     /* show "please wait" only after this */
#define KIOSK_TICKET_TAP_MS 1000   /* a tap on the ticket goes home after
                                    * this (or the repeat guard, if less) */
#define KIOSK_PIN_IDLE_MS 30000
#define KIOSK_MANAGER_IDLE_MS 120000
#define KIOSK_PAD_GUARD_MS 3000    /* home ignores taps this long after the
                                    * PIN pad or the manager's screen */
#define KIOSK_PRINTER_POLL_MS 10000 /* printer state asked this often */
#define KIOSK_CHECKIN_IDLE_MS 30000 /* the keypad goes home after this */
/* A barcode scanner types like a keyboard, but a key every few ms: keys
 * with no pause of KIOSK_SCAN_PAUSE_MS between them, at least
 * Q_CHECKIN_CODE_LEN, ended by Enter at most KIOSK_SCAN_KEY_MS per key
 * after the first, are a scan.  A person's presses are 100 ms and more
 * apart (a burst of 6 and Enter: 600 ms, not 240); an average forgives
 * a scanner's key held up once on a loaded machine. */
#define KIOSK_SCAN_KEY_MS 40
#define KIOSK_SCAN_PAUSE_MS 1000

#define KIOSK_SAY_MAX 24            /* clips in what is said at once */
#define KIOSK_CLIP_MAX 32           /* a clip's name */
#define KIOSK_WAL_NOTE_MS (15 * 60 * 1000) /* a removed -wal is told */

enum kiosk_print { KP_NONE, KP_PRINTING, KP_PRINTED, KP_FAILED };

/* What the home banner says, for its colour. */
enum kiosk_tone { KT_INFO, KT_WARN, KT_BAD };

/* Hands a job to the database or printer threads; 0, or -1 when they are
 * too busy to take it. */
typedef int (*kiosk_submit_fn)(void *ctx, const struct kiosk_job *j);

struct kiosk {
	/* settings */
	enum lang lang_default;
	int guard_ms;                  /* repeat guard */
	int return_s;                  /* ticket screen stays this long */
	int has_printer;
	int voice;                     /* speak answers ([kiosk] voice) */
	kiosk_submit_fn submit;
	void *ctx;

	/* the visitor's choices, reset for the next one */
	enum lang lang;
	int big;                       /* large text, high contrast */

	enum kiosk_screen screen;
	int64_t screen_since;          /* when it was entered */
	int64_t touched;               /* last tap on the PIN or manager screen */
	int64_t home_guard_until;      /* home ignores taps until then */
	int dirty;                     /* draw a frame (main.c clears it) */
	int64_t anim_next;             /* next frame of the wait animation */
	int quit;

	/* the queue, as the watcher last saw it */
	struct q_status st;
	int db_err;                    /* Q_OK, Q_E*, or -1 before the first */

	/* the ticket screen and the refused screen */
	struct q_ticket t;
	int t_repeat;
	enum kiosk_print pstate;
	char pmsg[256];
	int refused_rc;
	char refused_code;
	uint32_t pending_tag;          /* issue in flight: its tap time, or 0 */
	int64_t last_issue_tap;        /* repeat guard, UI side */
	uint32_t shown_tag;            /* tap time of the ticket just shown */
	int checkin;                   /* the ticket or refusal is a check-in's */
	int ci_how;                    /* its enum q_checkin_how */

	/* the check-in keypad, and the keys as they come (a scan?) */
	char ci_code[Q_CHECKIN_CODE_LEN + 1];
	char scan[KIOSK_CHECKIN_TEXT + 1];
	int nscan;                     /* keys of the burst so far */
	int64_t scan_first, scan_last; /* when its first and last came */

	/* the PIN pad */
	char pin[16];
	int pin_rc;                    /* last answer, Q_OK when none */
	int64_t pin_locked_until;      /* lockout ends then (0: none) */
	int pin_shown_s;               /* countdown last drawn */
	int pin_busy;

	/* the manager's screen */
	char m_msg[600];
	int m_ok;                      /* m_msg is good news */

	/* the printer's state: asked on the manager's screen and, on the
	 * home screen, every KIOSK_PRINTER_POLL_MS */
	struct printer_state ps;
	int ps_rc;                     /* 0 answered, -1 not, 1 not asked */
	char ps_msg[256];
	int ps_asking;                 /* a question in flight */
	int64_t ps_next;               /* when to ask again */

	/* what to say (voice on): clip names in say_lang, appended by
	 * kiosk.c, played and emptied by main.c */
	int nsay;
	enum lang say_lang;
	char say[KIOSK_SAY_MAX][KIOSK_CLIP_MAX];

	/* the staff's notes (words_staff_line): when main.c learnt that
	 * the -wal was removed and saved (0: never), at which wall time */
	int64_t wal_at;
	char wal_hhmm[8];
	/* long press in the corner */
	int press;
	int64_t press_start;
};

/* Prepare k: home in lang, nothing known of the queue yet.  guard_ms:
 * the repeat guard; return_s: how long the ticket screen stays; submit and
 * ctx: where jobs go.  Asks nothing yet. */
void kiosk_init(struct kiosk *k, enum lang lang, int guard_ms, int return_s,
                int has_printer, kiosk_submit_fn submit, void *ctx);

/* A press on hit h (index idx, see kiosk_layout_hit) at time now; ts is
 * the input event's own time (the tag of an issue, for the trace). */
void kiosk_tap(struct kiosk *k, enum kiosk_hit h, int idx, uint32_t ts,
               int64_t now);
/* A key that types ch (its text, ASCII), Enter (ch '\n') or Backspace
 * (ch '\b') from a keyboard or a barcode scanner at time now (the key
 * event's own time).  A scan (KIOSK_SCAN_KEY_MS) on the home or check-in
 * screen checks its text in; on the check-in screen a person's typing
 * fills the code as the keypad does, Enter is OK; elsewhere keys do
 * nothing. */
void kiosk_key(struct kiosk *k, int ch, int64_t now);
/* The finger or button went up. */
void kiosk_release(struct kiosk *k);
/* Escape: leaves the PIN pad and the manager's screen. */
void kiosk_escape(struct kiosk *k, int64_t now);
/* The window was asked to close: only the manager's screen may; 1 if so. */
int kiosk_close_request(struct kiosk *k);
/* A worker's answer. */
void kiosk_result(struct kiosk *k, const struct kiosk_result *r, int64_t now);
/* A new status was stored in k->st / k->db_err. */
void kiosk_status(struct kiosk *k);
/* Time-driven changes at now (long press, return home, the lockout's
 * countdown, the printer's state); returns the ms until it needs to run
 * again (at most 60000). */
int kiosk_tick(struct kiosk *k, int64_t now);

/* The service of the home button i, or NULL. */
const struct q_service *kiosk_service_at(const struct kiosk *k, int i);
/* The service with that code, or NULL. */
const struct q_service *kiosk_service_by_code(const struct kiosk *k,
                                              char code);
/* The reason a service cannot be taken now (Q_ECLOSED, Q_EQUOTA), else 0. */
int kiosk_service_unavailable(const struct q_service *s);
/* The service's name in the visitor's language. */
const char *kiosk_service_name(const struct kiosk *k,
                               const struct q_service *s);
/* Seconds of PIN lockout left at now, rounded up; 0 when open. */
int kiosk_pin_left_s(const struct kiosk *k, int64_t now);
/* 1 when the last printer answer says nothing will print. */
int kiosk_printer_blocked(const struct kiosk *k);
/* "home", "wait", ... for the trace. */
const char *kiosk_screen_name(enum kiosk_screen s);

#endif
