/* i18n.h - Indonesian first, English second.
 *
 * The catalogue: every sentence that more than one program shows, and
 * every sentence of the web pages, is a row of one table in i18n.c
 * (enum i18n_word, i18n_w()); antri-serve sends the whole table as
 * GET /api/v1/words, so a page never holds a sentence of its own.  A
 * sentence only one SDL program draws may still live where it is drawn,
 * in a pair: tr(lang, "Ambil nomor", "Take a number").  Placeholders are
 * printf's %s and %d (the pages fill them in order).  Also here: the
 * language type, the one wait formatter, and the words for the queue's
 * result codes.  No SDL.
 */
#ifndef ANTRI_I18N_H
#define ANTRI_I18N_H

#include <stddef.h>
#include <stdint.h>

enum lang { LANG_ID, LANG_EN };

static inline const char *
tr(enum lang l, const char *id, const char *en)
{
	return l == LANG_EN ? en : id;
}

enum i18n_word {
	W_STATE_OUTSIDE,
	W_STATE_ADMITTED,
	W_STATE_CALLED,
	W_STATE_DONE,
	W_STATE_NO_SHOW,
	W_STATE_CANCELLED,
	W_STATE_CANCELLED_WHY,
	W_T_YOUR_NUMBER,
	W_T_AHEAD_DOOR,
	W_T_AHEAD_SERVICE,
	W_T_WAIT,
	W_T_GO_IN,
	W_T_GO_OUTSIDE,
	W_T_LAST_CALLED,
	W_T_GONE,
	W_T_OTHER_LANG,
	W_ROOM_FULL_OUTSIDE,
	W_NOBODY_INSIDE,
	W_E_NOCURRENT,
	W_C_BUSY,
	W_C_IS_CLOSED,
	W_C_IS_PAUSED,
	W_C_NOT_SERVED,
	W_C_NO_COUNTER,
	W_C_BAD_STATE,
	W_C_NO_SERVICE,
	W_C_NO_DB,
	W_C_DB_ERROR,
	W_C_DB_UNUSABLE,
	W_C_DONE_BEFORE,
	W_C_CALLED,
	W_C_RECALLED,
	W_C_FINISHED,
	W_C_NOSHOWED,
	W_C_MOVED,
	W_C_NOW_PAUSED,
	W_C_NOW_OPEN,
	W_C_NO_OTHER,
	W_C_TRANSFER_ASK,
	W_C_CHOOSE,
	W_C_TRANSFER_CANCELLED,
	W_C_TRANSFER_TO,
	W_B_CANCEL,
	W_B_NEXT,
	W_B_RECALL,
	W_B_DONE,
	W_B_NOSHOW,
	W_B_TRANSFER,
	W_B_PAUSE,
	W_B_RESUME,
	W_COUNTER,
	W_COUNTER_N,
	W_PICK_COUNTER,
	W_LOGOUT,
	W_NOW_SERVING,
	W_NO_TICKET,
	W_CSTATE_OPEN,
	W_CSTATE_PAUSED,
	W_CSTATE_CLOSED,
	W_IN_ROOM,
	W_WAITING_OUTSIDE,
	W_SERVICE,
	W_INSIDE,
	W_OUTSIDE,
	W_CLOSED,
	W_CONN_LOST,
	W_D_NUMBER,
	W_D_COUNTER_N,
	W_D_BREAK,
	W_D_LAST_CALLS,
	W_D_PLEASE_ENTER,
	W_D_IN_ROOM,
	W_D_WAITING,
	W_D_OUTSIDE_N,
	W_D_SOUND,
	W_M_TODAY,
	W_M_SETTINGS,
	W_M_STAFF,
	W_M_REPORTS,
	W_M_POLICY,
	W_M_PRINTER,
	W_M_SERVICES,
	W_M_COUNTERS,
	W_M_NAME,
	W_M_ESTIMATE,
	W_M_QUOTA,
	W_M_STATE,
	W_M_TICKET,
	W_M_LAST_EVENTS,
	W_M_LIMIT,
	W_M_ROOM_FULL,
	W_M_HOLD,
	W_M_REFUSE,
	W_M_NOTICE,
	W_M_PIN,
	W_M_ROLE,
	W_M_PASSWORD,
	W_M_ADD,
	W_M_FROM,
	W_M_TO,
	W_M_SHOW,
	W_M_NAME_ID,
	W_M_NAME_EN,
	W_LOGIN_TITLE,
	W_LOGIN,
	W_INDEX_QUEUE,
	W_DISPLAY,
	W_MANAGER,
	W_WAITING,
	W_M_SAVED,
	W_M_DONE,
	W_M_OPEN,
	W_M_CLOSE,
	W_M_PAUSE,
	W_M_PAUSED,
	W_M_CLOSED,
	W_M_RENAME,
	W_M_SAVE,
	W_M_CANCEL,
	W_M_ACTIVE,
	W_M_DISABLED,
	W_M_LOCKED,
	W_M_ENABLE,
	W_M_DISABLE,
	W_M_SET,
	W_M_NEW_PASSWORD,
	W_M_PEAK,
	W_M_BUSINESS_DAYS,
	W_M_CHART_PER_HOUR,
	W_M_CHART_WAIT_HOUR,
	W_M_CHART_SERVICES,
	W_M_CHART_COUNTERS,
	W_M_ALL,
	W_M_SERVICE_X,
	W_M_COUNTER_X,
	W_M_ISSUED,
	W_M_SERVED,
	W_M_NO_SHOW,
	W_M_WAIT_MIN,
	W_M_WAIT_P90,
	W_M_SERVE_MIN,
	W_M_LOCKS,
	W_M_LOCKS_NOTE,
	W_M_ADDRESS,
	W_M_ACCOUNT,
	W_M_WRONG,
	W_M_LOCK_WAIT,
	W_M_RELOAD,
	W_M_LIFT,
	W_M_ANY,
	W_M_REMINDERS,
	W_M_REMINDERS_NOTE,
	W_M_PENDING,
	W_M_SENT,
	W_M_DEAD,
	W_M_NO_DEAD,
	W_M_WHEN,
	W_M_MESSAGE,
	W_M_CHANNEL,
	W_M_TRIES,
	W_M_ERROR,
	W_CX_TITLE,
	W_CX_PICK,
	W_CX_ANY,
	W_CX_NO_NEWS,
	W_CX_OPEN,
	W_CX_CLOSED,
	W_CX_WAITING_N,
	W_CX_OUTSIDE_N,
	W_CX_WAIT,
	W_CX_ROOM,
	W_CX_NONE,
	W_CX_HQ,
	W_CX_BOARD,
	W_CX_OVER_LIMIT,
	W_CX_ROOM_FULL,
	W_CX_LONG_WAIT,
	W_CX_OFFLINE,
	W_CX_PRINTER,
	W_CX_OUTLETS_N,
	W_CX_BACK,
	W_CX_NO_CALLS,
	W_CX_CALL_AT,
	W_CX_BY_OFFICE,
	W_CX_BY_AREA,
	W_CX_BY,
	W_CX_SELECTION,
	W_CX_AREA_X,
	W_CX_TOTAL,
	W_CX_REPORT_OF,
	/* reminders by SMS (antri-notify): %s are the message's words, in
	 * order (a ticket's label, a counter, a time); one row per
	 * q_msg_kind, then the missed booking's */
	W_N_BOOKED,
	W_N_COME,
	W_N_AHEAD,
	W_N_CALLED,
	W_N_MISSED,
	W_N_MISSED_BOOKING,
	/* check-in of a remote ticket or booking at the kiosk */
	W_CI_BUTTON,
	W_CI_TITLE,
	W_CI_IN_PLACE,
	W_CI_LATE,
	W_CI_SLOT,
	W_CI_SLOT_LATE,
	W_CI_NOT_DONE,
	/* remote tickets on the office's network: the /take page, the
	 * ticket page of an EXPECTED ticket, the web counter's check-in */
	W_STATE_EXPECTED,
	W_T_COME_BY,
	W_T_COME_NOW,
	W_T_CODE,
	W_T_CODE_HOW,
	W_T_AHEAD_ALL,
	W_TK_TITLE,
	W_TK_PICK,
	W_TK_NONE,
	W_TK_OPEN_PAGE,
	W_TK_KEEP,
	W_TK_TOO_MANY,
	W_CK_TITLE,
	W_CK_CODE,
	W_CK_BUTTON,
	W_CK_IN_PLACE,
	W_CK_LATE,
	W_CK_SLOT,
	W_CK_SLOT_LATE,
	W_CK_BAD,
	W_T_CANCEL,
	W_T_CANCEL_AGAIN,
	W_T_CANCEL_LATE,
	/* a citizen's remote ticket and booking from the central's
	 * /outlets page (antri-central's /citizen) */
	W_CZ_TAKE,
	W_CZ_BOOK,
	W_CZ_TAKE_TITLE,
	W_CZ_TAKE_HOW,
	W_CZ_BOOK_TITLE,
	W_CZ_DAY,
	W_CZ_TIME,
	W_CZ_FREE_N,
	W_CZ_FULL,
	W_CZ_NO_SLOTS,
	W_CZ_NO_SLOTS_DAY,
	W_CZ_NAME,
	W_CZ_PHONE,
	W_CZ_BAD_PHONE,
	W_CZ_CONFIRM,
	W_CZ_ASKING,
	W_CZ_BOOKED,
	W_CZ_SLOT_AT,
	W_CZ_AHEAD_N,
	W_CZ_NEAREST,
	W_CZ_OTHER,
	W_CZ_BUSY,
	W_CZ_LINK,
	W_CZ_LINK_OPEN,
	W_CZ_REMINDED,
	W_CZ_OVER,
	W_CZ_NOT_YET,
	W_CZ_NO_TICKET,
	W_CZ_CODE_ELSEWHERE,
	W_CZ_REFRESHED,
	W_CZ_WINDOW,
	W_CZ_WINDOW_GONE,
	W_CZ_MISSED,
	/* the web servers' own refusals that a person reads */
	W_WEB_LOCKED,
	W_WEB_BUSY,
	W_WEB_MANAGER_ONLY,
	W_WEB_ADMIN_ONLY,
	W_WEB_USER_RULES,
	W_WEB_PIN_RULES,
	W_WEB_NAME_RULES,
	W_WEB_DAYS,
	W_COUNT
};

