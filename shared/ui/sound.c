/* sound.c - the SDL clip player: open, find, load + convert + cache,
 * queue a sequence with gaps, idle; see sound.h.
 *
 * Start at sound_play().  Every clip is converted to the device's format
 * once, on first use, and kept until sound_close().
 */
#define _POSIX_C_SOURCE 200809L
#include "sound.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

_Static_assert(SOUND_PATH_MAX == UTIL_PATH_MAX, "a share folder fits");
_Static_assert(SOUND_DIRS >= UTIL_SHARE_DIRS + 1, "own folder + share");

#define GAP_MS 70                 /* silence between two clips */
#define CHIME_GAP_MS 180          /* after the chime */
#define END_GAP_MS 400            /* after a whole sequence */

int
sound_open(struct sound *s, int enabled)
{
	SDL_AudioSpec want;

	memset(s, 0, sizeof *s);
	if (!enabled) {
		snprintf(s->why, sizeof s->why, "voice is off in the config");
		return -1;
	}
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(s->why, sizeof s->why, "no audio: %s", SDL_GetError());
		return -1;
	}
	SDL_zero(want);
	want.freq = SOUND_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	/* allowed_changes 0: SDL converts to the hardware for us */
	if (!(s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &s->have, 0))) {
		snprintf(s->why, sizeof s->why, "no audio device: %s",
		    SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	return 0;                  /* paused until there is something */
}

void
sound_close(struct sound *s)
{
	for (int i = 0; i < s->nclips; i++)
		SDL_free(s->clip[i].buf);
	s->nclips = 0;
	if (s->dev) {
		SDL_CloseAudioDevice(s->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	s->dev = 0;
}

void
sound_dirs_set(struct sound_dirs *d, const char *lang, const char *own)
{
	char sub[32];
	int n = 0;

	memset(d, 0, sizeof *d);
	snprintf(d->tag, sizeof d->tag, "%s", lang);
	if (own && *own) {
		snprintf(d->voice[0], sizeof d->voice[0], "%s", own);
		snprintf(d->chime[0], sizeof d->chime[0], "%s", own);
		n = 1;
	}
	snprintf(sub, sizeof sub, "voice/%.8s", lang);
	util_share_dirs(sub, d->voice + n, SOUND_DIRS - n);
	util_share_dirs("sounds", d->chime + n, SOUND_DIRS - n);
}

int
sound_find(const char dirs[][SOUND_PATH_MAX], int n, const char *name,
           char *path, size_t len)
{
	for (int i = 0; i < n; i++) {
		if (!dirs[i][0])
			continue;
		snprintf(path, len, "%s/%s.wav", dirs[i], name);
		if (access(path, R_OK) == 0)
			return i;
	}
	return -1;
}

/* Load path and convert it to the device's format; NULL on failure. */
static Uint8 *
load_converted(struct sound *s, const char *path, Uint32 *len)
{
	SDL_AudioSpec spec;
	SDL_AudioCVT cvt;
	Uint8 *wav, *buf;
	Uint32 wlen;
	int rc;

	if (!SDL_LoadWAV(path, &spec, &wav, &wlen))
		return NULL;
	rc = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq,
	    s->have.format, s->have.channels, s->have.freq);
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

/* The clip name of voice d, loaded on first use (buf NULL when found
 * nowhere); NULL when the cache is full. */
static struct sound_clip *
clip(struct sound *s, const struct sound_dirs *d, const char *name)
{
	char key[sizeof s->clip[0].key], path[SOUND_PATH_MAX + 64];
	int chime = !strcmp(name, "chime");
	struct sound_clip *c;

	snprintf(key, sizeof key, "%s%s%.*s", chime ? "" : d->tag,
	    chime || !d->tag[0] ? "" : "/", SOUND_NAME_MAX - 1, name);
	for (int i = 0; i < s->nclips; i++)
		if (!strcmp(s->clip[i].key, key))
			return &s->clip[i];
	if (s->nclips == SOUND_CACHE)
		return NULL;
	c = &s->clip[s->nclips++];
	memcpy(c->key, key, sizeof key);
	if (sound_find(chime ? d->chime : d->voice, SOUND_DIRS, name, path,
	    sizeof path) >= 0)
		c->buf = load_converted(s, path, &c->len);
	return c;
}

static void
silence(struct sound *s, int ms)
{
	static Uint8 zero[8192];
	int frame = SDL_AUDIO_BITSIZE(s->have.format) / 8 * s->have.channels;
	Uint32 len = (Uint32)((long)s->have.freq * ms / 1000) * (Uint32)frame;

	/* S16 and F32 silence is zero bytes; U8 formats are not used */
	while (len > 0) {
		Uint32 k = len > sizeof zero ? (Uint32)sizeof zero : len;

		SDL_QueueAudio(s->dev, zero, k);
		len -= k;
	}
}

int
sound_play(struct sound *s, const struct sound_dirs *d,
           char names[][SOUND_NAME_MAX], int n, char *missing, size_t mlen)
{
	int queued = 0;

	if (missing && mlen)
		missing[0] = 0;
	if (!s->dev)
		return 0;
	for (int i = 0; i < n; i++) {
		struct sound_clip *c = clip(s, d, names[i]);

		if (!c || !c->buf) {
			if (missing && mlen) {
				size_t l = strlen(missing);

				snprintf(missing + l, mlen - l, "%s%s.wav",
				    l ? ", " : "", names[i]);
			}
			continue;
		}
		if (queued)
			silence(s, !strcmp(names[i - 1], "chime") ?
			    CHIME_GAP_MS : GAP_MS);
		SDL_QueueAudio(s->dev, c->buf, c->len);
		queued++;
	}
	if (queued) {
		silence(s, END_GAP_MS);
		SDL_PauseAudioDevice(s->dev, 0);
	}
	return queued;
}

int
sound_pending_ms(struct sound *s)
{
	int frame;

	if (!s->dev)
		return 0;
	frame = SDL_AUDIO_BITSIZE(s->have.format) / 8 * s->have.channels;
	return (int)((long long)SDL_GetQueuedAudioSize(s->dev) * 1000 /
	    ((long long)s->have.freq * frame));
}

int
sound_idle(struct sound *s)
{
	if (!s->dev)
		return 1;
	if (SDL_GetQueuedAudioSize(s->dev) > 0)
		return 0;
	SDL_PauseAudioDevice(s->dev, 1);
	return 1;
}
