/* central_report.c - `antri-central report`: the figures of `antri report`
 * over the tickets the central rebuilt from the outlets' events, for one
 * office, one area or all, as text, JSON, CSV or a PDF, and per office or
 * per area with --by.  The figures come from cdb_report() (the core's
 * own accumulator, report.c); the text, JSON, CSV and PDF from the
 * formatters `antri report` uses (report_text.c, qjson.c, chart.c).
 *
 *   antri-central report --from DAY --to DAY [--office ID | --area NAME]
 *       [--by office|area] [--json | --csv | --pdf FILE]
 */
#define _GNU_SOURCE                  /* getopt_long */
#include "central_report.h"
#include "chart.h"
#include "qjson.h"
#include "report.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EX_DONE = 0, EX_USAGE = 2, EX_SYSTEM = 3 };
enum out { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_PDF };

#define USAGE "usage: report --from YYYY-MM-DD --to YYYY-MM-DD [--office ID " \
	"| --area NAME] [--by office|area] [--json | --csv | --pdf FILE]"

struct run {
	cdb *c;
	const char *from, *to, *office, *area;
	int by_area;
	enum out out;
	json_t *groups;               /* --json --by: the groups so far */
	int rc;
};

static int
usage(const char *what)
{
	fprintf(stderr, "antri-central report: %s\n%s\n", what, USAGE);
	return EX_USAGE;
}

static int
failed(cdb *c, int rc)
{
	if (rc == CDB_EINVAL)
		return usage("a day is written YYYY-MM-DD, e.g. 2026-11-02");
	fprintf(stderr, "antri-central: report: %s\n", cdb_error(c));
	return EX_SYSTEM;
}

/* the title of a selection: an office's name, an area's, or all */
static void
title_of(struct run *u, const char *office, const char *area,
         struct q_status *st, int *rc)
{
	*rc = CDB_OK;
	memset(st, 0, sizeof *st);
	if (office)
		*rc = cdb_report_names(u->c, office, st);
	else
		snprintf(st->office, sizeof st->office, "%s", area ? area :
		    "all outlets");
}

/* one selection, written as asked; its JSON added to u->groups when
 * grouping */
static int
one(struct run *u, const char *key, const char *name, const char *office,
    const char *area)
{
	struct report *r = malloc(sizeof *r);
	struct q_status *st = malloc(sizeof *st);
	json_t *j;
	int rc = CDB_OK, ex = EX_DONE;

	if (!r || !st) {
		free(r);
		free(st);
		fprintf(stderr, "antri-central: out of memory\n");
		return EX_SYSTEM;
	}
	if ((rc = cdb_report(u->c, u->from, u->to, office, area, r)) ||
	    (u->out != OUT_JSON && u->out != OUT_TEXT &&
	    (title_of(u, office, area, st, &rc), rc))) {
		ex = rc == CDB_ENOOFFICE ? usage("no such office") :
		    failed(u->c, rc);
		goto out;
	}
	switch (u->out) {
	case OUT_TEXT:
		if (key)
			printf("== %s%s%s ==\n", key, strcmp(key, name) ?
			    " " : "", strcmp(key, name) ? name : "");
		report_text(stdout, r);
		if (key)
			printf("\n");
		break;
	case OUT_JSON:
		if (!(j = qjson_report(r)))
			goto oom;
		if (key) {
			json_t *g = json_pack("{s:s, s:s, s:o}", u->by_area ?
			    "area" : "office", key, "name", name, "report", j);

			if (!g || json_array_append_new(u->groups, g))
				goto oom;
		} else {
			rc = json_dumpf(j, stdout, JSON_COMPACT |
			    JSON_REAL_PRECISION(15));
			json_decref(j);
			if (rc || putchar('\n') == EOF)
				goto oom;
		}
		break;
	case OUT_CSV:
		if (qjson_report_csv(stdout, r, st))
			goto oom;
		break;
	case OUT_PDF:
		/* the PDF's name is given once: no --by (checked) */
		break;
	}
	goto out;
oom:
	fprintf(stderr, "antri-central: report: cannot write the output\n");
	ex = EX_SYSTEM;
out:
	free(r);
	free(st);
	return ex;
}

static int
on_group(const char *key, const char *name, void *ctx)
{
	struct run *u = ctx;

	u->rc = one(u, key, name, u->by_area ? u->office : key,
	    u->by_area ? key : u->area);
	return u->rc != EX_DONE;
}

