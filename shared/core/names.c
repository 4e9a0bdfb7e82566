/* names.c - the words of the queue: the names of states, events, policies,
 * counter and print states and staff roles as stored in the database and printed by the
 * command line, and the sentence for each result code.
 *
 * Used by db_rows.c, db_events.c and db_chain.c (to store and read rows),
 * the queue module, follow.c and every front end; it calls nothing, so no
 * module of the core calls back into another through it.  The declarations are in queue.h, section "names".
 */
#include "queue.h"

#include <string.h>

static const char *const state_names[Q_STATE_COUNT] = {
	"OUTSIDE", "ADMITTED", "CALLED", "DONE", "NO_SHOW", "CANCELLED",
	"EXPECTED",
};

static const char *const event_names[QE_KIND_COUNT] = {
	[QE_ISSUED] = "issued", [QE_ADMITTED] = "admitted",
	[QE_CALLED] = "called", [QE_RECALLED] = "recalled",
	[QE_DONE] = "done", [QE_NO_SHOW] = "no_show",
	[QE_TRANSFERRED] = "transferred", [QE_CANCELLED] = "cancelled",
	[QE_REFUSED] = "refused", [QE_LIMIT_CHANGED] = "limit_changed",
	[QE_POLICY_CHANGED] = "policy_changed",
	[QE_SERVICE_ADDED] = "service_added",
	[QE_SERVICE_OPENED] = "service_opened",
	[QE_SERVICE_CLOSED] = "service_closed",
	[QE_QUOTA_CHANGED] = "quota_changed",
	[QE_COUNTER_ADDED] = "counter_added",
	[QE_COUNTER_OPENED] = "counter_opened",
	[QE_COUNTER_PAUSED] = "counter_paused",
	[QE_COUNTER_CLOSED] = "counter_closed",
	[QE_NOTICE_CHANGED] = "notice_changed", [QE_PRINTED] = "printed",
	[QE_PRINT_FAILED] = "print_failed", [QE_REPRINT] = "reprint",
	[QE_PIN_CHANGED] = "pin_changed", [QE_PIN_FAILED] = "pin_failed",
	[QE_DAY_CLOSED] = "day_closed", [QE_OFFICE_CHANGED] = "office_changed",
	[QE_COUNTER_SERVICES] = "counter_services",
	[QE_DAY_STARTED] = "day_started",
	[QE_CLOCK_ACCEPTED] = "clock_accepted",
	[QE_CHAIN_STARTED] = "chain_started", [QE_DAY_SEALED] = "day_sealed",
	[QE_SERVICE_RENAMED] = "service_renamed",
	[QE_CHECKED_IN] = "checked_in",
	[QE_CHECKIN_FAILED] = "checkin_failed",
	[QE_BOOKED] = "booked",
	[QE_BOOKING_NO_SHOW] = "booking_no_show",
	[QE_SLOTS_CHANGED] = "slots_changed",
	[QE_USER_ADDED] = "user_added", [QE_USER_CHANGED] = "user_changed",
	[QE_LOGIN_FAILED] = "login_failed",
};

static const char *const policy_names[] = { "hold", "refuse" };
static const char *const cstate_names[] = { "open", "paused", "closed" };
static const char *const print_names[] = { "none", "pending", "printed",
	"failed" };

static int
lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}

static const char *const role_names[] = { "clerk", "manager" };

#define NAME(arr, i) ((i) >= 0 && (size_t)(i) < sizeof arr / sizeof arr[0] \
	&& arr[i] ? arr[i] : "?")

const char *q_state_name(enum q_state s) { return NAME(state_names, s); }
const char *q_event_name(enum q_event e) { return NAME(event_names, e); }
const char *q_policy_name(enum q_policy p) { return NAME(policy_names, p); }
const char *q_cstate_name(enum q_cstate s) { return NAME(cstate_names, s); }
const char *q_print_name(enum q_print p) { return NAME(print_names, p); }
const char *q_role_name(enum q_role r) { return NAME(role_names, r); }
int q_state_parse(const char *s) { return lookup(state_names, Q_STATE_COUNT, s); }
int q_event_parse(const char *s) { return lookup(event_names, QE_KIND_COUNT, s); }
int q_policy_parse(const char *s) { return lookup(policy_names, 2, s); }
int q_print_parse(const char *s) { return lookup(print_names, 4, s); }
int q_cstate_parse(const char *s) { return lookup(cstate_names, 3, s); }
int q_role_parse(const char *s) { return lookup(role_names, 2, s); }

