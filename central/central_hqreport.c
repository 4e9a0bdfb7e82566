/* central_hqreport.c - /hq's reports across outlets: the selection is
 * checked by cr_select() and its figures, title and JSON made by
 * central_report.c, so the page shows what `antri-central report`
 * prints; the CSV, PDF and SVG are the outlet's own writers' (qjson.c,
 * shared/chart), in memory, as antri-serve's /manage sends its own.
 */
#define _GNU_SOURCE                  /* localtime_r */
#include "central_hqreport.h"
#include "central_report.h"
#include "chart.h"
#include "qjson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	if (rc == CDB_ENOOFFICE)
		return http_error(r, 400, "bad_parameter", "no such office");
	if (rc == CDB_EINVAL)
		return http_error(r, 400, "bad_parameter", "a day is written "
		    "YYYY-MM-DD, e.g. 2026-11-02");
	if (rc == CDB_OK)
		return http_error(r, 503, "server_error", "out of memory");
	return ch_db_error(r, db, rc);
}

/* the selection as CSV, PDF or SVG: the outlet's writers' bytes */
static enum MHD_Result
send_doc(struct http_req *r, enum fmt f, enum chart_kind k,
     const struct report *rep, const struct q_status *st, enum lang l)
{
	char *buf, err[512], disp[128];
	size_t len;

	if (f == F_CSV) {
		if (!(buf = qjson_report_csv_mem(rep, st, &len)))
			return MHD_NO;
		snprintf(disp, sizeof disp, "attachment; filename=\"antri-report-"
		    "%s-%s.csv\"", rep->from, rep->to);
		return http_buffer(r, 200, "text/csv; charset=utf-8", disp, buf,
		    len);
	}
	if (f == F_PDF ? chart_report_pdf_mem(rep, st->office, l, &buf, &len,
	    err, sizeof err) : chart_report_svg(rep, k, l, 800, 360, &buf, &len,
	    err, sizeof err)) {
		fprintf(stderr, "antri-central: report: %s\n", err);
		return http_error(r, 503, "server_error", "the report could not "
		    "be drawn");
	}
	return http_buffer(r, 200, f == F_PDF ? "application/pdf" :
	    "image/svg+xml", NULL, buf, len);
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
	/* the days are what a person picks on /hq: said in both languages */
	if ((why = cr_days(from, to)))
		return http_refuse(r, 400, "bad_parameter", why, i18n_w(LANG_ID,
		    W_WEB_DAYS), i18n_w(LANG_EN, W_WEB_DAYS));
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
		return http_json(r, 200, j);
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
	else
		ret = send_doc(r, f, (enum chart_kind)k, rep, st, l);
	free(rep);
	free(st);
	return ret;
}
