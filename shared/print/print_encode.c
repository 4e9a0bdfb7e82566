/* print_encode.c - a ticket bitmap as bytes: ESC/POS raster, PWG raster
 * (through libcups's raster API) and a PNG file for print-test --png.
 *
 * Start at print_encode(); each encoder appends to a struct print_buf.
 * The PNG writer is self-contained: 1-bit greyscale, filter 0 rows, zlib
 * "stored" blocks (no compression library needed), CRC-32 and Adler-32
 * computed here.
 */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <cups/raster.h>
#include <errno.h>
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

static uint32_t
crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	static int ready;

	if (!ready) {            /* benign race: every thread writes the same */
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = 1;
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int
chunk(struct print_buf *png, const char *type, const unsigned char *data,
      size_t n)
{
	unsigned char hdr[8], crc[4];
	uint32_t c;

	be32(hdr, (uint32_t)n);
	memcpy(hdr + 4, type, 4);
	c = crc32_update(0, hdr + 4, 4);
	c = crc32_update(c, data, n);
	be32(crc, c);
	return put(png, hdr, 8) | put(png, data, n) | put(png, crc, 4);
}

int
ticket_write_png(const struct ticket_bitmap *b, const char *path, char *err,
                 size_t errlen)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1a, '\n' };
	struct print_buf raw = { 0 }, z = { 0 }, png = { 0 };
	unsigned char ihdr[13], tmp[5];
	uint32_t s1 = 1, s2 = 0;
	int rc = -1;
	FILE *f;

	if (b->w <= 0 || b->h <= 0) {
		snprintf(err, errlen, "empty ticket bitmap");
		return -1;
	}
	/* rows: filter byte 0, then bits with 1 = white (PNG greyscale) */
	for (int y = 0; y < b->h; y++) {
		unsigned char zero = 0;

		if (put(&raw, &zero, 1) ||
		    put(&raw, b->bits + (size_t)y * b->stride, b->stride))
			goto oom;
		for (int i = 0; i < b->stride; i++)
			raw.data[raw.len - b->stride + i] ^= 0xff;
	}
	/* zlib: header, stored blocks of at most 65535 bytes, Adler-32 */
	if (put_bytes(&z, 2, 0x78, 0x01))
		goto oom;
	for (size_t off = 0; off < raw.len; ) {
		size_t n = raw.len - off > 65535 ? 65535 : raw.len - off;
		int last = off + n == raw.len;

		tmp[0] = (unsigned char)last;
		tmp[1] = (unsigned char)(n & 0xff);
		tmp[2] = (unsigned char)(n >> 8);
		tmp[3] = (unsigned char)(~n & 0xff);
		tmp[4] = (unsigned char)((~n >> 8) & 0xff);
		if (put(&z, tmp, 5) || put(&z, raw.data + off, n))
			goto oom;
		off += n;
	}
	for (size_t i = 0; i < raw.len; i++) {
		s1 = (s1 + raw.data[i]) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	be32(tmp, (s2 << 16) | s1);
	if (put(&z, tmp, 4))
		goto oom;
	be32(ihdr, (uint32_t)b->w);
	be32(ihdr + 4, (uint32_t)b->h);
	ihdr[8] = 1;            /* bit depth */
	ihdr[9] = 0;            /* greyscale */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	if (put(&png, sig, 8) || chunk(&png, "IHDR", ihdr, 13) ||
	    chunk(&png, "IDAT", z.data, z.len) || chunk(&png, "IEND", NULL, 0))
		goto oom;
	if (!(f = fopen(path, "wb"))) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if ((fwrite(png.data, 1, png.len, f) != png.len) | (fclose(f) != 0)) {
		snprintf(err, errlen, "%s: cannot write: %s", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	print_buf_free(&raw);
	print_buf_free(&z);
	print_buf_free(&png);
	return rc;
}