const char *
queue_strerror(int err)
{
	switch (err) {
	case Q_OK: return "done";
	case Q_ENOWAIT: return "nobody is waiting inside for this counter's "
		"services (anyone outside comes in when a place frees)";
	case Q_EFULL: return "the room is full and the policy is refuse: no "
		"ticket was issued; try again when someone leaves";
	case Q_ECLOSED: return "that service is closed; open it with "
		"'antri service open CODE' or choose another";
	case Q_EQUOTA: return "that service has reached today's quota; raise it "
		"with 'antri service quota CODE N' or come back tomorrow";
	case Q_EPAUSED: return "this counter is paused or closed; open it with "
		"'antri counter open N' first";
	case Q_ENOCURRENT: return "this counter is not serving a ticket; call "
		"the next one first";
	case Q_EBUSYCOUNTER: return "this counter is still serving a ticket; "
		"mark it done or no-show first";
	case Q_ESTATE: return "that ticket is not waiting (already called, "
		"served or cancelled)";
	case Q_ESAME: return "the ticket is already in that service; choose "
		"another service";
	case Q_EPINLOCKED: return "too many wrong PINs: the pad is locked for a "
		"minute";
	case Q_EPIN: return "wrong PIN";
	case Q_ENOPIN: return "no manager PIN is set; set one with 'antri pin "
		"set'";
	case Q_ENOTSERVED: return "this counter serves no open service";
	case Q_ELOGIN: return "wrong name or password";
	case Q_ELOCKED: return "too many wrong passwords: the account is "
		"locked for a while";
	case Q_ENOSESSION: return "not logged in, or the session expired; "
		"log in again";
	case Q_EINVAL: return "invalid value; see 'antri --help'";
	case Q_ENOSERVICE: return "no such service; see 'antri service list'";
	case Q_ENOCOUNTER: return "no such counter; see 'antri counter list'";
	case Q_ENOTICKET: return "no such ticket today; give a number such as "
		"A007";
	case Q_EEXIST: return "it already exists";
	case Q_ENOUSER: return "no such staff account; see 'antri user list'";
	case Q_EDB: return "database error; see the detail, check the disk "
		"and run 'antri check'";
	case Q_EBUSY: return "the database is locked by another program; try "
		"again in a moment";
	case Q_EREADONLY: return "cannot write the database: check the "
		"permissions of the file and of its directory";
	case Q_EDISKFULL: return "the disk is full: free some space; nothing "
		"was changed";
	case Q_ENODB: return "the database does not exist; create it with "
		"'antri init' (or 'antri init --demo')";
	case Q_ENOTDB: return "that file is not an antri database; check the "
		"path given with --db or in the config";
	case Q_ENEWER: return "the database was made by a newer antri; update "
		"this program";
	case Q_ENOMEM: return "out of memory";
	case Q_ECORRUPT: return "the database check failed; restore from a "
		"backup and report it";
	case Q_ECLOCK: return "the clock looks wrong: it ran ahead into a new "
		"day; nothing was changed.  Fix the time (NTP), or if it is "
		"right, run 'antri clock accept'";
	case Q_EWALGONE: return "the database's -wal file was removed; what "
		"this program held was saved into the database: reopen it";
	case Q_ECODE: return "no ticket has that check-in code; check the "
		"code and type it again";
	case Q_ECODEUSED: return "that code was already used to check in";
	case Q_ECODEDAY: return "that code is for another day; it works only "
		"on the day its ticket was taken";
	case Q_ECODEEXPIRED: return "that ticket has expired or was cancelled; "
		"take a new ticket";
	case Q_ECODELOCKED: return "too many wrong codes: check-in is locked "
		"for a few minutes";
	case Q_ESHARE: return "today's share of remote tickets for that "
		"service is used up; take a ticket at the office";
	case Q_ESLOTFULL: return "that slot is fully booked; choose another";
	case Q_EBOOKED: return "that phone number already has a booking for "
		"that service on that day";
	case Q_ENOSLOT: return "that is not a slot of the service: see 'antri "
		"slots CODE'; it must lie ahead, within the days one may book";
	case Q_EOFFLINE: return "the outlet is offline: it did not take the "
		"request in time, and nothing was issued; try again later or "
		"choose another outlet";
	default: return "unknown error";
	}
}

enum q_errclass
queue_err_class(int err)
{
	if (err == Q_OK)
		return Q_CLASS_OK;
	if (err > Q_EINVAL || (err <= Q_ECODE && err >= Q_EOFFLINE))
		return Q_CLASS_REFUSED;
	if (err > Q_EDB)
		return Q_CLASS_USAGE;
	return Q_CLASS_SYSTEM;
}
