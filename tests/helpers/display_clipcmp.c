/* display_clipcmp.c - test helper: does a raw recording (SDL's disk audio
 * driver output: signed 16-bit little-endian mono) hold exactly the given
 * WAV clips, in order, with nothing but silence around and between them?
 *
 *   display_clipcmp RAWFILE CLIP.wav...
 *
 * Each clip is compared sample for sample (its own leading and trailing
 * zeros aside).  Prints one line per clip and exits 0 on a match, 1 on the
 * first difference, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

static Sint16 *
read_raw(const char *path, long *n)
{
	FILE *f = fopen(path, "rb");
	Sint16 *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 2);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*n = len / 2;
	return buf;
}

int
main(int argc, char **argv)
{
	Sint16 *raw;
	long n, pos = 0, sound = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: display_clipcmp RAWFILE CLIP.wav...\n");
		return 2;
	}
	if (!(raw = read_raw(argv[1], &n))) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		SDL_AudioSpec spec;
		Uint8 *wb;
		Uint32 wl;
		const Sint16 *c;
		long cn, a = 0, b;

		if (!SDL_LoadWAV(argv[i], &spec, &wb, &wl) ||
		    spec.format != AUDIO_S16LSB || spec.channels != 1) {
			fprintf(stderr, "%s: not a mono S16 WAV\n", argv[i]);
			free(raw);
			return 2;
		}
		c = (const Sint16 *)wb;
		cn = (long)wl / 2;
		while (a < cn && c[a] == 0)
			a++;
		b = cn;
		while (b > a && c[b - 1] == 0)
			b--;
		while (pos < n && raw[pos] == 0)
			pos++;
		if (pos + (b - a) > n || memcmp(raw + pos, c + a,
		    (size_t)(b - a) * 2)) {
			long k = 0;

			while (pos + k < n && k < b - a && raw[pos + k] ==
			    c[a + k])
				k++;
			printf("clip %d %s: MISMATCH at output sample %ld "
			    "(clip sample %ld of %ld)\n", i - 1, argv[i],
			    pos + k, k, b - a);
			SDL_FreeWAV(wb);
			free(raw);
			return 1;
		}
		printf("clip %d %s: at sample %ld, %ld samples\n", i - 1,
		    argv[i], pos, b - a);
		pos += b - a;
		sound += b - a;
		SDL_FreeWAV(wb);
	}
	while (pos < n && raw[pos] == 0)
		pos++;
	if (pos < n) {
		printf("EXTRA sound after the last clip at sample %ld\n", pos);
		free(raw);
		return 1;
	}
	printf("ok: %d clips, %ld samples of sound in %ld recorded\n",
	    argc - 2, sound, n);
	free(raw);
	return 0;
}
