/* central.h - inside antri-central: what its command files share.
 * Start at central_main.c (the command table); central_book.c asks the
 * outlets for remote tickets, bookings and slots.
 */
#ifndef ANTRI_CENTRAL_H
#define ANTRI_CENTRAL_H

#include "cdb.h"
#include "config.h"

enum { EX_DONE = 0, EX_REFUSED = 1, EX_USAGE = 2, EX_SYSTEM = 3 };

struct central {
	const char *conninfo;
	cdb *c;
	config *cfg;                /* NULL with --pg */
};

/* central_main.c: "antri-central CMD: what" on stderr, EX_USAGE; a cdb
 * failure as an exit status, with its reason; the connection (EX_DONE
 * or EX_SYSTEM, said why); "--name VALUE" taken out of argv (NULL when
 * absent, *bad when it has no value). */
int central_usage(const char *cmd, const char *what);
int central_fail(struct central *ce, const char *what, int rc);
int central_connect(struct central *ce);
const char *central_take_opt(int *argc, char **argv, const char *name,
                             int *bad);

/* central_book.c: the commands remote, book and slots, and what they
 * share with the public routes (central_citizen.c): a service's letter
 * (one letter, case ignored; 0 when s is not one), and what is wrong
 * with a booking's slot, name or phone, or with a reminders' phone
 * alone (NULL: nothing, or none given; else the sentence, "phone: 6-19
 * digits, ..."). */
char central_service(const char *s);
const char *central_booking_bad(const char *slot, const char *name,
                                const char *phone);
const char *central_phone_bad(const char *phone);
int central_cmd_remote(struct central *ce, int argc, char **argv);
int central_cmd_book(struct central *ce, int argc, char **argv);
int central_cmd_slots(struct central *ce, int argc, char **argv);

/* central_notify.c: the command notify (the head office's outbox). */
int central_cmd_notify(struct central *ce, int argc, char **argv);

#endif
