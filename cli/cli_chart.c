/* cli_chart.c - `antri report --pdf FILE` and `--png DIR`: the report's
 * figures and charts through shared/chart (cairo), in the office's
 * language, titled with the office's name from the database. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "chart.h"

#include <stdlib.h>
#include <sys/stat.h>

int
cli_full(struct cli *c)
{
	(void)c;
	return 0;                    /* this is antri-print */
}

int
cli_report_charts(struct cli *c, const struct report *r, const char *pdf,
                  const char *pngdir)
{
	struct q_status *st = malloc(sizeof *st);
	enum lang l = i18n_parse(config_str(c->cfg, "office", "language",
	    "id"));
	const char *office = "";
	char err[512];
	struct stat sb;
	int rc = 0;

	if (!st)
		return cli_fail(c, "report", Q_ENOMEM);
	if (queue_status(c->q, st) == Q_OK)
		office = st->office;
	if (pdf && chart_report_pdf(r, office, l, pdf, err, sizeof err)) {
		fprintf(stderr, "antri: report: cannot write the PDF %s\n", err);
		rc = EXIT_SYSTEM;
	}
	if (!rc && pngdir && (stat(pngdir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		fprintf(stderr, "antri: report: %s is not a folder\n", pngdir);
		rc = EXIT_USAGE;
	} else if (!rc && pngdir && chart_report_png(r, office, l, pngdir,
	    1200, 700, err, sizeof err)) {
		fprintf(stderr, "antri: report: cannot write the charts %s\n",
		    err);
		rc = EXIT_SYSTEM;
	}
	if (!rc && pdf)
		fprintf(stderr, "antri: report written to %s\n", pdf);
	if (!rc && pngdir)
		for (int k = 0; k < CHART_COUNT; k++)
			fprintf(stderr, "antri: chart written to %s/%s\n", pngdir,
			    chart_file_name((enum chart_kind)k));
	free(st);
	return rc;
}