/* A sentence of the catalogue in l (never NULL; may hold %s / %d). */
const char *i18n_w(enum lang l, enum i18n_word w);
/* Its key for the web pages ("room_full_outside"). */
const char *i18n_w_key(enum i18n_word w);

/* "id" or "en" (anything else: LANG_ID). */
enum lang i18n_parse(const char *s);
const char *i18n_code(enum lang l);
/* The one way antri words a waiting time, on the kiosk, the ticket, the
 * display, the web pages and the command line.  Rounded to the nearest
 * minute: "< 1 menit", "12 menit", "1 jam 05 menit", "2 jam" (7,199 s),
 * and "belum diketahui" / "unknown" for seconds < 0 (no open counter).
 * English: "< 1 min", "12 min", "1 h 05 min", "2 h".  Returns buf. */
const char *i18n_wait(enum lang l, int seconds, char *buf, size_t len);
/* A time of day, local, as the language writes it: "10.40" (Indonesian),
 * "10:40" (English), from ms since the epoch.  Returns buf. */
const char *i18n_hhmm(enum lang l, int64_t ms, char *buf, size_t len);
/* When a remote ticket's visitor should come, as queue_remote_come
 * answered (now: 1 "come now"; else by_ms, "come by 10.40", 0 unknown):
 * the sentence in buf, or "" when there is no advice.  Returns buf. */
