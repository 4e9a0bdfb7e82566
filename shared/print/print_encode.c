/* print_encode.c - a ticket bitmap as bytes: ESC/POS raster, PWG raster
 * (through libcups's raster API) and a PNG file for print-test --png.
 *
 * Start at print_encode(); each encoder appends to a struct print_buf.
 * The PNG file is written by libpng: 1-bit greyscale.
 */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <cups/raster.h>
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
print_buf_free(struct print_buf *b)
{
	if (!b)
		return;
	free(b->data);
	memset(b, 0, sizeof *b);
}

static int
put(struct print_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return 0;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *d;

		while (cap < b->len + n)
			cap *= 2;
		if (!(d = realloc(b->data, cap)))
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

static int
put_bytes(struct print_buf *b, int n, ...)
{
	unsigned char tmp[16];
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n && i < 16; i++)
		tmp[i] = (unsigned char)va_arg(ap, int);
	va_end(ap);
	return put(b, tmp, (size_t)n);
}

int
print_encode_escpos(const struct ticket_bitmap *b, int cut,
                    struct print_buf *out)
{
	int rc = 0;

	memset(out, 0, sizeof *out);
	rc |= put_bytes(out, 2, 0x1b, '@');                     /* initialise */
	for (int y = 0; y < b->h; y += PRINT_ESCPOS_BAND) {
		int rows = b->h - y < PRINT_ESCPOS_BAND ? b->h - y :
		    PRINT_ESCPOS_BAND;

		/* GS v 0 m xL xH yL yH: m 0 normal, x in bytes, y in dots */
		rc |= put_bytes(out, 8, 0x1d, 'v', '0', 0, b->stride & 0xff,
		    b->stride >> 8, rows & 0xff, rows >> 8);
		rc |= put(out, b->bits + (size_t)y * b->stride,
		    (size_t)rows * b->stride);
	}
	rc |= put_bytes(out, 3, 0x1b, 'd', 4);                  /* feed 4 lines */
	if (cut)
		rc |= put_bytes(out, 4, 0x1d, 'V', 66, 0);      /* feed, cut */
	if (rc) {
		print_buf_free(out);
		return -1;
	}
	return 0;
}

static ssize_t
raster_write(void *ctx, unsigned char *data, size_t len)
{
	return put(ctx, data, len) ? -1 : (ssize_t)len;
}

int
print_encode_pwg(const struct ticket_bitmap *b, struct print_buf *out,
                 char *err, size_t errlen)
{
	return print_encode_pwg_as(b, PRINT_DPI, 0, out, err, errlen);
}

int
print_encode_pwg_as(const struct ticket_bitmap *b, int dpi, int gray8,
                    struct print_buf *out, char *err, size_t errlen)
{
	cups_page_header2_t h;
	pwg_media_t media;
	cups_raster_t *r;
	unsigned char *row = NULL;
	unsigned w, ht, bpl;
	int ok;

