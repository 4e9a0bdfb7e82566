/* util.h - what every program's main() needs and the core must not have:
 * dying with a message at start-up (the library returns codes instead),
 * and where the installed shared files are (util_share_dirs). */
#ifndef ANTRI_UTIL_H
#define ANTRI_UTIL_H

#include <stddef.h>

/* Print the message to stderr and exit(1).  A format ending in ':' gets
 * strerror(errno) appended, as in dwm's util.c. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define UTIL_PATH_MAX 1024
#define UTIL_SHARE_DIRS 2

/* The folders where the shared files of sub ("fonts", "sounds",
 * "voice/id") may be, in the one order every program looks:
 *   1. TREE/assets/sub, only when the program runs from a build folder of
 *      the source tree (TREE/BUILD/prog or TREE/BUILD/tests/prog, where
 *      BUILD holds the build's stamp file build-config): a developer's or
 *      a test's run uses the tree's files, never an installed copy;
 *   2. ANTRI_SHAREDIR/sub, the installed files (compiled in).
 * An office's own folder ([kiosk] voice_dir, [ui] font_dir) comes before
 * these; the caller puts it there.  Where the program is comes from the
 * kernel (/proc/self/exe), never from the environment or the working
 * directory, so an installed program reads only what root installed and
 * what the office configured.  Fills dirs[0..] and returns how many (at
 * most max, at least 1 when max >= 1). */
int util_share_dirs(const char *sub, char dirs[][UTIL_PATH_MAX], int max);

/* The first folder of util_share_dirs(sub) that holds a readable file
 * (file NULL: the first folder that exists): 0 and its path (the file's,
 * when file is given) in out, or -1 with out "". */
int util_share_path(const char *sub, const char *file, char *out, size_t len);

/* A folder that is elsewhere in the source tree than under assets/ (the
 * web pages: "web/www", installed as "www"): TREE/tree_sub when the
 * program runs from a build folder of the tree (as above), else
 * ANTRI_SHAREDIR/share_sub.  Always fills out; no check that it exists
 * (the caller says what it serves from where). */
void util_tree_path(const char *tree_sub, const char *share_sub, char *out,
                    size_t len);

#endif
