/* report_text.c - a report (report.h) as the text a manager reads in a
 * terminal: `antri report` on an outlet and `antri-central report` at the
 * head office print it through report_text() alone.
 */
#include "report.h"

#include <stdio.h>

static void
line_text(FILE *f, const char *name, const struct r_line *l, int issued)
{
	char is[16] = "";

	if (issued)
		snprintf(is, sizeof is, "%d", l->issued);
	fprintf(f, "%-10s %7s %7d %7d %9.1f %9.1f %10.1f\n", name, is,
	    l->served, l->no_show, l->wait_mean_s / 60.0, l->wait_p90_s / 60.0,
	    l->service_mean_s / 60.0);
}

void
report_text(FILE *f, const struct report *r)
{
	char name[32];

	fprintf(f, "Report %s to %s: %d business day%s\n\n", r->from[0] ?
	    r->from : "the start", r->to[0] ? r->to : "today", r->days,
	    r->days == 1 ? "" : "s");
	fprintf(f, "%-10s %7s %7s %7s %9s %9s %10s\n", "", "issued", "served",
	    "no-show", "wait min", "wait p90", "serve min");
	line_text(f, "all", &r->total, 1);
	for (int i = 0; i < r->nservices; i++) {
		snprintf(name, sizeof name, "service %c", r->services[i].key);
		line_text(f, name, &r->services[i], 1);
	}
	for (int i = 0; i < r->ncounters; i++) {
		snprintf(name, sizeof name, "counter %d",
		    r->counters[i].counter);
		line_text(f, name, &r->counters[i], 0);
	}
	fprintf(f, "\nPeak occupancy: %d", r->peak_occupancy);
	if (r->peak_day[0])
		fprintf(f, " (%s)", r->peak_day);
	if (r->booked)
		fprintf(f, "\nAppointments: %d booked, %d checked in, %d "
		    "no-show; %d called, mean wait from the slot %.1f min",
		    r->booked, r->booked_checked_in, r->booked_no_show,
		    r->slot_called, r->slot_wait_mean_s / 60);
	fprintf(f, "\nTickets issued per hour of the day:\n");
	for (int h = 0; h < 24; h++)
		if (r->per_hour[h])
			fprintf(f, "  %02d:00-%02d:00 %7d\n", h, h + 1,
			    r->per_hour[h]);
}
