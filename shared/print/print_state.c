/* print_state.c - what a printer's state means for a visitor and a clerk:
 * blocked (nothing will print: out of paper, offline, door open), a
 * problem worth showing (also a low-paper warning), and the words for it in
 * Indonesian or English.
 *
 * Pure functions over struct printer_state (print.h), which print_cups.c
 * fills from IPP; used by print_cups.c, the kiosk, the counter panel and
 * the command line.
 */
#include "print.h"

#include <stdio.h>
#include <string.h>

/* 1 if a reason starts with prefix; errors_only: and carries no suffix or
 * "-error" (printers add "-report" and "-warning" to reasons that do not
 * stop printing, and a printer application may keep a stale "-report"). */
static int
reason_is(const struct printer_state *st, const char *prefix, int errors_only)
{
	const char *p = st->reasons;
	size_t n = strlen(prefix);

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t m = end ? (size_t)(end - p) : strlen(p);

		if (m >= n && !strncmp(p, prefix, n) && (!errors_only ||
		    m == n || (m == n + 6 && !strncmp(p + n, "-error", 6))))
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int
has_reason(const struct printer_state *st, const char *prefix)
{
	return reason_is(st, prefix, 0);
}

static const char *const bad_reasons[] = { "media-empty", "media-needed",
	"media-jam", "door-open", "cover-open", "offline",
	"marker-supply-empty", "toner-empty", "paused" };

int
print_state_blocked(const struct printer_state *st)
{
	if (!st->reachable || st->state == 5)
		return 1;
	for (size_t i = 0; i < sizeof bad_reasons / sizeof bad_reasons[0]; i++)
		if (reason_is(st, bad_reasons[i], 1))
			return 1;
	return 0;
}

int
print_state_problem(const struct printer_state *st)
{
	if (print_state_blocked(st))
		return 1;
	for (size_t i = 0; i < sizeof bad_reasons / sizeof bad_reasons[0]; i++)
		if (reason_is(st, bad_reasons[i], 0))
			return 1;
	return 0;
}

const char *
print_state_text(enum lang l, const struct printer_state *st)
{
	if (!st->reachable)
		return tr(l, "Printer tidak menjawab", "Printer not answering");
	if (has_reason(st, "media-empty") || has_reason(st, "media-needed"))
		return tr(l, "Kertas habis", "Out of paper");
	if (has_reason(st, "media-jam"))
		return tr(l, "Kertas macet", "Paper jam");
	if (has_reason(st, "door-open") || has_reason(st, "cover-open"))
		return tr(l, "Penutup printer terbuka", "Printer cover open");
	if (has_reason(st, "offline"))
		return tr(l, "Printer offline", "Printer offline");
	if (has_reason(st, "media-low"))
		return tr(l, "Kertas hampir habis", "Paper low");
	if (st->state == 5)
		return tr(l, "Printer berhenti", "Printer stopped");
	if (st->state == 4)
		return tr(l, "Sedang mencetak", "Printing");
	return tr(l, "Siap", "Ready");
}
