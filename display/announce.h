/* announce.h - the chime and the voice: clips played one after another.
 *
 * Start here for what the room hears.  announce_clips() is the core's
 * voice_clips() (voice.h), pure: it turns an event into clip names ("chime", "nomor_antrian", "a", "0", "0", "7",
 * "silakan_menuju_loket", "3").  The rest says which folders the clips
 * come from and hands them to the shared clip player (sound.h), which
 * loads, converts, caches and queues them.  No audio device, or voice
 * off: the announcer is silent and says so.
 */
#ifndef ANTRI_DISPLAY_ANNOUNCE_H
#define ANTRI_DISPLAY_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "queue.h"
#include "sound.h"
#include "voice.h"

#define ANN_NAME_MAX VOICE_NAME_MAX
#define ANN_MAX_CLIPS VOICE_MAX_CLIPS /* clips in one announcement */
#define ANN_RATE SOUND_RATE      /* the device format: mono S16 */
#define ANN_DIRS SOUND_DIRS      /* folders searched for a clip */

/* Clip names for an event (QE_CALLED, QE_RECALLED or QE_ADMITTED) into
 * names; returns how many (0 for other kinds).  Letters are "a".."z",
 * digits "0".."9", counters 1..20 are one clip "1".."20", higher counters
 * are said digit by digit. */
int announce_clips(enum q_event kind, const char *label, int counter,
                   char names[][ANN_NAME_MAX], int max);

struct announcer {
	struct sound snd;         /* the player; snd.dev 0: silent */
	struct sound_dirs dirs;   /* voice clip and chime folders, in order */
	char found[1024];         /* the folder of the voice set, "": none */
};

/* Open the audio device for voice in language lang ("id" or "en").
 * Every clip is looked for in voice_dir (may be NULL: an office's own
 * recordings win), then in the shared files' voice/LANG (sound_dirs_set:
 * the source tree's when the program runs from a build, so a display
 * started from any folder without `make install` speaks, then the
 * installed ones); chime.wav likewise in voice_dir, then .../sounds.  a->found names the first folder that has the voice set ("" if
 * none has).  enabled 0 gives a silent announcer.  Returns 0 with sound,
 * -1 when silent (a->snd.why says why); the announcer is usable either way. */
int announce_open(struct announcer *a, int enabled, const char *lang,
                  const char *voice_dir);
void announce_close(struct announcer *a);

/* Queue the announcement for an event behind whatever still plays.  The
 * names of missing clips (skipped) are written to missing, comma
 * separated (may be NULL).  Returns the number of clips queued; 0 when
 * silent. */
int announce_event(struct announcer *a, const struct q_event_rec *e,
                   char *missing, size_t mlen);

/* Milliseconds of sound still queued (0 when silent or done). */
int announce_pending_ms(struct announcer *a);

/* When everything queued has played, pause the device so an idle screen
 * costs no audio thread work; announce_event() resumes it.  Returns 1 if
 * idle (or silent), 0 while sound still plays. */
int announce_idle(struct announcer *a);

#endif
