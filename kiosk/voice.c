/* voice.c - where the kiosk's clips are; see voice.h.
 *
 * Start at kiosk_voice_open(): per language, [kiosk] voice_dir (no
 * language folder: an office records one set), then the shared files'
 * voice/LANG (sound_dirs_set); the chime in .../sounds.  Playing is
 * shared/ui/sound.c's.
 */
#define _POSIX_C_SOURCE 200809L
#include "voice.h"

#include <stdio.h>
#include <string.h>

_Static_assert(KIOSK_CLIP_MAX == SOUND_NAME_MAX, "a clip name fits the player");

int
kiosk_voice_open(struct kiosk_voice *v, int enabled, const char *voice_dir)
{
	memset(v, 0, sizeof *v);
	for (int l = LANG_ID; l <= LANG_EN; l++)
		sound_dirs_set(&v->dirs[l], i18n_code((enum lang)l), voice_dir);
	return sound_open(&v->snd, enabled);
}

void
kiosk_voice_close(struct kiosk_voice *v)
{
	sound_close(&v->snd);
}

int
kiosk_voice_play(struct kiosk_voice *v, enum lang l,
                 char names[][KIOSK_CLIP_MAX], int n, char *missing,
                 size_t mlen)
{
	return sound_play(&v->snd, &v->dirs[l == LANG_EN], names, n, missing,
	    mlen);
}

int
kiosk_voice_pending_ms(struct kiosk_voice *v)
{
	return sound_pending_ms(&v->snd);
}

int
kiosk_voice_idle(struct kiosk_voice *v)
{
	return sound_idle(&v->snd);
}
