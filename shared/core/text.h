/* text.h - the rules for text the queue stores and shows: names, notices,
 * office names and reasons are valid UTF-8 without control characters,
 * and a text that must be shortened is cut between characters.
 *
 * The core (queue_admin.c, queue.c) refuses other text with Q_EINVAL, so
 * every front end gets the same rule; front ends may call text_valid()
 * first to refuse bad input before they open anything.  No SDL here.
 */
#ifndef ANTRI_TEXT_H
#define ANTRI_TEXT_H

#include <stddef.h>

/* 1 when s is valid UTF-8 (shortest forms, no surrogates, at most
 * U+10FFFF) and holds no control character: no C0 (U+0000-U+001F, so no
 * tab, newline or ESC), no DEL, no C1 (U+0080-U+009F).  NULL is not. */
int text_valid(const char *s);

/* Copy src into dst (size len > 0), cut at the last character boundary
 * that fits, always NUL-terminated.  Returns the bytes copied.  src is
 * taken as UTF-8: a cut never leaves a partial sequence at the end. */
size_t text_cut(char *dst, size_t len, const char *src);

/* Like text_cut, but first makes any text safe to store and show: each
 * control character becomes a space and each byte that is not part of
 * valid UTF-8 becomes '?'.  For text from outside antri that must be kept
 * rather than refused (a printer's error message). */
size_t text_clean(char *dst, size_t len, const char *src);

#endif
