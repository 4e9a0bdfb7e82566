/* voice.h - the kiosk's speaker: the clips kiosk.c asks for (k->say),
 * played one after another through SDL audio.
 *
 * With `[kiosk] voice = yes` a tap is answered aloud with the display's own
 * offline clips ("nomor antrian A nol nol tujuh, silakan masuk ke ruang
 * tunggu", or "... tunggu di luar"), and every refusal with its reason, so
 * a visitor who cannot read the screen hears it.  Clips are looked for in
 * [kiosk] voice_dir, then the source tree's assets/voice/LANG when run
 * from a build, then the installed ones (sound_dirs_set, util.h; the
 * chime in .../sounds).  Each WAV is loaded once,
 * converted to the device's format and appended to the device's queue.
 *
 * Playing is the shared clip player's (shared/ui/sound.h); this module
 * only says where the kiosk's clips are.
 */
#ifndef ANTRI_KIOSK_VOICE_H
#define ANTRI_KIOSK_VOICE_H

#include <stddef.h>

#include "i18n.h"
#include "kiosk.h"
#include "sound.h"

struct kiosk_voice {
	struct sound snd;         /* the player; snd.dev 0: silent */
	struct sound_dirs dirs[2];/* per language (LANG_ID, LANG_EN) */
};

/* Open the audio device.  enabled 0 gives a silent voice.  Returns 0 with
 * sound, -1 when silent (v->snd.why says why); usable either way. */
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
