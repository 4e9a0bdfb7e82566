/* central_hqreport.h - /hq's reports across outlets: the figures of
 * `antri-central report` as JSON, CSV, a PDF and one chart as SVG
 * (central_hqreport.c). */
#ifndef ANTRI_CENTRAL_HQREPORT_H
#define ANTRI_CENTRAL_HQREPORT_H

#include "central_http.h"
#include "i18n.h"

/* The query parameters the report routes take, NULL-ended. */
extern const char *const chr_params[];

/* GET /api/v1/hq/report (JSON), report.csv, report.pdf (the request's
 * path says which) or, chart not NULL, report/chart/{chart}: one
 * selection's chart as SVG.  ?from=&to= (days), [office= | area=],
 * [by=office|area] (JSON only), [lang=id|en] (the PDF's and the chart's
 * words; l when absent); neither from nor to: today.  400 with the
 * reason for bad parameters. */
enum MHD_Result chr_report(struct http_req *r, cdb *db, enum lang l,
                           const char *chart);

#endif
