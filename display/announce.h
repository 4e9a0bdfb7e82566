/* announce.h - the chime and the voice: clips played one after another.
 *
 * Start here for what the room hears.  announce_clips() is the core's
 * voice_clips() (voice.h), pure: it turns an event into clip names ("chime", "nomor_antrian", "a", "0", "0", "7",
 * "silakan_menuju_loket", "3").  The rest plays them through SDL audio:
 * each WAV is loaded once, converted to the device's format with
 * SDL_AudioCVT and appended to the device's queue (SDL_QueueAudio), so
 * announcements follow each other in order without a thread of ours.
 * No audio device, or voice off: the announcer is silent and says so.
 */
#ifndef ANTRI_DISPLAY_ANNOUNCE_H
#define ANTRI_DISPLAY_ANNOUNCE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "queue.h"
#include "voice.h"

#define ANN_NAME_MAX VOICE_NAME_MAX
#define ANN_MAX_CLIPS VOICE_MAX_CLIPS /* clips in one announcement */
#define ANN_CACHE 96
#define ANN_RATE 22050            /* the device format: mono S16 */
#define ANN_DIRS 4                /* folders searched for a clip */

/* Clip names for an event (QE_CALLED, QE_RECALLED or QE_ADMITTED) into
 * names; returns how many (0 for other kinds).  Letters are "a".."z",
 * digits "0".."9", counters 1..20 are one clip "1".."20", higher counters
 * are said digit by digit. */
int announce_clips(enum q_event kind, const char *label, int counter,
                   char names[][ANN_NAME_MAX], int max);

struct ann_clip {
	char name[ANN_NAME_MAX];
	Uint8 *buf;               /* device format; NULL: missing */
	Uint32 len;
};

struct announcer {
	SDL_AudioDeviceID dev;    /* 0: silent */
	SDL_AudioSpec have;
	char dirs[ANN_DIRS][1024];       /* voice clip folders, in order */
	char sound_dirs[ANN_DIRS][1024]; /* where chime.wav is looked for */
	char found[1024];         /* the folder of the voice set, "": none */
	int nclips;
	struct ann_clip clip[ANN_CACHE];
	char why[256];            /* why silent */
};

/* Open the audio device for voice in language lang ("id" or "en").
 * Every clip is looked for in voice_dir (may be NULL: an office's own
 * recordings win), then in the source tree of the running program
 * (/proc/self/exe is BUILD/antri-display: BUILD/../assets/voice/LANG, so
 * a display started from any folder without `make install` speaks), then
 * in ANTRI_SHAREDIR/voice/LANG (installed), then ./assets/voice/LANG;
 * chime.wav likewise in voice_dir, .../assets/sounds, ANTRI_SHAREDIR/
 * sounds.  a->found names the first folder that has the voice set ("" if
 * none has).  enabled 0 gives a silent announcer.  Returns 0 with sound,
 * -1 when silent (a->why says why); the announcer is usable either way. */
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
