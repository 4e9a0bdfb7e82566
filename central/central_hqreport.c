/* central_hqreport.c - /hq's reports across outlets: the selection is
 * checked by cr_select() and its figures, title and JSON made by
 * central_report.c, so the page shows what `antri-central report`
 * prints; the CSV, PDF and SVG are the outlet's own writers' (qjson.c,
 * shared/chart), sent as antri-serve's /manage sends its own report.
 */
#define _GNU_SOURCE                  /* open_memstream */
#include "central_hqreport.h"
#include "central_report.h"
#include "chart.h"
#include "qjson.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum fmt { F_JSON, F_CSV, F_PDF, F_SVG };

const char *const chr_params[] = { "from", "to", "office", "area", "by",
	"lang", NULL };

/* a parameter, NULL when absent or empty (a form's empty field) */
static const char *
arg(struct http_req *r, const char *name)
{
	const char *v = http_arg(r, name);

	return v && *v ? v : NULL;
}

static int
ends(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

static enum MHD_Result
cdb_failed(struct http_req *r, cdb *db, int rc)
{
	char msg[600];

	if (rc == CDB_ENOOFFICE)
		return http_error(r, 400, "bad_parameter", "no such office");
	if (rc == CDB_EINVAL)
		return http_error(r, 400, "bad_parameter", "a day is written "
		    "YYYY-MM-DD, e.g. 2026-11-02");
	if (rc == CDB_OK)
		return http_error(r, 503, "server_error", "out of memory");
	snprintf(msg, sizeof msg, "the central database: %s", cdb_error(db));
	ch_db_failed(rc);
	return http_error(r, 503, "database_error", msg);
}

static enum MHD_Result
send_csv(struct http_req *r, const struct report *rep,
         const struct q_status *st)
{
	struct MHD_Response *resp;
	char *buf = NULL, disp[128];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return MHD_NO;
	if ((qjson_report_csv(f, rep, st) | fclose(f)) || !(resp =
	    MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE))) {
		free(buf);
		return MHD_NO;
	}
	snprintf(disp, sizeof disp, "attachment; filename=\"antri-report-"
	    "%s-%s.csv\"", rep->from, rep->to);
	MHD_add_response_header(resp, "Content-Type", "text/csv; charset=utf-8");
	MHD_add_response_header(resp, "Content-Disposition", disp);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	return http_send(r, 200, resp);
}

/* chart_report_pdf into a temporary file, unlinked once open, served */
static enum MHD_Result
send_pdf(struct http_req *r, const struct report *rep,
         const struct q_status *st, enum lang l)
{
	char path[64], err[512];
	struct stat sb;
	int fd;

	/* /tmp, not $TMPDIR: nothing is taken from the environment */
	snprintf(path, sizeof path, "/tmp/antri-hqreport-XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return http_error(r, 503, "server_error", "cannot make a "
		    "temporary file for the PDF");
	close(fd);
	if (chart_report_pdf(rep, st->office, l, path, err, sizeof err)) {
		unlink(path);
		fprintf(stderr, "antri-central: report PDF: %s\n", err);
		return http_error(r, 503, "server_error", "the PDF could not be "
		    "made");
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0 || fstat(fd, &sb)) {
		if (fd >= 0)
			close(fd);
		return http_error(r, 503, "server_error", "the PDF could not be "
		    "read");
	}
	return http_fd(r, fd, (uint64_t)sb.st_size, "application/pdf");
}

static enum MHD_Result
send_svg(struct http_req *r, const struct report *rep, enum chart_kind k,
         enum lang l)
{
	struct MHD_Response *resp;
	char *svg, err[256];
	size_t len;

	if (chart_report_svg(rep, k, l, 800, 360, &svg, &len, err,
	    sizeof err)) {
		fprintf(stderr, "antri-central: report chart: %s\n", err);
		return http_error(r, 503, "server_error", "the chart could not "
		    "be made");
	}
	if (!(resp = MHD_create_response_from_buffer(len, svg,
	    MHD_RESPMEM_MUST_FREE))) {
		free(svg);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "image/svg+xml");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	return http_send(r, 200, resp);
}

enum MHD_Result
chr_report(struct http_req *r, cdb *db, enum lang l, const char *chart)
{
	const char *lang = arg(r, "lang"), *why, *from = arg(r, "from"),
	    *to = arg(r, "to");
	enum fmt f = chart ? F_SVG : ends(r->path, ".csv") ? F_CSV :
	    ends(r->path, ".pdf") ? F_PDF : F_JSON;
	struct report *rep;
	struct q_status *st;
	struct cr_sel s;
	enum MHD_Result ret;
	char name[32], today[16];
	int k = -1, rc;
	json_t *j;

	if (chart) {
		if (ends(chart, ".svg") && strlen(chart) - 4 < sizeof name) {
			snprintf(name, sizeof name, "%.*s",
			    (int)(strlen(chart) - 4), chart);
			k = chart_kind_of(name);
		}
		if (k < 0)
			return http_error(r, 404, "not_found", "no such chart "
			    "(per_hour, wait_hour, services, counters; .svg)");
	}
	/* neither day: today, as /manage's report */
	if (!from && !to) {
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		from = to = today;
	}
	if ((why = cr_select(&s, from, to, arg(r, "office"), arg(r, "area"),
	    arg(r, "by"))))
		return http_error(r, 400, "bad_parameter", why);
	if (lang && strcmp(lang, "id") && strcmp(lang, "en"))
		return http_error(r, 400, "bad_parameter", "lang is id or en");
	if (lang)
		l = i18n_parse(lang);
	if (f == F_JSON) {
		if (!(j = cr_json(db, &s, &rc)))
			return cdb_failed(r, db, rc);
		return ch_json(r, 200, j);
	}
	if (s.by != CR_BY_NONE)
		return http_error(r, 400, "bad_parameter", "the CSV, the PDF and "
		    "a chart take one selection: office, area or all, without "
		    "by");
	rep = malloc(sizeof *rep);
	st = malloc(sizeof *st);
	if (!rep || !st)
		ret = cdb_failed(r, db, CDB_OK);
	else if ((rc = cr_figures(db, &s, l, rep, st)))
		ret = cdb_failed(r, db, rc);
	else if (f == F_CSV)
		ret = send_csv(r, rep, st);
	else if (f == F_PDF)
		ret = send_pdf(r, rep, st, l);
	else
		ret = send_svg(r, rep, (enum chart_kind)k, l);
	free(rep);
	free(st);
	return ret;
}
