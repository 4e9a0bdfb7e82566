/* check.h - the smallest test harness: CHECK(cond) counts a pass or prints
 * the failed condition with its line; check_done() prints the closing line
 * "N passed, N failed" that tests/run.sh reads, and gives the exit code.
 * A sweep (one geometry at many sizes) groups its checks with
 * check_group_begin()/check_group_end(): the group counts as one check. */
#ifndef ANTRI_CHECK_H
#define ANTRI_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_passed, check_failed;
static int check_group_on, check_group_bad;
static char check_group_name[96], check_group_where[96];

/* what a CHECK counts: outside a group a pass or a failure; inside one a
 * failure only marks the group (and is printed, with where it was) */
static inline void
check_pass_(void)
{
	if (!check_group_on)
		check_passed++;
}
static inline void
check_fail_(void)
{
	if (!check_group_on) {
		check_failed++;
		return;
	}
	check_group_bad++;
	fprintf(stderr, "[%s%s%s] ", check_group_name,
	    check_group_where[0] ? " " : "", check_group_where);
}

/* check_group_begin(FORMAT, ...): the checks until check_group_end() are
 * one check, named by FORMAT (say, the window size of a sweep) */
static inline void
check_group_begin(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_group_name, sizeof check_group_name, fmt, ap);
	va_end(ap);
	check_group_where[0] = '\0';
	check_group_on = 1;
	check_group_bad = 0;
}

/* check_group_at(FORMAT, ...): where in the group the next checks are
 * (printed with a failure: say, the number of buttons) */
static inline void
check_group_at(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(check_group_where, sizeof check_group_where, fmt, ap);
	va_end(ap);
}

/* check_group_end(): one pass when every check of the group held, else
 * one failure naming the group; 1 when it passed */
static inline int
check_group_end(void)
{
	check_group_on = 0;
	if (check_group_bad) {
		check_failed++;
		fprintf(stderr, "FAILED: %s: %d checks failed\n",
		    check_group_name, check_group_bad);
		return 0;
	}
	check_passed++;
	return 1;
}

#define CHECK(cond) do { \
	if (cond) { \
		check_pass_(); \
	} else { \
		check_fail_(); \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
		    __LINE__, #cond); \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	if (check_a_ == check_b_) { \
		check_pass_(); \
	} else { \
		check_fail_(); \
		fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld != " \
		    "%lld)\n", __FILE__, __LINE__, #a, #b, check_a_, check_b_); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if (check_a_ && check_b_ && !strcmp(check_a_, check_b_)) { \
		check_pass_(); \
	} else { \
		check_fail_(); \
		fprintf(stderr, "%s:%d: CHECK failed: %s == %s (\"%s\" != " \
		    "\"%s\")\n", __FILE__, __LINE__, #a, #b, \
		    check_a_ ? check_a_ : "(null)", \
		    check_b_ ? check_b_ : "(null)"); \
	} \
} while (0)

static inline int
check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
