/* test_display_announce.c - what the room hears: the clip sequence of
 * calls, recalls and admissions; every clip of both voice sets present and
 * in the device format; missing clips skipped and named; voice off is
 * silent.  Audio through SDL's dummy driver (the disk driver test is
 * tests/scripts/display_audio.sh).  Run from the source tree. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "display/announce.h"

static char names[ANN_MAX_CLIPS][ANN_NAME_MAX];

static void
seq(enum q_event k, const char *label, int counter, const char *want)
{
	char got[512] = "";
	int n = announce_clips(k, label, counter, names, ANN_MAX_CLIPS);

	for (int i = 0; i < n; i++) {
		strcat(got, i ? " " : "");
		strcat(got, names[i]);
	}
	CHECK_STR(got, want);
}

static void
clip_ok(const char *lang, const char *name)
{
	char path[256];
	SDL_AudioSpec spec;
	Uint8 *buf;
	Uint32 len;

	if (!strcmp(name, "chime"))
		snprintf(path, sizeof path, "assets/sounds/chime.wav");
	else
		snprintf(path, sizeof path, "assets/voice/%s/%s.wav", lang, name);
	if (!SDL_LoadWAV(path, &spec, &buf, &len)) {
		fprintf(stderr, "cannot load %s: %s\n", path, SDL_GetError());
		CHECK(0);
		return;
	}
	/* the device format, so clips go out sample for sample */
	CHECK(spec.freq == ANN_RATE && spec.channels == 1 &&
	    spec.format == AUDIO_S16LSB);
	/* trimmed, but not empty: 0.1 s .. 3 s */
	CHECK(len >= ANN_RATE / 10 * 2 && len <= ANN_RATE * 3 * 2);
	SDL_FreeWAV(buf);
}

int
main(void)
{
	struct announcer a;
	struct q_event_rec e;
	char missing[512], dir[64], cmd[512], one[16];

	seq(QE_CALLED, "A007", 3, "chime nomor_antrian a 0 0 7 "
	    "silakan_menuju_loket 3");
	seq(QE_RECALLED, "B120", 12, "chime nomor_antrian b 1 2 0 "
	    "silakan_menuju_loket 12");
	seq(QE_CALLED, "P001", 20, "chime nomor_antrian p 0 0 1 "
	    "silakan_menuju_loket 20");
	seq(QE_CALLED, "C010", 25, "chime nomor_antrian c 0 1 0 "
	    "silakan_menuju_loket 2 5");
	seq(QE_ADMITTED, "D004", 0, "chime silakan_masuk d 0 0 4");
	seq(QE_DONE, "A007", 3, "");
	seq(QE_CALLED, "", 3, "");
	CHECK_INT(announce_clips(QE_CALLED, "A007", 3, names, 3), 3);

	/* every clip a sequence can name, in both languages */
	SDL_SetHint(SDL_HINT_AUDIO_RESAMPLING_MODE, "default");
	for (int l = 0; l < 2; l++) {
		const char *lang = l ? "en" : "id";

		clip_ok(lang, "chime");
		clip_ok(lang, "nomor_antrian");
		clip_ok(lang, "silakan_menuju_loket");
		clip_ok(lang, "silakan_masuk");
		for (char c = 'a'; c <= 'z'; c++) {
			one[0] = c;
			one[1] = 0;
			clip_ok(lang, one);
		}
		for (int i = 0; i <= 20; i++) {
			snprintf(one, sizeof one, "%d", i);
			clip_ok(lang, one);
		}
	}

	/* playing, through the dummy driver */
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	memset(&e, 0, sizeof e);
	e.kind = QE_CALLED;
	snprintf(e.label, sizeof e.label, "A007");
	e.counter = 3;
	CHECK_INT(announce_open(&a, 1, "id", NULL), 0);
	CHECK(a.snd.dev != 0);
	CHECK_INT(announce_event(&a, &e, missing, sizeof missing), 8);
	CHECK_STR(missing, "");
	CHECK(announce_pending_ms(&a) > 1000);
	announce_close(&a);

	/* an office's folder overrides, clip by clip; the others come from
	 * the source tree this test was built in (util_share_dirs: whatever
	 * the working directory); clips found nowhere are skipped and named */
	snprintf(dir, sizeof dir, "/tmp/antri-ann-%ld", (long)getpid());
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/voice && "
	    "cp assets/sounds/chime.wav assets/voice/id/7.wav %s/voice/",
	    dir, dir, dir);
	CHECK_INT(system(cmd), 0);
	{
		char cwd[1024], vd[128], path[SOUND_PATH_MAX + 64];
		char odd[2][SOUND_NAME_MAX] = { "7", "no_such_clip" };

		CHECK(getcwd(cwd, sizeof cwd) != NULL);
		snprintf(vd, sizeof vd, "%s/voice", dir);
		CHECK_INT(chdir(dir), 0);   /* no ./assets here */
		CHECK_INT(announce_open(&a, 1, "id", vd), 0);
		CHECK_INT(sound_find(a.dirs.voice, ANN_DIRS, "7", path,
		    sizeof path), 0);
		CHECK(!strncmp(path, vd, strlen(vd)));
		CHECK_INT(sound_find(a.dirs.voice, ANN_DIRS, "a", path,
		    sizeof path), 1);
		CHECK(!strncmp(path, cwd, strlen(cwd)));
		CHECK_INT(announce_event(&a, &e, missing, sizeof missing), 8);
		CHECK_STR(missing, "");
		CHECK_INT(sound_play(&a.snd, &a.dirs, odd, 2, missing,
		    sizeof missing), 1);
		CHECK_STR(missing, "no_such_clip.wav");
		announce_close(&a);
		CHECK_INT(chdir(cwd), 0);
	}
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);

	/* voice off: silent, and still usable */
	CHECK_INT(announce_open(&a, 0, "id", NULL), -1);
	CHECK(a.snd.dev == 0);
	CHECK_INT(announce_event(&a, &e, missing, sizeof missing), 0);
	CHECK_INT(announce_pending_ms(&a), 0);
	announce_close(&a);
	SDL_Quit();
	return check_done();
}
