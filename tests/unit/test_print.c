/* test_print.c - the printing module without a printer: options, the
 * renderer, the three encodings read back (ESC/POS parsed, PWG through
 * libcups's raster reader, PNG through libpng's), printer-state words, and
 * print_ticket() against a loopback port where nobody listens (the ticket
 * stays, its print state says failed).  The real printers are in
 * tests/scripts/print.sh. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <cups/raster.h>
#include <netinet/in.h>
#include <png.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "print.h"

static char dir[512];

static void
sample(struct q_ticket *t, const char *label, enum q_state st)
{
	memset(t, 0, sizeof *t);
	snprintf(t->label, sizeof t->label, "%s", label);
	t->service = t->issue_service = label[0];
	t->state = st;
	t->issued_ms = 1790000000000LL;
	t->people_ahead = 4;
	t->est_wait_s = 900;
}

static long
ink(const struct ticket_bitmap *b, int y0, int h)
{
	long n = 0;

	for (int y = y0; y < y0 + h && y < b->h; y++)
		for (int x = 0; x < b->w; x++)
			n += b->bits[(size_t)y * b->stride + x / 8] >> (7 - x % 8) & 1;
	return n;
}

static void
test_opts(void)
{
	struct print_opts o;
	char path[600], err[256];
	config *c = NULL;
	FILE *f;

	print_opts_from_config(&o, NULL);
	CHECK_STR(o.printer, "");
	CHECK_INT(o.format, PRINT_ESCPOS);
	CHECK_INT(o.paper_dots, 384);
	CHECK_INT(o.cut, 1);
	CHECK_INT(o.timeout_s, 30);
	CHECK_INT(o.lang, LANG_ID);

	snprintf(path, sizeof path, "%s/print.conf", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "[office]\nname = PTSP Menteng\nlanguage = en\n"
	    "[printer]\nprinter = ipp://127.0.0.1:1/ipp/print\nformat = pwg\n"
	    "paper = 80\ncut = no\nheader2 = Jl. Example 1\nfooter = Terima "
	    "kasih\ntimeout = 7\n");
	fclose(f);
	CHECK_INT(config_load_file(&c, path, err, sizeof err), 0);
	print_opts_from_config(&o, c);
	CHECK_STR(o.printer, "ipp://127.0.0.1:1/ipp/print");
	CHECK_INT(o.format, PRINT_PWG);
	CHECK_INT(o.paper_dots, 576);
	CHECK_INT(o.cut, 0);
	CHECK_INT(o.timeout_s, 7);
	CHECK_INT(o.lang, LANG_EN);
	CHECK_STR(o.header[0], "PTSP Menteng");      /* from [office] name */
	CHECK_STR(o.header[1], "Jl. Example 1");
	CHECK_STR(o.footer, "Terima kasih");
	config_free(c);
}

static void
test_render(void)
{
	struct ticket_text tx = { "PTSP Kecamatan Menteng", "Perizinan", NULL };
	struct ticket_bitmap a, b, c, e;
	struct print_opts o;
	struct q_ticket t;
	char err[256];

	print_opts_from_config(&o, NULL);
	sample(&t, "A007", Q_ADMITTED);
	CHECK_INT(ticket_render(&o, &t, &tx, &a, err, sizeof err), 0);
	CHECK_INT(a.w, 384);
	CHECK_INT(a.stride, 48);
	CHECK(a.h > 300 && a.h < 1500);
	CHECK(a.number_h >= 80);
	CHECK(ink(&a, a.number_y, a.number_h) * 100 >
	    (long)a.w * a.number_h * 15);
	CHECK(ink(&a, 0, a.h) * 100 < (long)a.w * a.h * 60); /* mostly paper */

	sample(&t, "A008", Q_ADMITTED);
	CHECK_INT(ticket_render(&o, &t, &tx, &b, err, sizeof err), 0);
	CHECK(a.h != b.h || memcmp(a.bits, b.bits, (size_t)a.stride * a.h));

	sample(&t, "A007", Q_OUTSIDE);                /* other instruction */
	CHECK_INT(ticket_render(&o, &t, &tx, &c, err, sizeof err), 0);
	CHECK(a.h != c.h || memcmp(a.bits, c.bits, (size_t)a.stride * a.h));

	o.lang = LANG_EN;
	o.paper_dots = 576;
	sample(&t, "A007", Q_ADMITTED);
	CHECK_INT(ticket_render(&o, &t, &tx, &e, err, sizeof err), 0);
	CHECK_INT(e.w, 576);
	CHECK_INT(e.stride, 72);
	CHECK(e.number_h > a.number_h);               /* scaled with paper */

	/* a font that does not exist: an error, no bitmap */
	snprintf(o.font, sizeof o.font, "/nonexistent/font.ttf");
	ticket_bitmap_free(&b);
	CHECK_INT(ticket_render(&o, &t, &tx, &b, err, sizeof err), -1);
	CHECK(b.bits == NULL);
	CHECK(strstr(err, "font") != NULL);

	ticket_bitmap_free(&a);
	ticket_bitmap_free(&c);
	ticket_bitmap_free(&e);
	ticket_bitmap_free(&a);                       /* twice is harmless */
}

