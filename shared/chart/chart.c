/* chart.c - see chart.h.  Start at chart_report_pdf(): a page of
 * figures (summary()), then two charts a page, each filled from the
 * report by fill() and drawn by bars(), the one bar-chart drawer, which
 * chart_report_png() and chart_report_svg() call too.
 */
#define _POSIX_C_SOURCE 200809L
#include "chart.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BARS 64
#define MAX_SERIES 3
#define FONT "DejaVu Sans"

struct series {
	const char *name;
	double rgb[3];
	double v[MAX_BARS];
};

struct chart {
	const char *title, *unit;
	int n;                        /* bars per series */
	char label[MAX_BARS][16];
	int nser;
	struct series s[MAX_SERIES];
};

static const double BLUE[3] = { 0.16, 0.38, 0.67 };
static const double ORANGE[3] = { 0.90, 0.49, 0.13 };
static const double GREEN[3] = { 0.22, 0.56, 0.24 };
static const double GREY[3] = { 0.55, 0.55, 0.55 };

static const char *const file_names[CHART_COUNT] = {
	"per_hour.png", "wait_hour.png", "services.png", "counters.png" };

const char *
chart_file_name(enum chart_kind k)
{
	return k >= 0 && k < CHART_COUNT ? file_names[k] : "chart.png";
}

int
chart_kind_of(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	for (int k = 0; k < CHART_COUNT; k++)
		if (n == strlen(file_names[k]) - 4 &&
		    !strncmp(name, file_names[k], n))
			return k;
	return -1;
}

static void
series(struct chart *c, const char *name, const double rgb[3])
{
	struct series *s = &c->s[c->nser++];

	s->name = name;
	memcpy(s->rgb, rgb, sizeof s->rgb);
}

/* The hours worth a bar: first to last with any ticket (08-16 if none). */
static void
hours(const struct report *r, int *from, int *to)
{
	*from = 24;
	*to = -1;
	for (int h = 0; h < 24; h++)
		if (r->per_hour[h]) {
			*from = *from < h ? *from : h;
			*to = h;
		}
	if (*to < 0) {
		*from = 8;
		*to = 16;
	}
}

static void
fill_hours(const struct report *r, enum chart_kind k, enum lang l,
           struct chart *c)
{
	int from, to;

	hours(r, &from, &to);
	if (k == CHART_PER_HOUR) {
		c->title = tr(l, "Tiket per jam", "Tickets per hour");
		c->unit = tr(l, "tiket", "tickets");
		series(c, tr(l, "diambil", "issued"), BLUE);
	} else {
		c->title = tr(l, "Waktu tunggu per jam ambil tiket",
		    "Wait by hour of issue");
		c->unit = tr(l, "menit", "min");
		series(c, tr(l, "rata-rata", "mean"), BLUE);
		series(c, "p90", ORANGE);
	}
	for (int h = from; h <= to && c->n < MAX_BARS; h++, c->n++) {
		snprintf(c->label[c->n], sizeof c->label[c->n], "%02d", h);
		if (k == CHART_PER_HOUR) {
			c->s[0].v[c->n] = r->per_hour[h];
		} else {
			c->s[0].v[c->n] = r->wait_mean_hour_s[h] / 60.0;
			c->s[1].v[c->n] = r->wait_p90_hour_s[h] / 60.0;
		}
	}
}

static void
fill_lines(const struct r_line *lines, int n, int counters, enum lang l,
           struct chart *c)
{
	c->unit = tr(l, "tiket", "tickets");
	if (!counters)
		series(c, tr(l, "diambil", "issued"), BLUE);
	series(c, tr(l, "dilayani", "served"), GREEN);
	series(c, tr(l, "tidak hadir", "no-show"), GREY);
	for (int i = 0; i < n && c->n < MAX_BARS; i++, c->n++) {
		const struct r_line *x = &lines[i];
		int j = 0;

		if (counters)
			snprintf(c->label[c->n], sizeof c->label[c->n], "%d",
			    x->counter);
		else
			snprintf(c->label[c->n], sizeof c->label[c->n], "%c",
			    x->key);
		if (!counters)
			c->s[j++].v[c->n] = x->issued;
		c->s[j++].v[c->n] = x->served;
		c->s[j].v[c->n] = x->no_show;
	}
}