	memset(out, 0, sizeof *out);
	if (dpi < 72 || dpi > 2400) {
		snprintf(err, errlen, "resolution %d dpi out of range", dpi);
		return -1;
	}
	/* the ticket at dpi: nearest neighbour from 203 dpi dots */
	w = (unsigned)(((long)b->w * dpi + PRINT_DPI / 2) / PRINT_DPI);
	ht = (unsigned)(((long)b->h * dpi + PRINT_DPI / 2) / PRINT_DPI);
	bpl = gray8 ? w : (w + 7) / 8;
	memset(&media, 0, sizeof media);
	/* a custom roll size: the ticket in hundredths of millimetres */
	media.width = (int)((long)b->w * 2540 / PRINT_DPI);
	media.length = (int)((long)b->h * 2540 / PRINT_DPI);
	media.pwg = "custom_ticket";
	if (!cupsRasterInitPWGHeader(&h, &media, gray8 ? "sgray_8" : "black_1",
	    dpi, dpi, "one-sided", NULL)) {
		snprintf(err, errlen, "cannot make a PWG header: %s",
		    cupsRasterErrorString());
		return -1;
	}
	h.cupsWidth = w;
	h.cupsHeight = ht;
	h.cupsBytesPerLine = bpl;
	h.PageSize[0] = (unsigned)((long)b->w * 72 / PRINT_DPI);
	h.PageSize[1] = (unsigned)((long)b->h * 72 / PRINT_DPI);
	h.cupsInteger[0] = 1;                            /* TotalPageCount */
	if (!(row = malloc(bpl))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (!(r = cupsRasterOpenIO(raster_write, out, CUPS_RASTER_WRITE_PWG))) {
		snprintf(err, errlen, "cannot start PWG raster: %s",
		    cupsRasterErrorString());
		free(row);
		return -1;
	}
	ok = cupsRasterWriteHeader2(r, &h);
	for (unsigned y = 0; ok && y < ht; y++) {
		const unsigned char *src = b->bits + (size_t)(y * PRINT_DPI /
		    (unsigned)dpi) * b->stride;

		if (dpi == PRINT_DPI && !gray8) {
			memcpy(row, src, bpl);
		} else {
			memset(row, gray8 ? 255 : 0, bpl);
			for (unsigned x = 0; x < w; x++) {
				unsigned sx = x * PRINT_DPI / (unsigned)dpi;

				if (!(src[sx / 8] & (0x80 >> (sx % 8))))
					continue;
				if (gray8)
					row[x] = 0;       /* sgray: 0 is black */
				else
					row[x / 8] |= (unsigned char)(0x80 >>
					    (x % 8));
			}
		}
		ok = cupsRasterWritePixels(r, row, bpl) == bpl;
	}
	cupsRasterClose(r);
	free(row);
	if (!ok) {
		snprintf(err, errlen, "cannot write PWG raster: %s",
		    cupsRasterErrorString());
		print_buf_free(out);
		return -1;
	}
	return 0;
}

int
print_encode(const struct print_opts *o, const struct ticket_bitmap *b,
             struct print_buf *out, char *err, size_t errlen)
{
	if (o->format == PRINT_PWG)
		return print_encode_pwg(b, out, err, errlen);
	if (print_encode_escpos(b, o->cut, out)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* ---- PNG -------------------------------------------------------------- */

/* libpng reports an error through this and never returns to its caller:
 * keep the message, jump back to ticket_write_png's setjmp. */
struct png_fail {
	char *err;
	size_t len;
};

static void
png_fail(png_structp png, png_const_charp msg)
{
	struct png_fail *e = png_get_error_ptr(png);

	snprintf(e->err, e->len, "PNG: %s", msg);
	png_longjmp(png, 1);
}

static void
png_warned(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

int
ticket_write_png(const struct ticket_bitmap *b, const char *path, char *err,
                 size_t errlen)
{
	struct png_fail e = { err, errlen };
	png_structp png = NULL;
	png_infop info = NULL;
	volatile int rc = -1;
	FILE *f;

	if (b->w <= 0 || b->h <= 0) {
		snprintf(err, errlen, "empty ticket bitmap");
		return -1;
	}
	if (!(f = fopen(path, "wb"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &e, png_fail,
	    png_warned);
	if (!png || !(info = png_create_info_struct(png))) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (setjmp(png_jmpbuf(png)))
		goto out;                     /* png_fail wrote err */
	png_init_io(png, f);
	/* 1-bit greyscale: the bitmap's rows as they are, where PNG's 1 is
	 * white and ours is black ink, hence invert_mono */
	png_set_IHDR(png, info, (png_uint_32)b->w, (png_uint_32)b->h, 1,
	    PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_set_invert_mono(png);
	for (int y = 0; y < b->h; y++)
		png_write_row(png, b->bits + (size_t)y * b->stride);
	png_write_end(png, NULL);
	rc = 0;
out:
	png_destroy_write_struct(&png, &info);
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: cannot write: %s", path,
		    strerror(errno));
		rc = -1;
	}
	if (rc)
		remove(path);
	return rc;
}
