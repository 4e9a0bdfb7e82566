/* sound.h - the SDL clip player shared by antri-display and antri-kiosk.
 *
 * Start here for how a clip is played; what is said is the caller's
 * (display/announce.c, kiosk/voice.c).  The device is opened in one fixed
 * format (SOUND_RATE Hz, mono, signed 16-bit; SDL converts to the hardware
 * if it differs).  A clip NAME is the first readable NAME.wav in a list of
 * folders (the clip "chime" in its own list), loaded and converted to the
 * device's format once, then cached.  sound_play() appends a sequence of
 * clips with short silences between them to the device's queue
 * (SDL_QueueAudio), so sequences follow each other without a thread of
 * ours.  No audio device, or sound off: the player is silent, says why,
 * and every call is still safe.
 */
#ifndef ANTRI_UI_SOUND_H
#define ANTRI_UI_SOUND_H

#include <stddef.h>

#include <SDL.h>

#define SOUND_RATE 22050          /* the device format: mono S16 */
#define SOUND_CACHE 128           /* clips kept converted */
#define SOUND_DIRS 4              /* folders searched for a clip */
#define SOUND_PATH_MAX 1024
#define SOUND_NAME_MAX 32         /* a clip's name, no ".wav" */

/* Where one voice's clips are: NAME.wav in voice[0], voice[1], ... in
 * order ("" entries are skipped); the clip "chime" in chime[] instead.
 * tag tells voices apart in the cache ("id", "en"; may be ""). */
struct sound_dirs {
	char tag[8];
	char voice[SOUND_DIRS][SOUND_PATH_MAX];
	char chime[SOUND_DIRS][SOUND_PATH_MAX];
};

struct sound_clip {
	char key[SOUND_NAME_MAX + 9];    /* "id/a", "7", "chime" */
	Uint8 *buf;                      /* device format; NULL: missing */
	Uint32 len;
};

struct sound {
	SDL_AudioDeviceID dev;    /* 0: silent */
	SDL_AudioSpec have;
	int nclips;
	struct sound_clip clip[SOUND_CACHE];
	char why[256];            /* why silent */
};

/* Where the clips of voice lang ("id", "en") are, in the one order:
 * own (an office's recordings, [display] or [kiosk] voice_dir; may be
 * NULL or ""), then util_share_dirs("voice/LANG") (util.h: the source
 * tree's when run from a build, then the installed ones); the chime in
 * own, then util_share_dirs("sounds"). */
void sound_dirs_set(struct sound_dirs *d, const char *lang, const char *own);

/* Open the audio device (paused until there is something to play).
 * enabled 0 gives a silent player ("voice is off in the config").
 * Returns 0 with sound, -1 when silent (s->why says why); the player is
 * usable either way. */
int sound_open(struct sound *s, int enabled);
/* Free the cached clips and close the device. */
void sound_close(struct sound *s);

/* The first of the n folders dirs ("" skipped) holding a readable
 * NAME.wav: its index, and its path in path; -1 when none has it. */
int sound_find(const char dirs[][SOUND_PATH_MAX], int n, const char *name,
               char *path, size_t len);

/* Queue the n clips names, found through d, behind whatever still
 * plays: 70 ms of silence between two clips, 180 ms after a "chime",
 * 400 ms after the last.  Missing clips are skipped and named in missing
 * ("a.wav, 7.wav"; may be NULL).  Returns the number queued; 0 when
 * silent. */
int sound_play(struct sound *s, const struct sound_dirs *d,
               char names[][SOUND_NAME_MAX], int n, char *missing,
               size_t mlen);

/* Milliseconds of sound still queued (0 when silent or done). */
int sound_pending_ms(struct sound *s);

/* When everything queued has played, pause the device so an idle screen
 * costs no audio thread work; sound_play() resumes it.  Returns 1 if
 * idle (or silent), 0 while sound still plays. */
int sound_idle(struct sound *s);

#endif
