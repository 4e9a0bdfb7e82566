/* util.h - what every program's main() needs and the core must not have:
 * dying with a message at start-up (the library returns codes instead). */
#ifndef ANTRI_UTIL_H
#define ANTRI_UTIL_H

/* Print the message to stderr and exit(1).  A format ending in ':' gets
 * strerror(errno) appended, as in dwm's util.c. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
