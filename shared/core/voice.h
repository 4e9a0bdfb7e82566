/* voice.h - what the room hears for an event, as clip names.
 *
 * One rule for every announcer: antri-display plays the names through SDL
 * (display/announce.c), antri-serve sends them with each event of its
 * public stream so the browser's /display plays the same clips
 * (docs/api.md).  Pure: no SDL, no files.
 */
#ifndef ANTRI_VOICE_H
#define ANTRI_VOICE_H

#include "queue.h"

#define VOICE_NAME_MAX 32         /* a clip name: [a-z0-9_], no ".wav" */
#define VOICE_MAX_CLIPS 24        /* clips in one announcement */

/* Clip names for an event (QE_CALLED, QE_RECALLED or QE_ADMITTED) into
 * names, e.g. "chime", "nomor_antrian", "a", "0", "0", "7",
 * "silakan_menuju_loket", "3"; returns how many (0 for other kinds or an
 * empty label, at most max).  Letters are "a".."z", digits "0".."9",
 * counters 1..20 are one clip "1".."20", higher counters are said digit
 * by digit.  Which admissions are announced (those from outside) is the
 * caller's choice. */
int voice_clips(enum q_event kind, const char *label, int counter,
                char names[][VOICE_NAME_MAX], int max);

#endif