static void
test_escpos(const struct ticket_bitmap *b)
{
	struct print_buf d;
	size_t bands = (size_t)(b->h + PRINT_ESCPOS_BAND - 1) / PRINT_ESCPOS_BAND;

	CHECK_INT(print_encode_escpos(b, 1, &d), 0);
	CHECK_INT(d.len, 2 + bands * 8 + (size_t)b->stride * b->h + 3 + 4);
	CHECK(d.data[0] == 0x1b && d.data[1] == '@');
	CHECK(d.data[2] == 0x1d && d.data[3] == 'v' && d.data[4] == '0');
	CHECK_INT(d.data[6] | d.data[7] << 8, b->stride);
	CHECK(!memcmp(d.data + 10, b->bits, (size_t)b->stride * 10));
	CHECK(!memcmp(d.data + d.len - 4, "\x1dV\x42\x00", 4));
	print_buf_free(&d);
	CHECK_INT(print_encode_escpos(b, 0, &d), 0);
	CHECK_INT(d.len, 2 + bands * 8 + (size_t)b->stride * b->h + 3);
	CHECK(d.data[d.len - 3] == 0x1b && d.data[d.len - 2] == 'd');
	print_buf_free(&d);
}

struct mem { const unsigned char *p; size_t len, off; };

static ssize_t
mem_read(void *ctx, unsigned char *buf, size_t n)
{
	struct mem *m = ctx;

	if (n > m->len - m->off)
		n = m->len - m->off;
	memcpy(buf, m->p + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

static void
test_pwg(const struct ticket_bitmap *b)
{
	cups_page_header2_t h;
	struct print_buf d;
	cups_raster_t *r;
	struct mem m;
	char err[256];
	unsigned char *row = malloc((size_t)b->stride);
	int same = 1;

	CHECK_INT(print_encode_pwg(b, &d, err, sizeof err), 0);
	CHECK(d.len > 4 && !memcmp(d.data, "RaS2", 4));
	m.p = d.data;
	m.len = d.len;
	m.off = 0;
	r = cupsRasterOpenIO(mem_read, &m, CUPS_RASTER_READ);
	CHECK(r != NULL);
	if (r && row && cupsRasterReadHeader2(r, &h)) {
		CHECK_INT(h.cupsWidth, b->w);
		CHECK_INT(h.cupsHeight, b->h);
		CHECK_INT(h.HWResolution[0], PRINT_DPI);
		CHECK_INT(h.HWResolution[1], PRINT_DPI);
		CHECK_INT(h.cupsBitsPerPixel, 1);
		CHECK_INT(h.cupsColorSpace, CUPS_CSPACE_K);
		for (int y = 0; y < b->h; y++) {
			if (cupsRasterReadPixels(r, row, (unsigned)b->stride) !=
			    (unsigned)b->stride || memcmp(row, b->bits +
			    (size_t)y * b->stride, (size_t)b->stride))
				same = 0;
		}
		CHECK(same);
		CHECK(!cupsRasterReadHeader2(r, &h));      /* one page */
	} else {
		CHECK(!"PWG header readable");
	}
	if (r)
		cupsRasterClose(r);
	free(row);
	print_buf_free(&d);
}

/* 300 dpi and sgray_8: the size on paper stays, every dot maps back */
static void
test_pwg_as(const struct ticket_bitmap *b, int dpi, int gray8)
{
	cups_page_header2_t h;
	struct print_buf d;
	cups_raster_t *r;
	struct mem m;
	char err[256];
	unsigned char *row;
	unsigned w = (unsigned)((b->w * dpi + 101) / 203);
	int same = 1;

	CHECK_INT(print_encode_pwg_as(b, dpi, gray8, &d, err, sizeof err), 0);
	m.p = d.data;
	m.len = d.len;
	m.off = 0;
	r = cupsRasterOpenIO(mem_read, &m, CUPS_RASTER_READ);
	row = malloc(w + 8);
	if (r && row && cupsRasterReadHeader2(r, &h)) {
		CHECK_INT(h.cupsWidth, w);
		CHECK_INT(h.HWResolution[0], dpi);
		CHECK_INT(h.cupsBitsPerPixel, gray8 ? 8 : 1);
		CHECK_INT(h.cupsColorSpace, gray8 ? CUPS_CSPACE_SW :
		    CUPS_CSPACE_K);
		for (unsigned y = 0; y < h.cupsHeight; y++) {
			const unsigned char *src;

			if (cupsRasterReadPixels(r, row, h.cupsBytesPerLine) !=
			    h.cupsBytesPerLine) {
				same = 0;
				break;
			}
			src = b->bits + (size_t)(y * 203 / (unsigned)dpi) *
			    b->stride;
			for (unsigned x = 0; x < w; x++) {
				unsigned sx = x * 203 / (unsigned)dpi;
				int want = src[sx / 8] >> (7 - sx % 8) & 1;
				int got = gray8 ? row[x] == 0 :
				    row[x / 8] >> (7 - x % 8) & 1;

				if (want != got)
					same = 0;
			}
		}
		CHECK(same);
	} else {
		CHECK(!"scaled PWG readable");
	}
	if (r)
		cupsRasterClose(r);
	free(row);
	print_buf_free(&d);
	CHECK_INT(print_encode_pwg_as(b, 10, 0, &d, err, sizeof err), -1);
}

static unsigned
be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 |
	    (unsigned)p[2] << 8 | p[3];
}

/* Read the PNG ticket_write_png made: the chunks by hand (IHDR says
 * 1-bit, the bitmap's size; the chunks fill the file exactly), the pixels
 * through libpng's reader, and compare every dot. */
static void
test_png(const struct ticket_bitmap *b)
{
	png_image img;
	unsigned char *f = NULL, *px = NULL;
	size_t n = 0, off = 8;
	char path[600], err[256];
	int same = 1, w = 0, h = 0, depth = 0;
	FILE *fp;

	snprintf(path, sizeof path, "%s/ticket.png", dir);
	CHECK_INT(ticket_write_png(b, path, err, sizeof err), 0);
	if (!(fp = fopen(path, "rb")))
		return;
	f = malloc(1 << 22);
	n = f ? fread(f, 1, 1 << 22, fp) : 0;
	fclose(fp);
	CHECK(n > 8 && !memcmp(f, "\x89PNG\r\n\x1a\n", 8));
	while (f && off + 12 <= n) {
		unsigned len = be32(f + off);

		if (!memcmp(f + off + 4, "IHDR", 4)) {
			w = (int)be32(f + off + 8);
			h = (int)be32(f + off + 12);
			depth = f[off + 16];
		}
		off += 12 + len;
	}
	CHECK_INT(off, n);
	CHECK_INT(w, b->w);
	CHECK_INT(h, b->h);
	CHECK_INT(depth, 1);
	/* deflated by libpng, not stored: a ticket is mostly paper */
	CHECK(n < (size_t)b->stride * b->h / 2);
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	CHECK(png_image_begin_read_from_memory(&img, f, n) != 0);
	img.format = PNG_FORMAT_GRAY;
	px = malloc(PNG_IMAGE_SIZE(img));
	CHECK(px && png_image_finish_read(&img, NULL, px, 0, NULL) != 0);
	CHECK_INT(img.width, (unsigned)b->w);
	CHECK_INT(img.height, (unsigned)b->h);
	/* black ink (bit 1) is a 0 pixel, paper a 255 one */
	for (int y = 0; px && img.width == (unsigned)b->w &&
	    img.height == (unsigned)b->h && y < b->h; y++)
		for (int x = 0; x < b->w; x++) {
			int ink = b->bits[(size_t)y * b->stride + x / 8] >>
			    (7 - x % 8) & 1;

			if (px[(size_t)y * b->w + x] != (ink ? 0 : 255))
				same = 0;
		}
	CHECK(same);
	png_image_free(&img);
	free(f);
	free(px);
	snprintf(path, sizeof path, "%s/no/such/dir/x.png", dir);
	CHECK_INT(ticket_write_png(b, path, err, sizeof err), -1);
}

static void
test_states(void)
{
	struct printer_state st;
	char buf[64];

	memset(&st, 0, sizeof st);
	CHECK(print_state_blocked(&st));              /* no answer */
	CHECK_STR(print_state_text(LANG_ID, &st), "Printer tidak menjawab");
	st.reachable = 1;
	st.state = 3;
	CHECK(!print_state_blocked(&st));
	CHECK(!print_state_problem(&st));
	CHECK_STR(print_state_text(LANG_ID, &st), "Siap");
	snprintf(st.reasons, sizeof st.reasons, "media-empty-error");
	CHECK(print_state_blocked(&st));
	CHECK_STR(print_state_text(LANG_ID, &st), "Kertas habis");
	CHECK_STR(print_state_text(LANG_EN, &st), "Out of paper");
	snprintf(st.reasons, sizeof st.reasons, "none,media-empty-report");
	CHECK(!print_state_blocked(&st));
	CHECK(print_state_problem(&st));
	snprintf(st.reasons, sizeof st.reasons, "media-low-warning");
	CHECK(!print_state_problem(&st));
	CHECK_STR(print_state_text(LANG_EN, &st), "Paper low");
	snprintf(st.reasons, sizeof st.reasons, "media-jam");
	CHECK(print_state_blocked(&st));
	CHECK_STR(print_state_text(LANG_EN, &st), "Paper jam");
	st.reasons[0] = 0;
	st.state = 5;
	CHECK(print_state_blocked(&st));
	/* the one wait formatter (i18n.c): nearest minute everywhere */
	CHECK_STR(i18n_wait(LANG_ID, 900, buf, sizeof buf), "15 menit");
	CHECK_STR(i18n_wait(LANG_EN, 3900, buf, sizeof buf), "1 h 05 min");
	CHECK_STR(i18n_wait(LANG_ID, -1, buf, sizeof buf), "belum diketahui");
	CHECK_STR(i18n_wait(LANG_ID, 29, buf, sizeof buf), "< 1 menit");
	CHECK_STR(i18n_wait(LANG_EN, 0, buf, sizeof buf), "< 1 min");
	CHECK_STR(i18n_wait(LANG_ID, 89, buf, sizeof buf), "1 menit");
	CHECK_STR(i18n_wait(LANG_ID, 3569, buf, sizeof buf), "59 menit");
	CHECK_STR(i18n_wait(LANG_ID, 3570, buf, sizeof buf), "1 jam");
	CHECK_STR(i18n_wait(LANG_ID, 7199, buf, sizeof buf), "2 jam");
	CHECK_STR(i18n_wait(LANG_EN, 7199, buf, sizeof buf), "2 h");
	CHECK_STR(i18n_wait(LANG_ID, 7229, buf, sizeof buf), "2 jam");
	CHECK_STR(i18n_wait(LANG_ID, 7230, buf, sizeof buf), "2 jam 01 menit");
	CHECK_STR(print_format_name(PRINT_PWG), "pwg");
}

static int
dead_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = 0;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && !bind(fd, (struct sockaddr *)&a, sizeof a) &&
	    !getsockname(fd, (struct sockaddr *)&a, &len))
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static void
test_print_ticket(void)
{
	struct ticket_text tx = { "PTSP", "Perizinan", NULL };
	struct q_ticket t, back;
	struct q_event_rec ev[64];
	struct print_opts o;
	char path[600], why[Q_REASON_MAX], msg[256];
	queue *q = NULL;
	int n = 64, failed = 0;

	snprintf(path, sizeof path, "%s/print.db", dir);
	unlink(path);
	CHECK_INT(queue_open(&q, path, Q_OPEN_CREATE, "kiosk:test"), Q_OK);
	if (!q)
		return;
	CHECK_INT(queue_init_demo(q), Q_OK);
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);

	/* no printer configured: nothing recorded */
	print_opts_from_config(&o, NULL);
	CHECK_INT(print_ticket(q, &o, &t, &tx, why, sizeof why), -1);
	CHECK_INT(queue_ticket_get(q, t.id, &back), Q_OK);
	CHECK_INT(back.print_state, Q_PRINT_NONE);

	/* nobody listening: failed with a reason, the ticket untouched */
	snprintf(o.printer, sizeof o.printer, "ipp://127.0.0.1:%d/ipp/print",
	    dead_port());
	o.timeout_s = 5;
	CHECK_INT(print_ticket(q, &o, &t, &tx, why, sizeof why), -1);
	CHECK(why[0] != 0);
	CHECK_INT(queue_ticket_get(q, t.id, &back), Q_OK);
	CHECK_INT(back.print_state, Q_PRINT_FAILED);
	CHECK_STR(back.print_reason, why);
	CHECK_INT(back.state, Q_ADMITTED);
	CHECK_STR(back.label, t.label);
	CHECK_INT(queue_events_since(q, 0, ev, &n), Q_OK);
	for (int i = 0; i < n; i++)
		failed += ev[i].kind == QE_PRINT_FAILED && ev[i].ticket == t.id;
	CHECK_INT(failed, 1);
	CHECK_INT(queue_check(q, msg, sizeof msg), Q_OK);
	/* issuing goes on */
	CHECK_INT(queue_issue(q, 'A', &t), Q_OK);
	CHECK_STR(t.label, "A002");
	queue_close(q);
}

