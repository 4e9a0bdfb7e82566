/* voice.c - where the kiosk's clips are; see voice.h.
 *
 * Start at kiosk_voice_open(): per language, [kiosk] voice_dir (no
 * language folder: an office records one set), then
 * ANTRI_SHAREDIR/voice/LANG, then ./assets/voice/LANG; the chime in the
 * matching .../sounds.  Playing is shared/ui/sound.c's.
 */
#define _POSIX_C_SOURCE 200809L
#include "voice.h"

#include <stdio.h>
#include <string.h>

#ifndef ANTRI_SHAREDIR
#define ANTRI_SHAREDIR "/usr/local/share/antri"
#endif

_Static_assert(KIOSK_CLIP_MAX == SOUND_NAME_MAX, "a clip name fits the player");

int
kiosk_voice_open(struct kiosk_voice *v, int enabled, const char *voice_dir)
{
	memset(v, 0, sizeof *v);
	for (int l = LANG_ID; l <= LANG_EN; l++) {
		struct sound_dirs *d = &v->dirs[l];
		const char *code = i18n_code((enum lang)l);

		snprintf(d->tag, sizeof d->tag, "%s", code);
		if (voice_dir && *voice_dir) {
			snprintf(d->voice[0], sizeof d->voice[0], "%s",
			    voice_dir);
			snprintf(d->chime[0], sizeof d->chime[0], "%s",
			    voice_dir);
		}
		snprintf(d->voice[1], sizeof d->voice[1], "%s/voice/%s",
		    ANTRI_SHAREDIR, code);
		snprintf(d->voice[2], sizeof d->voice[2], "assets/voice/%s",
		    code);
		snprintf(d->chime[1], sizeof d->chime[1], "%s/sounds",
		    ANTRI_SHAREDIR);
		snprintf(d->chime[2], sizeof d->chime[2], "assets/sounds");
	}
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
