/* central_report.c - the reports across outlets: `antri-central report`,
 * the figures of `antri report` over the tickets the central rebuilt
 * from the outlets' events, for one office, one area or all, as text,
 * JSON, CSV or a PDF, and per office or per area with --by; and what
 * /hq's report routes (central_hqreport.c) take from here: the check of
 * a selection (cr_select), its figures and title (cr_figures) and its
 * JSON (cr_json), so the command and the page say the same.  The figures
 * come from cdb_report() (the core's own accumulator, report.c); the
 * text, JSON, CSV and PDF from the formatters `antri report` uses
 * (report_text.c, qjson.c, chart.c).
 *
 *   antri-central report --from DAY --to DAY [--office ID | --area NAME]
 *       [--by office|area] [--json | --csv | --pdf FILE] [--no-rollup]
 *
 * The command first makes the rollups of the closed days its selection
 * reads across all outlets that are missing or no longer hold
 * (cdb_rollup), so that the report reads them; /hq's routes only read
 * those there are (the nightly `antri-central rollup` makes them).
 */
#define _GNU_SOURCE                  /* getopt_long */
#include "central_report.h"
#include "chart.h"
#include "qjson.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EX_DONE = 0, EX_USAGE = 2, EX_SYSTEM = 3 };
enum out { OUT_TEXT, OUT_JSON, OUT_CSV, OUT_PDF };

#define USAGE "usage: report --from YYYY-MM-DD --to YYYY-MM-DD [--office ID " \
	"| --area NAME] [--by office|area] [--json | --csv | --pdf FILE] " \
	"[--no-rollup]"
#define BAD_DAY "a day is written YYYY-MM-DD, e.g. 2026-11-02"

/* ---- shared with /hq -------------------------------------------------- */

const char *
cr_days(const char *from, const char *to)
{
	if (!from || !to)
		return "give from and to (days YYYY-MM-DD)";
	if (!report_valid_day(from) || !report_valid_day(to))
		return BAD_DAY;
	if (strcmp(from, to) > 0)
		return "from is after to: the first day comes first";
	return NULL;
}

const char *
cr_select(struct cr_sel *s, const char *from, const char *to,
          const char *office, const char *area, const char *by)
{
	const char *why;

	memset(s, 0, sizeof *s);
	if ((why = cr_days(from, to)))
		return why;
	if (office && area)
		return "office or area, not both";
	if (by && strcmp(by, "office") && strcmp(by, "area"))
		return "by is office or area";
	s->from = from;
	s->to = to;
	s->office = office;
	s->area = area;
	s->by = !by ? CR_BY_NONE : !strcmp(by, "area") ? CR_BY_AREA :
	    CR_BY_OFFICE;
	return NULL;
}

int
cr_figures(cdb *c, const struct cr_sel *s, enum lang l, struct report *r,
           struct q_status *st)
{
	int rc;

	if ((rc = cdb_report_how(c, s->from, s->to, s->office, s->area,
	    s->tickets_only, r)))
		return rc;
	memset(st, 0, sizeof *st);
	if (s->office)
		return cdb_report_names(c, s->office, st);
	snprintf(st->office, sizeof st->office, "%s", s->area ? s->area :
	    i18n_w(l, W_CX_BOARD));
	return CDB_OK;
}

/* one selection's qjson_report(); NULL with *rc */
static json_t *
report_json(cdb *c, const struct cr_sel *s, const char *office,
            const char *area, int *rc)
{
	struct report *r = malloc(sizeof *r);
	json_t *j = NULL;

	*rc = CDB_OK;
	if (r && !(*rc = cdb_report_how(c, s->from, s->to, office, area,
	    s->tickets_only, r)))
		j = qjson_report(r);
	free(r);
	return j;
}

struct groups {
	cdb *c;
	const struct cr_sel *s;
	json_t *a;
	int rc;
};

static int
add_group(const char *key, const char *name, void *ctx)
{
	struct groups *g = ctx;
	int area = g->s->by == CR_BY_AREA;
	json_t *j = report_json(g->c, g->s, area ? g->s->office : key,
	    area ? key : g->s->area, &g->rc), *e;

	if (!j)
		return 1;
	e = json_pack("{s:s, s:s, s:o}", area ? "area" : "office", key, "name",
	    name, "report", j);
	return !e || json_array_append_new(g->a, e);
}

json_t *
cr_json(cdb *c, const struct cr_sel *s, int *rc)
{
	struct groups g = { c, s, NULL, CDB_OK };
	json_t *total;
	int n;

	if (s->by == CR_BY_NONE)
		return report_json(c, s, s->office, s->area, rc);
	*rc = CDB_OK;
	if (!(g.a = json_array()))
		return NULL;
	if ((n = cdb_report_groups(c, s->office, s->area, s->by == CR_BY_AREA,
	    add_group, &g)) < 0 || g.rc || n) {
		*rc = n < 0 ? n : g.rc;
		json_decref(g.a);
		return NULL;
	}
	if (!(total = report_json(c, s, s->office, s->area, rc))) {
		json_decref(g.a);
		return NULL;
	}
	return json_pack("{s:s, s:o, s:o}", "by", s->by == CR_BY_AREA ? "area" :
	    "office", "groups", g.a, "total", total);
}

/* ---- the command -------------------------------------------------------- */

