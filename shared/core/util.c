/* util.c - die(), for the programs' start-up, and where the shared files
 * are (util_share_dirs; the order is explained in util.h). */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ANTRI_SHAREDIR
#define ANTRI_SHAREDIR "/usr/local/share/antri"
#endif

void
die(const char *fmt, ...)
{
	int saved = errno;
	size_t n = strlen(fmt);
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	exit(1);
}

/* Cut the last "/name" off p; 0, or -1 when there is none. */
static int
up(char *p)
{
	char *slash = strrchr(p, '/');

	if (!slash || slash == p)
		return -1;
	*slash = 0;
	return 0;
}

/* 1 if folder dir holds the build's stamp file. */
static int
is_build(const char *dir)
{
	char stamp[UTIL_PATH_MAX + 16];
	struct stat sb;

	snprintf(stamp, sizeof stamp, "%s/build-config", dir);
	return stat(stamp, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The source tree the running program was built in: /proc/self/exe is
 * TREE/BUILD/prog or TREE/BUILD/tests/prog.  0, or -1 (installed). */
static int
build_tree(char *tree, size_t len)
{
	char dir[UTIL_PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);

	if (n <= 0)
		return -1;
	dir[n] = 0;
	if (up(dir))                    /* the program's folder */
		return -1;
	for (int i = 0; i < 2; i++) {
		if (is_build(dir)) {
			if (up(dir))
				return -1;
			snprintf(tree, len, "%s", dir);
			return 0;
		}
		if (up(dir))
			return -1;
	}
	return -1;
}

int
util_share_dirs(const char *sub, char dirs[][UTIL_PATH_MAX], int max)
{
	char tree[UTIL_PATH_MAX];
	int n = 0;

	if (max < 1)
		return 0;
	if (build_tree(tree, sizeof tree) == 0 && n < max)
		snprintf(dirs[n++], UTIL_PATH_MAX, "%.900s/assets/%.100s", tree,
		    sub);
	if (n < max)
		snprintf(dirs[n++], UTIL_PATH_MAX, "%s/%.100s", ANTRI_SHAREDIR,
		    sub);
	return n;
}

void
util_tree_path(const char *tree_sub, const char *share_sub, char *out,
               size_t len)
{
	char tree[UTIL_PATH_MAX];

	if (build_tree(tree, sizeof tree) == 0)
		snprintf(out, len, "%.900s/%.100s", tree, tree_sub);
	else
		snprintf(out, len, "%s/%.100s", ANTRI_SHAREDIR, share_sub);
}

int
util_share_path(const char *sub, const char *file, char *out, size_t len)
{
	char dirs[UTIL_SHARE_DIRS][UTIL_PATH_MAX];
	int n = util_share_dirs(sub, dirs, UTIL_SHARE_DIRS);
	struct stat sb;

	for (int i = 0; i < n; i++) {
		if (file)
			snprintf(out, len, "%s/%s", dirs[i], file);
		else
			snprintf(out, len, "%s", dirs[i]);
		if (file ? access(out, R_OK) == 0 : stat(out, &sb) == 0 &&
		    S_ISDIR(sb.st_mode))
			return 0;
	}
	if (len)
		out[0] = 0;
	return -1;
}
