/* voice.h - the kiosk's speaker: the clips kiosk.c asks for (k->say),
 * played one after another through SDL audio.
 *
 * With `[kiosk] voice = yes` a tap is answered aloud with the display's own
 * offline clips ("nomor antrian A nol nol tujuh, silakan masuk ke ruang
 * tunggu", or "... tunggu di luar"), and every refusal with its reason, so
 * a visitor who cannot read the screen hears it.  Clips are looked for in
 * [kiosk] voice_dir, then ANTRI_SHAREDIR/voice/LANG, then
 * ./assets/voice/LANG (the chime in .../sounds).  Each WAV is loaded once,
 * converted to the device's format and appended to the device's queue.
 *
 * The playing half duplicates display/announce.c's (kept apart on purpose
 * while the display is reworked; the two are to become one module in
 * shared/ui).
 */
#ifndef ANTRI_KIOSK_VOICE_H
#define ANTRI_KIOSK_VOICE_H

#include <SDL.h>
#include <stddef.h>

#include "i18n.h"
#include "kiosk.h"

#define KV_CACHE 128
#define KV_RATE 22050             /* the device format: mono S16 */

struct kv_clip {
	char name[KIOSK_CLIP_MAX + 3];   /* "id/a", "en/7", "chime" */
	Uint8 *buf;                      /* device format; NULL: missing */
	Uint32 len;
};

struct kiosk_voice {
	SDL_AudioDeviceID dev;    /* 0: silent */
	SDL_AudioSpec have;
	char dirs[3][1024];       /* voice folders (LANG appended), in order */
	char sound_dirs[3][1024]; /* where chime.wav is looked for */
	int nclips;
	struct kv_clip clip[KV_CACHE];
	char why[256];            /* why silent */
};

/* Open the audio device.  enabled 0 gives a silent voice.  Returns 0 with
 * sound, -1 when silent (v->why says why); usable either way. */
int kiosk_voice_open(struct kiosk_voice *v, int enabled,
                     const char *voice_dir);
void kiosk_voice_close(struct kiosk_voice *v);

/* Queue the n clips names in language l behind whatever still plays.
 * Missing clips are skipped and named in missing (comma separated; may
 * be NULL).  Returns the number queued; 0 when silent. */
int kiosk_voice_play(struct kiosk_voice *v, enum lang l,
                     char names[][KIOSK_CLIP_MAX], int n, char *missing,
                     size_t mlen);

/* Milliseconds of sound still queued (0 when silent or done). */
int kiosk_voice_pending_ms(struct kiosk_voice *v);
/* Pause the device once everything played; 1 if idle (or silent). */
int kiosk_voice_idle(struct kiosk_voice *v);

#endif
