/* print_check.c - read back a printed ticket as it arrived at a printer and
 * check it, for tests/scripts/print.sh.
 *
 *   print_check escpos FILE WIDTH [--cut] [--number Y H]
 *   print_check pwg FILE WIDTH DPI [--gray] [--number Y H]
 *
 * escpos: the file must start with ESC @, hold only GS v 0 raster bands of
 * WIDTH/8 bytes a row, then ESC d n, and end with GS V 66 0 when --cut.
 * pwg: read with libcups's raster API (cupsRasterOpen): one page, black_1
 * (sgray_8 with --gray), WIDTH dots wide, DPI x DPI.  --number: rows
 * Y..Y+H-1 of the 203 dpi ticket (scaled to DPI) must carry ink, at least
 * 15% of their dots.  Prints what it found and
 * "N passed, N failed"; exits 1 on any failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <cups/raster.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static unsigned char *bits;    /* decoded rows, 1 = black */
static int rows, stride;
static int file_dpi = 203;

static int
add_rows(const unsigned char *p, int n, int st)
{
	unsigned char *b = realloc(bits, (size_t)(rows + n) * st);

	if (!b)
		return -1;
	bits = b;
	memcpy(bits + (size_t)rows * st, p, (size_t)n * st);
	rows += n;
	stride = st;
	return 0;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *d = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			unsigned char *nd = realloc(d, cap = cap ? cap * 2 : 65536);

			if (!nd) {
				free(d);
				fclose(f);
				return NULL;
			}
			d = nd;
		}
		got = fread(d + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return d;
}

static void
check_escpos(const char *path, int width, int cut)
{
	size_t len, i = 2;
	unsigned char *d = slurp(path, &len);
	int bands = 0, bad = 0, feed = 0, cutseen = 0;

	CHECK(d != NULL && len > 16);
	if (!d || len < 16)
		return;
	CHECK(d[0] == 0x1b && d[1] == '@');                 /* initialise */
	while (i + 8 <= len && d[i] == 0x1d && d[i + 1] == 'v' &&
	    d[i + 2] == '0') {
		int xb = d[i + 4] | d[i + 5] << 8, y = d[i + 6] | d[i + 7] << 8;

		if (xb != width / 8 || d[i + 3] != 0 || i + 8 + (size_t)xb * y >
		    len) {
			bad = 1;
			break;
		}
		add_rows(d + i + 8, y, xb);
		bands++;
		i += 8 + (size_t)xb * y;
	}
	CHECK(!bad);
	CHECK(bands > 0);
	if (i + 3 <= len && d[i] == 0x1b && d[i + 1] == 'd') {
		feed = d[i + 2];
		i += 3;
	}
	CHECK(feed > 0);
	if (i + 4 <= len && d[i] == 0x1d && d[i + 1] == 'V' && d[i + 2] == 66)
		cutseen = 1, i += 4;
	CHECK_INT(cutseen, cut);
	CHECK_INT(i, len);                                  /* nothing else */
	printf("escpos: %d bands, %d dots wide, %d rows, feed %d, %s\n", bands,
	    stride * 8, rows, feed, cutseen ? "cut" : "no cut");
	free(d);
}

/* An sgray_8 row as 1-bit (ink where darker than half). */
static void
pack_gray(const unsigned char *row, unsigned w, unsigned char *out)
{
	memset(out, 0, (w + 7) / 8);
	for (unsigned x = 0; x < w; x++)
		if (row[x] < 128)
			out[x / 8] |= (unsigned char)(0x80 >> (x % 8));
}

static void
check_pwg(const char *path, int width, int dpi, int gray)
{
	cups_page_header2_t h;
	cups_raster_t *r;
	unsigned char *row;
	int fd = open(path, O_RDONLY), pages = 0;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	r = cupsRasterOpen(fd, CUPS_RASTER_READ);
	CHECK(r != NULL);
	while (r && cupsRasterReadHeader2(r, &h)) {
		pages++;
		printf("pwg page %d: %ux%u dots, %ux%u dpi, %u bpp, colorspace "
		    "%d, %u bytes/row\n", pages, h.cupsWidth, h.cupsHeight,
		    h.HWResolution[0], h.HWResolution[1], h.cupsBitsPerPixel,
		    (int)h.cupsColorSpace, h.cupsBytesPerLine);
		CHECK_INT(h.cupsWidth, width);
		CHECK_INT(h.HWResolution[0], dpi);
		CHECK_INT(h.HWResolution[1], dpi);
		CHECK_INT(h.cupsBitsPerPixel, gray ? 8 : 1);
		CHECK_INT(h.cupsColorSpace, gray ? CUPS_CSPACE_SW :
		    CUPS_CSPACE_K);
		file_dpi = (int)h.HWResolution[1];
		if (!(row = malloc(h.cupsBytesPerLine + h.cupsWidth)))
			break;
		for (unsigned y = 0; y < h.cupsHeight; y++) {
			if (cupsRasterReadPixels(r, row, h.cupsBytesPerLine) !=
			    h.cupsBytesPerLine)
				break;
			if (pages != 1)
				continue;
			if (h.cupsBitsPerPixel == 8) {
				pack_gray(row, h.cupsWidth, row +
				    h.cupsBytesPerLine);
				add_rows(row + h.cupsBytesPerLine, 1,
				    (int)(h.cupsWidth + 7) / 8);
			} else {
				add_rows(row, 1, (int)h.cupsBytesPerLine);
			}
		}
		free(row);
		CHECK_INT(rows, h.cupsHeight);
	}
	CHECK_INT(pages, 1);
	if (r)
		cupsRasterClose(r);
	close(fd);
}

static void
check_number(int y0, int h)
{
	long ink = 0, all = 0;

	/* rows of the 203 dpi ticket, at the file's resolution */
	y0 = (int)((long)y0 * file_dpi / 203);
	h = (int)((long)h * file_dpi / 203);

	CHECK(h > 0 && y0 >= 0 && y0 + h <= rows);
	for (int y = y0; y < y0 + h && y < rows; y++)
		for (int x = 0; x < stride * 8; x++, all++)
			ink += bits[(size_t)y * stride + x / 8] >> (7 - x % 8) & 1;
	printf("number rows %d..%d: %ld of %ld dots inked (%.0f%%)\n", y0,
	    y0 + h - 1, ink, all, all ? 100.0 * ink / all : 0.0);
	CHECK(all > 0 && ink * 100 >= all * 15);
}

int
main(int argc, char **argv)
{
	int cut = 0, gray = 0, ny = -1, nh = 0, n = argc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cut") || !strcmp(argv[i], "--gray")) {
			cut |= argv[i][2] == 'c';
			gray |= argv[i][2] == 'g';
			n = n > i ? i : n;
		} else if (!strcmp(argv[i], "--number") && i + 2 < argc) {
			ny = atoi(argv[i + 1]);
			nh = atoi(argv[i + 2]);
			n = n > i ? i : n;
			i += 2;
		}
	}
	if (n >= 4 && !strcmp(argv[1], "escpos"))
		check_escpos(argv[2], atoi(argv[3]), cut);
	else if (n >= 5 && !strcmp(argv[1], "pwg"))
		check_pwg(argv[2], atoi(argv[3]), atoi(argv[4]), gray);
	else {
		fprintf(stderr, "usage: print_check escpos FILE WIDTH [--cut] "
		    "[--number Y H] | pwg FILE WIDTH DPI [--gray] [--number Y H]\n");
		return 2;
	}
	if (ny >= 0)
		check_number(ny, nh);
	free(bits);
	return check_done();
}
