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

#ifndef ANTRI_SHAREDIR
#define ANTRI_SHAREDIR "/usr/local/share/antri"
#endif

_Static_assert(ANN_NAME_MAX == SOUND_NAME_MAX, "a clip name fits the player");

/* The rule is the core's (voice.c), shared with antri-serve. */
int
announce_clips(enum q_event kind, const char *label, int counter,
               char names[][ANN_NAME_MAX], int max)
{
	return voice_clips(kind, label, counter, names, max);
}

/* The source tree of the running program: /proc/self/exe is
 * TREE/BUILD/antri-display.  0, or -1 when it cannot be read. */
static int
exe_tree(char *out, size_t len)
{
	char exe[1024];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return -1;
	exe[n] = 0;
	for (int up = 0; up < 2; up++) {
		if (!(slash = strrchr(exe, '/')))
			return -1;
		*slash = 0;
	}
	snprintf(out, len, "%s", exe[0] ? exe : "/");
	return 0;
}

int
announce_open(struct announcer *a, int enabled, const char *lang,
              const char *voice_dir)
{
	struct sound_dirs *d = &a->dirs;
	char tree[1024], probe[SOUND_PATH_MAX + 64];
	int i;

	memset(a, 0, sizeof *a);
	if (!lang || (strcmp(lang, "id") && strcmp(lang, "en")))
		lang = "id";
	snprintf(d->tag, sizeof d->tag, "%s", lang);
	if (voice_dir && *voice_dir) {
		snprintf(d->voice[0], sizeof d->voice[0], "%s", voice_dir);
		snprintf(d->chime[0], sizeof d->chime[0], "%s", voice_dir);
	}
	if (exe_tree(tree, sizeof tree) == 0) {
		snprintf(d->voice[1], sizeof d->voice[1],
		    "%.900s/assets/voice/%.8s", tree, lang);
		snprintf(d->chime[1], sizeof d->chime[1], "%.900s/assets/sounds",
		    tree);
	}
	snprintf(d->voice[2], sizeof d->voice[2], "%s/voice/%s",
	    ANTRI_SHAREDIR, lang);
	snprintf(d->chime[2], sizeof d->chime[2], "%s/sounds",
	    ANTRI_SHAREDIR);
	snprintf(d->voice[3], sizeof d->voice[3], "assets/voice/%s", lang);
	snprintf(d->chime[3], sizeof d->chime[3], "assets/sounds");
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
