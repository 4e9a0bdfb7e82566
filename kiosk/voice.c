/* voice.c - playing the kiosk's clips in sequence; see voice.h.
 *
 * Start at kiosk_voice_play().  The device is opened in one fixed format
 * (KV_RATE Hz, mono, signed 16-bit); SDL converts to the hardware if it
 * differs, and every clip is converted to that format once, on first use.
 * (display/announce.c does the same for the display.)
 */
#define _POSIX_C_SOURCE 200809L
#include "voice.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef ANTRI_SHAREDIR
#define ANTRI_SHAREDIR "/usr/local/share/antri"
#endif

#define GAP_MS 70                 /* silence between two clips */
#define CHIME_GAP_MS 180          /* after the chime */
#define END_GAP_MS 400            /* after a whole answer */

int
kiosk_voice_open(struct kiosk_voice *v, int enabled, const char *voice_dir)
{
	SDL_AudioSpec want;

	memset(v, 0, sizeof *v);
	if (voice_dir && *voice_dir) {
		snprintf(v->dirs[0], sizeof v->dirs[0], "%s", voice_dir);
		snprintf(v->sound_dirs[0], sizeof v->sound_dirs[0], "%s",
		    voice_dir);
	}
	snprintf(v->dirs[1], sizeof v->dirs[1], "%s/voice", ANTRI_SHAREDIR);
	snprintf(v->dirs[2], sizeof v->dirs[2], "assets/voice");
	snprintf(v->sound_dirs[1], sizeof v->sound_dirs[1], "%s/sounds",
	    ANTRI_SHAREDIR);
	snprintf(v->sound_dirs[2], sizeof v->sound_dirs[2], "assets/sounds");
	if (!enabled) {
		snprintf(v->why, sizeof v->why, "voice is off in the config");
		return -1;
	}
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(v->why, sizeof v->why, "no audio: %s", SDL_GetError());
		return -1;
	}
	SDL_zero(want);
	want.freq = KV_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 1024;
	if (!(v->dev = SDL_OpenAudioDevice(NULL, 0, &want, &v->have, 0))) {
		snprintf(v->why, sizeof v->why, "no audio device: %s",
		    SDL_GetError());
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	return 0;                  /* paused until there is something */
}

void
kiosk_voice_close(struct kiosk_voice *v)
{
	for (int i = 0; i < v->nclips; i++)
		SDL_free(v->clip[i].buf);
	v->nclips = 0;
	if (v->dev) {
		SDL_CloseAudioDevice(v->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	v->dev = 0;
}

/* Load path and convert it to the device's format; NULL on failure. */
static Uint8 *
load_converted(struct kiosk_voice *v, const char *path, Uint32 *len)
{
	SDL_AudioSpec spec;
	SDL_AudioCVT cvt;
	Uint8 *wav;
	Uint32 wlen;
	int rc;

	if (!SDL_LoadWAV(path, &spec, &wav, &wlen))
		return NULL;
	rc = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq,
	    v->have.format, v->have.channels, v->have.freq);
	if (rc < 0) {
		SDL_FreeWAV(wav);
		return NULL;
	}
	cvt.len = (int)wlen;
	cvt.buf = SDL_malloc((size_t)wlen * (size_t)(rc ? cvt.len_mult : 1) +
	    16);
	if (!cvt.buf) {
		SDL_FreeWAV(wav);
		return NULL;
	}
	memcpy(cvt.buf, wav, wlen);
	SDL_FreeWAV(wav);
	if (rc == 0) {             /* already in the device's format */
		*len = wlen;
		return cvt.buf;
	}
	if (SDL_ConvertAudio(&cvt) != 0) {
		SDL_free(cvt.buf);
		return NULL;
	}
	*len = (Uint32)cvt.len_cvt;
	return cvt.buf;
}

/* The clip name in language l, loaded on first use; NULL when the cache
 * is full. */
static struct kv_clip *
clip(struct kiosk_voice *v, enum lang l, const char *name)
{
	char key[sizeof v->clip[0].name], path[1200];
	int chime = !strcmp(name, "chime");
	struct kv_clip *c;

	snprintf(key, sizeof key, "%s%s%s", chime ? "" : i18n_code(l),
	    chime ? "" : "/", name);
	for (int i = 0; i < v->nclips; i++)
		if (!strcmp(v->clip[i].name, key))
			return &v->clip[i];
	if (v->nclips == KV_CACHE)
		return NULL;
	c = &v->clip[v->nclips++];
	snprintf(c->name, sizeof c->name, "%s", key);
	for (int i = 0; i < 3 && !c->buf; i++) {
		if (!*(chime ? v->sound_dirs[i] : v->dirs[i]))
			continue;
		if (chime)
			snprintf(path, sizeof path, "%s/chime.wav",
			    v->sound_dirs[i]);
		else if (i == 0)       /* the office's folder: no language */
			snprintf(path, sizeof path, "%s/%s.wav", v->dirs[0],
			    name);
		else
			snprintf(path, sizeof path, "%s/%s.wav", v->dirs[i],
			    key);
		if (access(path, R_OK) == 0)
			c->buf = load_converted(v, path, &c->len);
	}
	return c;
}

static void
silence(struct kiosk_voice *v, int ms)
{
	static Uint8 zero[8192];
	int frame = SDL_AUDIO_BITSIZE(v->have.format) / 8 * v->have.channels;
	Uint32 len = (Uint32)((long)v->have.freq * ms / 1000) * (Uint32)frame;

	while (len > 0) {          /* S16 and F32 silence is zero bytes */
		Uint32 k = len > sizeof zero ? (Uint32)sizeof zero : len;

		SDL_QueueAudio(v->dev, zero, k);
		len -= k;
	}
}

int
kiosk_voice_play(struct kiosk_voice *v, enum lang l,
                 char names[][KIOSK_CLIP_MAX], int n, char *missing,
                 size_t mlen)
{
	int queued = 0;

	if (missing && mlen)
		missing[0] = 0;
	if (!v->dev)
		return 0;
	for (int i = 0; i < n; i++) {
		struct kv_clip *c = clip(v, l, names[i]);

		if (!c || !c->buf) {
			if (missing && mlen) {
				size_t k = strlen(missing);

				snprintf(missing + k, mlen - k, "%s%s.wav",
				    k ? ", " : "", names[i]);
			}
			continue;
		}
		if (queued)
			silence(v, !strcmp(names[i - 1], "chime") ?
			    CHIME_GAP_MS : GAP_MS);
		SDL_QueueAudio(v->dev, c->buf, c->len);
		queued++;
	}
	if (queued) {
		silence(v, END_GAP_MS);
		SDL_PauseAudioDevice(v->dev, 0);
	}
	return queued;
}

int
kiosk_voice_pending_ms(struct kiosk_voice *v)
{
	int frame;

	if (!v->dev)
		return 0;
	frame = SDL_AUDIO_BITSIZE(v->have.format) / 8 * v->have.channels;
	return (int)((long long)SDL_GetQueuedAudioSize(v->dev) * 1000 /
	    ((long long)v->have.freq * frame));
}

int
kiosk_voice_idle(struct kiosk_voice *v)
{
	if (!v->dev)
		return 1;
	if (SDL_GetQueuedAudioSize(v->dev) > 0)
		return 0;
	SDL_PauseAudioDevice(v->dev, 1);
	return 1;
}
