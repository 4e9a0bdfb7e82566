/* i18n.h - Indonesian first, English second.
 *
 * Strings live where they are used, in pairs: tr(lang, "Ambil nomor",
 * "Take a number").  This file adds the language type and the visitor's and
 * clerk's words for the queue's result codes.  No SDL.
 */
#ifndef ANTRI_I18N_H
#define ANTRI_I18N_H

#include <stddef.h>

enum lang { LANG_ID, LANG_EN };

static inline const char *
tr(enum lang l, const char *id, const char *en)
{
	return l == LANG_EN ? en : id;
}

/* "id" or "en" (anything else: LANG_ID). */
enum lang i18n_parse(const char *s);
const char *i18n_code(enum lang l);
/* The one way antri words a waiting time, on the kiosk, the ticket, the
 * display, the web pages and the command line.  Rounded to the nearest
 * minute: "< 1 menit", "12 menit", "1 jam 05 menit", "2 jam" (7,199 s),
 * and "belum diketahui" / "unknown" for seconds < 0 (no open counter).
 * English: "< 1 min", "12 min", "1 h 05 min", "2 h".  Returns buf. */
const char *i18n_wait(enum lang l, int seconds, char *buf, size_t len);
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
