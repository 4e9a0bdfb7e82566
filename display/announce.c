/* announce.c - clip names for an event, and playing them in sequence.
 *
 * Start at announce_clips() (what is said), then announce_event() (how it
 * is played).  The device is opened in one fixed format (ANN_RATE Hz,
 * mono, signed 16-bit); SDL converts to the hardware if it differs, and
 * every clip is converted to that format once, on first use.
 */
#define _POSIX_C_SOURCE 200809L
#include "announce.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef ANTRI_SHAREDIR
#define ANTRI_SHAREDIR "/usr/local/share/antri"
#endif

#define GAP_MS 70                 /* silence between two clips */
#define CHIME_GAP_MS 180          /* after the chime */
#define END_GAP_MS 400            /* after a whole announcement */

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
	SDL_AudioSpec want;
	char tree[1024];

	memset(a, 0, sizeof *a);
	if (!lang || (strcmp(lang, "id") && strcmp(lang, "en")))
		lang = "id";
	if (voice_dir && *voice_dir) {
		snprintf(a->dirs[0], sizeof a->dirs[0], "%s", voice_dir);
		snprintf(a->sound_dirs[0], sizeof a->sound_dirs[0], "%s",
		    voice_dir);
	}
	if (exe_tree(tree, sizeof tree) == 0) {
		snprintf(a->dirs[1], sizeof a->dirs[1], "%.900s/assets/voice/%.8s",
		    tree, lang);
		snprintf(a->sound_dirs[1], sizeof a->sound_dirs[1],
		    "%.900s/assets/sounds", tree);
	}
	snprintf(a->dirs[2], sizeof a->dirs[2], "%s/voice/%s",
	    ANTRI_SHAREDIR, lang);
	snprintf(a->sound_dirs[2], sizeof a->sound_dirs[2], "%s/sounds",
	    ANTRI_SHAREDIR);
	snprintf(a->dirs[3], sizeof a->dirs[3], "assets/voice/%s", lang);
	snprintf(a->sound_dirs[3], sizeof a->sound_dirs[3], "assets/sounds");
	for (int i = 0; i < ANN_DIRS && !a->found[0]; i++) {
		char probe[1200];

		snprintf(probe, sizeof probe, "%s/nomor_antrian.wav",
		    a->dirs[i]);
		if (a->dirs[i][0] && access(probe, R_OK) == 0)
			snprintf(a->found, sizeof a->found, "%s", a->dirs[i]);
	}
	if (!enabled) {
		snprintf(a->why, sizeof a->why, "voice is off in the config");
		return -1;
	}
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(a->why, sizeof a->why, "no audio: %s", SDL_GetError());
		return -1;
	}
	SDL_zero(want);
	want.freq = ANN_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	/* allowed_changes 0: SDL converts to the hardware for us */
	a->dev = SDL_OpenAudioDevice(NULL, 0, &want, &a->have, 0);
	if (!a->dev) {
		snprintf(a->why, sizeof a->why, "no audio device: %s",
		    SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	return 0;                  /* paused until there is something */
}

void
announce_close(struct announcer *a)
{
	for (int i = 0; i < a->nclips; i++)
		SDL_free(a->clip[i].buf);
	a->nclips = 0;
	if (a->dev) {
		SDL_CloseAudioDevice(a->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	a->dev = 0;
}

/* Load path and convert it to the device's format; NULL on failure. */
static Uint8 *
load_converted(struct announcer *a, const char *path, Uint32 *len)
{
	SDL_AudioSpec spec;
	SDL_AudioCVT cvt;
	Uint8 *wav, *buf;
	Uint32 wlen;
	int rc;

	if (!SDL_LoadWAV(path, &spec, &wav, &wlen))
		return NULL;
	rc = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq,
	    a->have.format, a->have.channels, a->have.freq);
	if (rc < 0) {
		SDL_FreeWAV(wav);
		return NULL;
	}
	if (rc == 0) {             /* already in the device's format */
		buf = SDL_malloc(wlen ? wlen : 1);
		if (buf)
			memcpy(buf, wav, wlen);
		SDL_FreeWAV(wav);
		*len = wlen;
		return buf;
	}
	cvt.len = (int)wlen;
	cvt.buf = SDL_malloc((size_t)wlen * (size_t)cvt.len_mult + 16);
	if (!cvt.buf) {
		SDL_FreeWAV(wav);
		return NULL;
	}
	memcpy(cvt.buf, wav, wlen);
	SDL_FreeWAV(wav);
	if (SDL_ConvertAudio(&cvt) != 0) {
		SDL_free(cvt.buf);
		return NULL;
	}
	*len = (Uint32)cvt.len_cvt;
	return cvt.buf;
}

static struct ann_clip *
clip(struct announcer *a, const char *name)
{
	char path[1200];
	struct ann_clip *c;
	int chime = !strcmp(name, "chime");

	for (int i = 0; i < a->nclips; i++)
		if (!strcmp(a->clip[i].name, name))
			return &a->clip[i];
	if (a->nclips == ANN_CACHE)
		return NULL;
	c = &a->clip[a->nclips++];
	{
		size_t k = strlen(name);

		if (k >= sizeof c->name)
			k = sizeof c->name - 1;
		memcpy(c->name, name, k);
		c->name[k] = 0;
	}
	for (int i = 0; i < ANN_DIRS && !c->buf; i++) {
		const char *d = chime ? a->sound_dirs[i] : a->dirs[i];

		if (!*d)
			continue;
		snprintf(path, sizeof path, "%s/%s.wav", d, name);
		if (access(path, R_OK) == 0)
			c->buf = load_converted(a, path, &c->len);
	}
	return c;
}

static void
silence(struct announcer *a, int ms)
{
	static Uint8 zero[8192];
	int frame = SDL_AUDIO_BITSIZE(a->have.format) / 8 * a->have.channels;
	Uint32 len = (Uint32)((long)a->have.freq * ms / 1000) * (Uint32)frame;

	/* S16 and F32 silence is zero bytes; U8 formats are not used */
	while (len > 0) {
		Uint32 k = len > sizeof zero ? (Uint32)sizeof zero : len;

		SDL_QueueAudio(a->dev, zero, k);
		len -= k;
	}
}

int
announce_event(struct announcer *a, const struct q_event_rec *e,
               char *missing, size_t mlen)
{
	char names[ANN_MAX_CLIPS][ANN_NAME_MAX];
	int n, queued = 0;

	if (missing && mlen)
		missing[0] = 0;
	n = announce_clips(e->kind, e->label, e->counter, names,
	    ANN_MAX_CLIPS);
	if (!a->dev)
		return 0;
	for (int i = 0; i < n; i++) {
		struct ann_clip *c = clip(a, names[i]);

		if (!c || !c->buf) {
			if (missing && mlen) {
				size_t l = strlen(missing);

				snprintf(missing + l, mlen - l, "%s%s.wav",
				    l ? ", " : "", names[i]);
			}
			continue;
		}
		if (queued)
			silence(a, !strcmp(names[i - 1], "chime") ?
			    CHIME_GAP_MS : GAP_MS);
		SDL_QueueAudio(a->dev, c->buf, c->len);
		queued++;
	}
	if (queued) {
		silence(a, END_GAP_MS);
		SDL_PauseAudioDevice(a->dev, 0);
	}
	return queued;
}

int
announce_pending_ms(struct announcer *a)
{
	int frame;

	if (!a->dev)
		return 0;
	frame = SDL_AUDIO_BITSIZE(a->have.format) / 8 * a->have.channels;
	return (int)((long long)SDL_GetQueuedAudioSize(a->dev) * 1000 /
	    ((long long)a->have.freq * frame));
}

int
announce_idle(struct announcer *a)
{
	if (!a->dev)
		return 1;
	if (SDL_GetQueuedAudioSize(a->dev) > 0)
		return 0;
	SDL_PauseAudioDevice(a->dev, 1);
	return 1;
}