static void *
render_thread(void *arg)
{
	struct ticket_text tx = { "PTSP", "Perizinan", NULL };
	struct ticket_bitmap b;
	struct print_opts o;
	struct q_ticket t;
	char err[256];
	long ok = 0;

	(void)arg;
	print_opts_from_config(&o, NULL);
	sample(&t, "B012", Q_ADMITTED);
	for (int i = 0; i < 5; i++) {
		if (ticket_render(&o, &t, &tx, &b, err, sizeof err) == 0 &&
		    b.w == 384)
			ok++;
		ticket_bitmap_free(&b);
	}
	return (void *)ok;
}

int
main(void)
{
	struct ticket_text tx = { "PTSP", "Perizinan", NULL };
	struct ticket_bitmap b;
	struct print_opts o;
	struct q_ticket t;
	pthread_t th[3];
	const char *out = getenv("OUT");
	char err[256];

	snprintf(dir, sizeof dir, "%s", out && *out ? out : "/tmp");
	if (out && *out) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", out);
		if (system(cmd) != 0)
			snprintf(dir, sizeof dir, "/tmp");
	}
	test_opts();
	test_render();
	print_opts_from_config(&o, NULL);
	sample(&t, "P003", Q_OUTSIDE);
	CHECK_INT(ticket_render(&o, &t, &tx, &b, err, sizeof err), 0);
	test_escpos(&b);
	test_pwg(&b);
	test_pwg_as(&b, 300, 0);
	test_pwg_as(&b, 600, 1);
	test_png(&b);
	ticket_bitmap_free(&b);
	test_states();
	test_print_ticket();
	/* the kiosk renders on its UI thread and prints from a worker */
	for (int i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, render_thread, NULL);
	for (int i = 0; i < 3; i++) {
		void *ok;

		pthread_join(th[i], &ok);
		CHECK_INT((long)ok, 5);
	}
	return check_done();
}
