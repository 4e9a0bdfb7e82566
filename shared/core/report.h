/* report.h - what a manager reads at the end of a day, a month, a year.
 *
 * Built from the tickets of a range of business days in one pass (no SQL
 * here: queue_tickets_foreach() walks them).  No SDL.
 */
#ifndef ANTRI_REPORT_H
#define ANTRI_REPORT_H

#include "queue.h"

#include <stdio.h>

struct r_line {                  /* one service or one counter */
	char key;                    /* service code, or 0 for a counter */
	int counter;                 /* counter number, or 0 for a service */
	int issued;                  /* services only: numbers given out */
	int served;                  /* DONE */
	int no_show;
	int cancelled;
	double wait_mean_s;          /* issue to first call, of those called */
	double wait_p90_s;
	double service_mean_s;       /* call to done */
};

struct report {
	char from[Q_DAY_MAX], to[Q_DAY_MAX];
	int days;                    /* business days with tickets */
	struct r_line total;
	int nservices;
	struct r_line services[Q_MAX_SERVICES];
	int ncounters;
	struct r_line counters[Q_MAX_COUNTERS];
	int peak_occupancy;
	char peak_day[Q_DAY_MAX];
	int per_hour[24];            /* tickets issued by local hour */
	/* waits (issue to first call) of the tickets issued in each local
	 * hour that were called: how many, mean and 90th percentile */
	int called_hour[24];
	double wait_mean_hour_s[24];
	double wait_p90_hour_s[24];
	/* appointments: booked for days in the range, checked in (on time
	 * or late), no-shows; and the wait of their tickets called from
	 * their slot (how many, mean, seconds) */
	int booked, booked_checked_in, booked_no_show;
	int slot_called;
	double slot_wait_mean_s;
};

/* Fill r for days from..to (inclusive "YYYY-MM-DD"; NULL for open ends).
 * Returns Q_OK, Q_EINVAL for a malformed day, Q_ENOMEM or a database
 * error. */
int report_build(queue *q, const char *from, const char *to,
                 struct report *r);

/* The same figures from tickets fed one by one (the head office feeds
 * the tickets it rebuilt from shipped events): report_begin() clears r
 * and returns the accumulator (NULL: out of memory); report_add() takes
 * the tickets in the order queue_tickets_foreach() gives them (by day,
 * issue service, number), counting a day each time the day changes;
 * report_end() finishes the means, the 90th percentiles and the order of
 * the lines, frees the accumulator and returns Q_OK or Q_ENOMEM.  The
 * peak occupancy and the appointments' counts are not from tickets: the
 * caller fills them. */
struct report_acc;
/* n tickets alike in everything a report counts of them */
struct report_group {
	int64_t hour;              /* hours from their day's local midnight
	                            * (report_day_base) to their issue */
	char issue_service, service;
	int counter;               /* last counter, 0 none */
	enum q_state state;
	int called;                /* 1: called (then wait_s counts) */
	int wait_s;                /* issue to call, whole seconds */
	int n;
	int64_t service_ms;        /* DONE: call to finish, summed over n */
};
struct report_acc *report_begin(struct report *r, const char *from,
                                const char *to);
int report_add(struct report_acc *a, const struct q_ticket *t);
/* The same for n tickets at once; it counts no day (the caller sets
 * r->days, the days with tickets).  No appointment figures. */
int report_add_group(struct report_acc *a, const struct report_group *g);
/* t as a group of one issued in hour (of its day): the one rule by which
 * a ticket becomes what a report counts (an appointment's wait from its
 * slot is report_add's own). */
void report_group_of(const struct q_ticket *t, int64_t hour,
                     struct report_group *g);
/* The parts of a report, each counting some of a group's fields:
 *   RP_HOUR     hour, called, wait_s, n: the tickets issued per hour and
 *               the waits of those called, per hour of issue;
 *   RP_ISSUED   issue_service, n: the numbers given out, per service and
 *               in total;
 *   RP_SERVICE  service, state, called, wait_s, n, service_ms: served,
 *               no-shows, cancelled, waits and service time under the
 *               service that finished the tickets;
 *   RP_TOTAL    state, called, wait_s, n, service_ms: the same in total;
 *   RP_COUNTER  counter, state, called, wait_s, n, service_ms: the same
 *               per counter, of the tickets called at one.
 * report_add_group() is the five parts of one group; report_add_part()
 * takes n tickets alike only in what one part counts (their other
 * fields are not read), so groups summed per part (the head office's
 * rollups of closed days across outlets) give the figures of the
 * tickets themselves.  Q_EINVAL for an unknown part. */
enum report_part {
	RP_HOUR = 1, RP_ISSUED, RP_SERVICE, RP_TOTAL, RP_COUNTER
};
int report_add_part(struct report_acc *a, enum report_part p,
                    const struct report_group *g);
/* The local midnight of day ("YYYY-MM-DD") in ms: the hours of the day
 * count from it. */
int64_t report_day_base(const char *day);
int report_end(struct report_acc *a);

/* Write r as the text `antri report` prints (report_text.c). */
void report_text(FILE *f, const struct report *r);

/* 1 if s is a real calendar day written YYYY-MM-DD. */
int report_valid_day(const char *s);

#endif