/* the PDF of one selection */
static int
pdf(struct run *u, const char *file)
{
	struct report *r = malloc(sizeof *r);
	struct q_status *st = malloc(sizeof *st);
	char err[512];
	int rc = CDB_OK, ex = EX_DONE;

	if (!r || !st) {
		ex = EX_SYSTEM;
		fprintf(stderr, "antri-central: out of memory\n");
	} else if ((rc = cdb_report(u->c, u->from, u->to, u->office, u->area,
	    r)) || (title_of(u, u->office, u->area, st, &rc), rc)) {
		ex = rc == CDB_ENOOFFICE ? usage("no such office") :
		    failed(u->c, rc);
	} else if (chart_report_pdf(r, st->office, LANG_ID, file, err,
	    sizeof err)) {
		fprintf(stderr, "antri-central: report: cannot write the PDF "
		    "%s\n", err);
		ex = EX_SYSTEM;
	} else {
		fprintf(stderr, "antri-central: report written to %s\n", file);
	}
	free(r);
	free(st);
	return ex;
}

int
central_report(cdb **c, const char *conninfo, int argc, char **argv)
{
	struct run u;
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "office", required_argument, NULL, 'o' },
		{ "area", required_argument, NULL, 'a' },
		{ "by", required_argument, NULL, 'b' },
		{ "pdf", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *by = NULL, *pdffile = NULL;
	char err[512];
	int json = 0, csv = 0, ex, o;

	memset(&u, 0, sizeof u);
	opterr = 0;
	optind = 1;
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (o) {
		case 'f': u.from = optarg; break;
		case 't': u.to = optarg; break;
		case 'o': u.office = optarg; break;
		case 'a': u.area = optarg; break;
		case 'b': by = optarg; break;
		case 'p': pdffile = optarg; break;
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		case ':': return usage("an option needs a value");
		default: return usage("unknown option");
		}
	}
	if (optind != argc)
		return usage("unexpected argument");
	if (!u.from || !u.to)
		return usage("give --from and --to");
	if (!report_valid_day(u.from) || !report_valid_day(u.to))
		return usage("a day is written YYYY-MM-DD, e.g. 2026-11-02");
	if (strcmp(u.from, u.to) > 0)
		return usage("--from is after --to");
	if (u.office && u.area)
		return usage("--office or --area, not both");
	if (by && strcmp(by, "office") && strcmp(by, "area"))
		return usage("--by is office or area");
	if (json + csv + !!pdffile > 1)
		return usage("one of --json, --csv, --pdf");
	if (by && (csv || pdffile))
		return usage("--csv and --pdf take one selection: --office ID, "
		    "--area NAME or all, without --by");
	u.out = json ? OUT_JSON : csv ? OUT_CSV : pdffile ? OUT_PDF : OUT_TEXT;
	u.by_area = by && !strcmp(by, "area");
	if (cdb_connect(c, conninfo, 60, err, sizeof err)) {
		fprintf(stderr, "antri-central: the central is unreachable: "
		    "%s\n", err);
		return EX_SYSTEM;
	}
	u.c = *c;
	if (pdffile)
		return pdf(&u, pdffile);
	if (!by)
		return one(&u, NULL, NULL, u.office, u.area);
	/* each group, then the whole selection */
	if (json && !(u.groups = json_array())) {
		fprintf(stderr, "antri-central: out of memory\n");
		return EX_SYSTEM;
	}
	if ((ex = cdb_report_groups(u.c, u.office, u.area, u.by_area,
	    on_group, &u)) < 0) {
		json_decref(u.groups);
		return failed(u.c, ex);
	}
	if (u.rc) {
		json_decref(u.groups);
		return u.rc;
	}
	if (!json)
		return one(&u, "all", "all", u.office, u.area);
	{
		struct report *r = malloc(sizeof *r);
		json_t *doc;
		int rc;

		if (!r || (rc = cdb_report(u.c, u.from, u.to, u.office, u.area,
		    r))) {
			free(r);
			json_decref(u.groups);
			return r ? failed(u.c, rc) : EX_SYSTEM;
		}
		doc = json_pack("{s:s, s:o, s:o}", "by", by, "groups",
		    u.groups, "total", qjson_report(r));
		free(r);
		if (!doc || json_dumpf(doc, stdout, JSON_COMPACT |
		    JSON_REAL_PRECISION(15)) || putchar('\n') == EOF) {
			json_decref(doc);
			fprintf(stderr, "antri-central: report: cannot write "
			    "the output\n");
			return EX_SYSTEM;
		}
		json_decref(doc);
	}
	return EX_DONE;
}