static void
fill(const struct report *r, enum chart_kind k, enum lang l, struct chart *c)
{
	memset(c, 0, sizeof *c);
	switch (k) {
	case CHART_PER_HOUR:
	case CHART_WAIT_HOUR:
		fill_hours(r, k, l, c);
		break;
	case CHART_SERVICES:
		c->title = tr(l, "Per layanan", "Per service");
		fill_lines(r->services, r->nservices, 0, l, c);
		break;
	default:
		c->title = tr(l, "Per loket", "Per counter");
		fill_lines(r->counters, r->ncounters, 1, l, c);
		break;
	}
}

/* A round top for the axis: 1, 2 or 5 times a power of ten, per step. */
static double
axis_step(double max)
{
	double raw = (max > 0 ? max : 1) / 5, p = pow(10, floor(log10(raw)));

	return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p :
	    10 * p;
}

static void
text(cairo_t *cr, double x, double y, double size, int bold, int align,
     const char *s)
{
	cairo_text_extents_t e;

	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, align == 0 ? x : align == 1 ? x - e.x_advance / 2 :
	    x - e.x_advance, y);
	cairo_show_text(cr, s);
}

static void
legend(cairo_t *cr, const struct chart *c, double x, double y, double fs)
{
	for (int i = c->nser - 1; i >= 0; i--) {
		cairo_text_extents_t e;

		cairo_set_font_size(cr, fs);
		cairo_text_extents(cr, c->s[i].name, &e);
		x -= e.x_advance;
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text(cr, x, y, fs, 0, 0, c->s[i].name);
		x -= fs * 1.3;
		cairo_set_source_rgb(cr, c->s[i].rgb[0], c->s[i].rgb[1],
		    c->s[i].rgb[2]);
		cairo_rectangle(cr, x, y - fs * 0.8, fs * 0.9, fs * 0.9);
		cairo_fill(cr);
		x -= fs;
	}
}

/* The one bar chart: grouped bars, a round axis with grid lines, value
 * labels where they fit, in the box x, y, w, h (any unit). */
static void
bars(cairo_t *cr, const struct chart *c, double x, double y, double w,
     double h)
{
	double fs = h / 22, max = 0, step, top, px, py, pw, ph, gw, bw;
	char buf[32];

	for (int i = 0; i < c->nser; i++)
		for (int j = 0; j < c->n; j++)
			max = c->s[i].v[j] > max ? c->s[i].v[j] : max;
	step = axis_step(max);
	top = step * ceil((max > 0 ? max : 1) / step);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text(cr, x, y + fs * 1.4, fs * 1.3, 1, 0, c->title);
	legend(cr, c, x + w, y + fs * 1.4, fs);
	px = x + fs * 4;
	py = y + fs * 3.8;
	pw = w - fs * 4.5;
	ph = h - fs * 6.3;
	cairo_set_line_width(cr, fs / 12);
	for (double v = 0; v <= top + step / 2; v += step) {
		double gy = py + ph - ph * v / top;

		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		cairo_move_to(cr, px, gy);
		cairo_line_to(cr, px + pw, gy);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		snprintf(buf, sizeof buf, "%g", v);
		text(cr, px - fs * 0.4, gy + fs * 0.35, fs, 0, 2, buf);
	}
	text(cr, x, py - fs * 1.0, fs * 0.9, 0, 0, c->unit);
	if (c->n == 0)
		return;
	gw = pw / (c->n > 6 ? c->n : 6);      /* a lone bar stays a bar */
	px += (pw - gw * c->n) / 2;
	bw = gw * 0.8 / (c->nser ? c->nser : 1);
	for (int j = 0; j < c->n; j++) {
		double gx = px + gw * j + gw * 0.1;

		for (int i = 0; i < c->nser; i++) {
			double v = c->s[i].v[j], bh = ph * v / top;

			cairo_set_source_rgb(cr, c->s[i].rgb[0],
			    c->s[i].rgb[1], c->s[i].rgb[2]);
			cairo_rectangle(cr, gx + bw * i, py + ph - bh, bw * 0.92,
			    bh);
			cairo_fill(cr);
			if (v > 0 && bw > fs * 1.6) {
				cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
				snprintf(buf, sizeof buf, "%.*f",
				    v == floor(v) ? 0 : 1, v);
				text(cr, gx + bw * i + bw * 0.46,
				    py + ph - bh - fs * 0.3, fs * 0.8, 0, 1,
				    buf);
			}
		}
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		text(cr, px + gw * j + gw / 2, py + ph + fs * 1.3, fs, 0, 1,
		    c->label[j]);
	}
}