const char *i18n_come(enum lang l, int now, int64_t by_ms, char *buf,
                      size_t len);
/* A ticket's state (enum q_state) as its visitor reads it, in l: "Called
 * to counter 3" with its counter; a cancelled one with its reason when
 * reason is not "".  Returns buf. */
const char *i18n_state(enum lang l, int state, int counter,
                       const char *reason, char *buf, size_t len);
/* A short sentence for a queue result code, in l, for a screen. */
const char *i18n_error(enum lang l, int q_err);
/* What Q_ENOWAIT means for a counter: with outside > 0 people of its
 * services held at the door, "The room is full and nobody has been
 * admitted (N waiting outside)" (they come in as places free: nobody can
 * let them in by hand); else "Nobody waiting inside".  Returns buf. */
const char *i18n_nowait(enum lang l, int outside, char *buf, size_t len);

/* The staff's lines on the three screens (display, counter, kiosk), one
 * sentence each, short enough for a status line:
 * the clock disagrees with the events (q_status.clock_wrong, see
 * docs/time.md): the business day is kept, nothing is cancelled. */
const char *i18n_clock_wrong(enum lang l);
/* The database's -wal file was removed at hhmm ("14:02") and what the
 * program held of it was saved into the database (follow.h,
 * FOLLOW_WALGONE).  Returns buf. */
const char *i18n_wal_removed(enum lang l, const char *hhmm, char *buf,
                             size_t len);

#endif
