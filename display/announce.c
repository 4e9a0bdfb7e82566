/* announce.c - clip names for an event, and where the display's clips
 * are.
 *
 * Start at announce_clips() (what is said), then announce_open() (which
 * folders).  Playing is the shared clip player's (shared/ui/sound.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "announce.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

_Static_assert(ANN_NAME_MAX == SOUND_NAME_MAX, "a clip name fits the player");

/* The rule is the core's (voice.c), shared with antri-serve. */
int
announce_clips(enum q_event kind, const char *label, int counter,
               char names[][ANN_NAME_MAX], int max)
{
	return voice_clips(kind, label, counter, names, max);
}

int
announce_open(struct announcer *a, int enabled, const char *lang,
              const char *voice_dir)
{
	struct sound_dirs *d = &a->dirs;
	char probe[SOUND_PATH_MAX + 64];
	int i;

	memset(a, 0, sizeof *a);
	if (!lang || (strcmp(lang, "id") && strcmp(lang, "en")))
		lang = "id";
	sound_dirs_set(d, lang, voice_dir);
	i = sound_find(d->voice, ANN_DIRS, "nomor_antrian", probe,
	    sizeof probe);
	if (i >= 0)
		snprintf(a->found, sizeof a->found, "%s", d->voice[i]);
	return sound_open(&a->snd, enabled);
}

void
announce_close(struct announcer *a)
{
	sound_close(&a->snd);
}

int
announce_event(struct announcer *a, const struct q_event_rec *e,
               char *missing, size_t mlen)
{
	char names[ANN_MAX_CLIPS][ANN_NAME_MAX];
	int n = announce_clips(e->kind, e->label, e->counter, names,
	    ANN_MAX_CLIPS);

	return sound_play(&a->snd, &a->dirs, names, n, missing, mlen);
}

int
announce_pending_ms(struct announcer *a)
{
	return sound_pending_ms(&a->snd);
}

int
announce_idle(struct announcer *a)
{
	return sound_idle(&a->snd);
}