/* One row of the figures' table: a name, then six right-aligned cells. */
static void
row(cairo_t *cr, double x, double y, double fs, int bold,
    const char *const cell[7])
{
	static const double right[7] = { 0, 210, 290, 370, 460, 560, 660 };

	for (int i = 0; i < 7; i++)
		text(cr, x + right[i] * fs / 11, y, fs, bold, i ? 2 : 0,
		    cell[i]);
}

static void
summary_line(cairo_t *cr, double x, double y, double fs, const char *name,
             const struct r_line *l, int issued)
{
	char b[7][32];
	const char *cell[7];

	snprintf(b[0], sizeof b[0], "%s", name);
	snprintf(b[1], sizeof b[1], "%d", l->issued);
	snprintf(b[2], sizeof b[2], "%d", l->served);
	snprintf(b[3], sizeof b[3], "%d", l->no_show);
	snprintf(b[4], sizeof b[4], "%.1f", l->wait_mean_s / 60);
	snprintf(b[5], sizeof b[5], "%.1f", l->wait_p90_s / 60);
	snprintf(b[6], sizeof b[6], "%.1f", l->service_mean_s / 60);
	for (int i = 0; i < 7; i++)
		cell[i] = i == 1 && !issued ? "" : b[i];
	row(cr, x, y, fs, 0, cell);
}

/* The first page: title, range, the table of `antri report`. */
static void
summary(cairo_t *cr, const struct report *r, const char *office,
        enum lang l)
{
	const char *head[7] = { "", tr(l, "diambil", "issued"),
		tr(l, "dilayani", "served"), tr(l, "tdk hadir", "no-show"),
		tr(l, "tunggu", "wait"), "p90", tr(l, "layan", "serve") };
	double x = 50, y = 60, fs = 11, step = fs * 1.7;
	char buf[256], name[32];

	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	snprintf(buf, sizeof buf, "%s%s%s", tr(l, "Laporan antrian",
	    "Queue report"), office && *office ? " - " : "",
	    office ? office : "");
	text(cr, x, y, 20, 1, 0, buf);
	snprintf(buf, sizeof buf, "%s %s %s, %d %s %s", r->from[0] ? r->from :
	    "-", tr(l, "s.d.", "to"), r->to[0] ? r->to : "-", r->days,
	    tr(l, "hari kerja", "business days"),
	    tr(l, "(waktu dalam menit)", "(times in minutes)"));
	text(cr, x, y += 28, 12, 0, 0, buf);
	row(cr, x, y += 36, fs, 1, head);
	summary_line(cr, x, y += step, fs, tr(l, "semua", "all"), &r->total,
	    1);
	for (int i = 0; i < r->nservices; i++) {
		snprintf(name, sizeof name, "%s %c", tr(l, "layanan",
		    "service"), r->services[i].key);
		summary_line(cr, x, y += step, fs, name, &r->services[i], 1);
	}
	for (int i = 0; i < r->ncounters && y < 540; i++) {
		snprintf(name, sizeof name, "%s %d", tr(l, "loket", "counter"),
		    r->counters[i].counter);
		summary_line(cr, x, y += step, fs, name, &r->counters[i], 0);
	}
	snprintf(buf, sizeof buf, "%s: %d%s%s%s", tr(l, "Puncak isi ruangan",
	    "Peak occupancy"), r->peak_occupancy, r->peak_day[0] ? " (" : "",
	    r->peak_day, r->peak_day[0] ? ")" : "");
	text(cr, x, y += step * 1.6, fs, 0, 0, buf);
}

static int
cairo_failed(cairo_status_t st, const char *what, char *err, size_t len)
{
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	snprintf(err, len, "%s: %s", what, cairo_status_to_string(st));
	return -1;
}

/* The SVG surface's bytes, appended to a growing buffer. */
struct membuf {
	unsigned char *p;
	size_t len, cap;
	int failed;
};

