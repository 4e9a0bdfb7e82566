/* words.h - what the kiosk's screens say: the home screen's banner, the
 * counts on a service's button, the manager's printer lines; and the
 * colours of the large-text, high-contrast mode with the contrast rule
 * they keep.  Pure (kiosk.c's state in, words out); draw.c shows them.
 */
#ifndef ANTRI_KIOSK_WORDS_H
#define ANTRI_KIOSK_WORDS_H

#include <SDL_pixels.h>
#include <stddef.h>

#include "kiosk.h"

/* The home screen's banner into buf; *tone its colour.  Returns buf. */
const char *words_home_banner(const struct kiosk *k, char *buf, size_t len,
                              enum kiosk_tone *tone);
/* The printer's notice for visitors on the home screen,. */
const char *words_home_printer_notice(const struct kiosk *k);
/* The staff's small line in the header, in the office's language (not
 * the visitor's choice): the clock looks wrong (st.clock_wrong), the -wal
 * was removed and saved (within KIOSK_WAL_NOTE_MS of k->wal_at, at now).
 * Returns 1 with the line in buf, 0 with "" when all is well. */
int words_staff_line(const struct kiosk *k, int64_t now, char *buf,
                     size_t len);
/* The counts of a home tile: how many wait for the service inside ("3
 * menunggu", or "3 di dalam" when some wait outside) and outside ("8 di
 * luar", or "" when nobody does). */
void words_tile_count(const struct kiosk *k, const struct q_service *s,
                      char *in, size_t inlen, char *out, size_t outlen);
/* The manager's printer lines: the state in the screen's language, and
 * the printer's own message ("" when none).  Returns 1 when they are bad
 * news. */
int words_printer_lines(const struct kiosk *k, char *state, size_t slen,
                        char *says, size_t mlen);
/* The large-text, high-contrast colours (SDL_Color as a plain struct):
 * the background, text, softer text, and what was coloured. */
enum kiosk_hc { KHC_BG, KHC_TEXT, KHC_SOFT, KHC_ACCENT, KHC_COUNT };
SDL_Color words_hc_colour(enum kiosk_hc c);
/* The contrast ratio of two colours (WCAG 2: 1 to 21). */
double words_contrast(SDL_Color a, SDL_Color b);

#endif