struct run {
	cdb *c;
	struct cr_sel s;
	enum out out;
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
	if (rc == CDB_ENOOFFICE)
		return usage("no such office");
	if (rc == CDB_EINVAL)
		return usage(BAD_DAY);
	if (rc == CDB_OK)
		fprintf(stderr, "antri-central: report: out of memory\n");
	else
		fprintf(stderr, "antri-central: report: %s\n", cdb_error(c));
	return EX_SYSTEM;
}

static int
written(int bad)
{
	if (!bad)
		return EX_DONE;
	fprintf(stderr, "antri-central: report: cannot write the output\n");
	return EX_SYSTEM;
}

/* one selection as text (under a heading when key), CSV or a PDF */
static int
one(struct run *u, const char *key, const char *name, const char *office,
    const char *area, const char *pdffile)
{
	struct report *r = malloc(sizeof *r);
	struct q_status *st = malloc(sizeof *st);
	struct cr_sel s = u->s;
	char err[512];
	int rc, ex = EX_DONE;

	s.office = office;
	s.area = area;
	if (!r || !st) {
		ex = failed(u->c, CDB_OK);
	} else if ((rc = u->out == OUT_TEXT ? cdb_report_how(u->c, s.from,
	    s.to, office, area, s.tickets_only, r) : cr_figures(u->c, &s,
	    LANG_ID, r, st))) {
		ex = failed(u->c, rc);
	} else if (u->out == OUT_TEXT) {
		if (key)
			printf("== %s%s%s ==\n", key, strcmp(key, name) ?
			    " " : "", strcmp(key, name) ? name : "");
		report_text(stdout, r);
		if (key)
			printf("\n");
	} else if (u->out == OUT_CSV) {
		ex = written(qjson_report_csv(stdout, r, st));
	} else if (chart_report_pdf(r, st->office, LANG_ID, pdffile, err,
	    sizeof err)) {
		fprintf(stderr, "antri-central: report: cannot write the PDF "
		    "%s\n", err);
		ex = EX_SYSTEM;
	} else {
		fprintf(stderr, "antri-central: report written to %s\n",
		    pdffile);
	}
	free(r);
	free(st);
	return ex;
}

static int
on_group(const char *key, const char *name, void *ctx)
{
	struct run *u = ctx;
	int area = u->s.by == CR_BY_AREA;

	u->rc = one(u, key, name, area ? u->s.office : key, area ? key :
	    u->s.area, NULL);
	return u->rc != EX_DONE;
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
		{ "no-rollup", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL, *office = NULL, *area = NULL;
	const char *by = NULL, *pdffile = NULL, *why;
	char err[512];
	int json = 0, csv = 0, norollup = 0, ex, o;
	json_t *j;

	memset(&u, 0, sizeof u);
	opterr = 0;
	optind = 1;
	while ((o = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (o) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'o': office = optarg; break;
		case 'a': area = optarg; break;
		case 'b': by = optarg; break;
		case 'p': pdffile = optarg; break;
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		case 'n': norollup = 1; break;
		case ':': return usage("an option needs a value");
		default: return usage("unknown option");
		}
	}
	if (optind != argc)
		return usage("unexpected argument");
	/* the same check and words as /hq's parameters */
	if ((why = cr_select(&u.s, from, to, office, area, by)))
		return usage(why);
	if (json + csv + !!pdffile > 1)
		return usage("one of --json, --csv, --pdf");
	if (by && (csv || pdffile))
		return usage("--csv and --pdf take one selection: --office ID, "
		    "--area NAME or all, without --by");
	u.out = json ? OUT_JSON : csv ? OUT_CSV : pdffile ? OUT_PDF : OUT_TEXT;
	if (cdb_connect(c, conninfo, 60, err, sizeof err)) {
		fprintf(stderr, "antri-central: the central is unreachable: "
		    "%s\n", err);
		return EX_SYSTEM;
	}
	u.c = *c;
	u.s.tickets_only = norollup;
	/* the closed days of all outlets summed first, when missing or
	 * changed since (a failure here only means the tickets are read) */
	if (!norollup && !u.s.office && !u.s.area &&
	    cdb_rollup(u.c, u.s.from, u.s.to, NULL, NULL)) {
		if (!cdb_alive(u.c))
			return failed(u.c, CDB_EDOWN);
		fprintf(stderr, "antri-central: report: the closed days were "
		    "not summed (%s): their tickets are read\n",
		    cdb_error(u.c));
	}
	if (json) {
		if (!(j = cr_json(u.c, &u.s, &ex)))
			return failed(u.c, ex);
		ex = written(json_dumpf(j, stdout, JSON_COMPACT |
		    JSON_REAL_PRECISION(15)) || putchar('\n') == EOF);
		json_decref(j);
		return ex;
	}
	if (u.s.by == CR_BY_NONE)
		return one(&u, NULL, NULL, u.s.office, u.s.area, pdffile);
	/* text: each group, then the whole selection */
	if ((ex = cdb_report_groups(u.c, u.s.office, u.s.area,
	    u.s.by == CR_BY_AREA, on_group, &u)) < 0)
		return failed(u.c, ex);
	if (u.rc)
		return u.rc;
	return one(&u, "all", "all", u.s.office, u.s.area, NULL);
}
