/* chart.h - a manager's report drawn with cairo: one PDF with the figures
 * and the charts, or one PNG per chart.
 *
 * The charts: tickets issued per hour; mean and 90th-percentile wait per
 * hour of issue; issued, served and no-show per service; served and mean
 * service time per counter.  They are drawn from a struct report
 * (report.h) and nothing else by one drawer, so the PDF, the PNGs and
 * the web pages' SVGs and PDFs (antri-serve and antri-central send what
 * chart_report_svg() and chart_report_pdf_mem() write)
 * are the same charts; which hours get a bar (the first to the last with
 * a ticket, 08-16 when there is none) is decided here only.
 * No SDL; cairo's own PDF, PNG and SVG surfaces, its toy text API with
 * the system's sans-serif font.
 */
#ifndef ANTRI_CHART_H
#define ANTRI_CHART_H

#include <stddef.h>

#include "i18n.h"
#include "report.h"

enum chart_kind { CHART_PER_HOUR, CHART_WAIT_HOUR, CHART_SERVICES,
	CHART_COUNTERS, CHART_COUNT };

/* File name of a chart's PNG, e.g. "per_hour.png". */
const char *chart_file_name(enum chart_kind k);

/* The chart of that name ("per_hour", "wait_hour", "services",
 * "counters": the file name without ".png"), or -1. */
int chart_kind_of(const char *name);

/* One chart as an SVG document of w x h points, in memory: *svg (to be
 * freed) of *svglen bytes.  Returns 0, or -1 with the reason in err. */
int chart_report_svg(const struct report *r, enum chart_kind k, enum lang l,
                     double w, double h, char **svg, size_t *svglen,
                     char *err, size_t len);

/* Write the whole report as a PDF (A4 landscape): a page of figures, then
 * the charts.  office: the office's name for the title (may be "").
 * Returns 0, or -1 with the reason in err (cannot write, cairo error). */
int chart_report_pdf(const struct report *r, const char *office,
                     enum lang l, const char *path, char *err, size_t len);

/* The same PDF in memory: *pdf (to be freed) of *pdflen bytes (the web
 * servers send it).  Returns 0, or -1 with the reason in err. */
int chart_report_pdf_mem(const struct report *r, const char *office,
                         enum lang l, char **pdf, size_t *pdflen, char *err,
                         size_t len);

/* Write one PNG per chart (w x h pixels) into the folder dir, which must
 * exist.  Returns 0, or -1 with the reason in err. */
int chart_report_png(const struct report *r, const char *office,
                     enum lang l, const char *dir, int w, int h, char *err,
                     size_t len);

#endif