static cairo_status_t
mem_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct membuf *m = closure;

	if (m->len + n > m->cap) {
		size_t cap = (m->len + n) * 2;
		unsigned char *p = realloc(m->p, cap);

		if (!p) {
			m->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->len, data, n);
	m->len += n;
	return CAIRO_STATUS_SUCCESS;
}

/* The PDF's pages on surface s (taken); what names it in err. */
static int
pdf_pages(cairo_surface_t *s, const struct report *r, const char *office,
          enum lang l, const char *what, char *err, size_t len)
{
	const double W = 842, H = 595;    /* A4 landscape, points */
	cairo_t *cr = cairo_create(s);
	struct chart c;
	int rc;

	summary(cr, r, office, l);
	for (int k = 0; k < CHART_COUNT; k++) {
		if (k % 2 == 0)
			cairo_show_page(cr);
		fill(r, (enum chart_kind)k, l, &c);
		bars(cr, &c, 40, 30 + (k % 2) * H / 2, W - 80, H / 2 - 50);
	}
	cairo_show_page(cr);
	rc = cairo_failed(cairo_status(cr), what, err, len);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (!rc)
		rc = cairo_failed(cairo_surface_status(s), what, err, len);
	cairo_surface_destroy(s);
	return rc;
}

int
chart_report_pdf(const struct report *r, const char *office, enum lang l,
                 const char *path, char *err, size_t len)
{
	return pdf_pages(cairo_pdf_surface_create(path, 842, 595), r, office,
	    l, path, err, len);
}

/* m's bytes as *out, or rc (a failure, or m out of memory) */
static int
mem_done(struct membuf *m, int rc, const char *what, char **out,
         size_t *outlen, char *err, size_t len)
{
	if (!rc && m->failed)
		rc = cairo_failed(CAIRO_STATUS_NO_MEMORY, what, err, len);
	if (rc) {
		free(m->p);
		return rc;
	}
	*out = (char *)m->p;
	*outlen = m->len;
	return 0;
}

int
chart_report_pdf_mem(const struct report *r, const char *office,
                     enum lang l, char **pdf, size_t *pdflen, char *err,
                     size_t len)
{
	struct membuf m = { NULL, 0, 0, 0 };
	int rc = pdf_pages(cairo_pdf_surface_create_for_stream(mem_write, &m,
	    842, 595), r, office, l, "PDF", err, len);

	*pdf = NULL;
	*pdflen = 0;
	return mem_done(&m, rc, "PDF", pdf, pdflen, err, len);
}

int
chart_report_svg(const struct report *r, enum chart_kind k, enum lang l,
                 double w, double h, char **svg, size_t *svglen, char *err,
                 size_t len)
{
	struct membuf m = { NULL, 0, 0, 0 };
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(mem_write, &m,
	    w, h);
	cairo_t *cr = cairo_create(s);
	struct chart c;
	int rc;

	*svg = NULL;
	*svglen = 0;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	fill(r, k, l, &c);
	bars(cr, &c, w * 0.03, h * 0.03, w * 0.94, h * 0.94);
	rc = cairo_failed(cairo_status(cr), "SVG", err, len);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (!rc)
		rc = cairo_failed(cairo_surface_status(s), "SVG", err, len);
	cairo_surface_destroy(s);
	return mem_done(&m, rc, "SVG", svg, svglen, err, len);
}

int
chart_report_png(const struct report *r, const char *office, enum lang l,
                 const char *dir, int w, int h, char *err, size_t len)
{
	char path[1024];
	struct chart c;
	int rc = 0;

	(void)office;
	for (int k = 0; k < CHART_COUNT && !rc; k++) {
		cairo_surface_t *s = cairo_image_surface_create(
		    CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(s);

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		fill(r, (enum chart_kind)k, l, &c);
		bars(cr, &c, w * 0.03, h * 0.03, w * 0.94, h * 0.94);
		snprintf(path, sizeof path, "%s/%s", dir,
		    chart_file_name((enum chart_kind)k));
		rc = cairo_failed(cairo_status(cr), path, err, len);
		if (!rc)
			rc = cairo_failed(cairo_surface_write_to_png(s, path),
			    path, err, len);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	return rc;
}
