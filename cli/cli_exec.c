/* cli_exec.c - the programs `antri` hands a command to (antri-print for
 * printing and drawing, antri-sync for `antri sync`): found beside this
 * program first (the build tree: build/antri and build/antri-print),
 * then in LIBEXECDIR, compiled in.  Neither comes from the environment:
 * /proc/self/exe is the kernel's word for where this program is, and an
 * installed /usr/bin has no helper beside it. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef ANTRI_LIBEXECDIR
#define ANTRI_LIBEXECDIR "/usr/local/libexec/antri"
#endif

int
cli_find_helper(const char *name, char *path, size_t len)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	if (n > 0) {
		self[n] = 0;
		if ((slash = strrchr(self, '/'))) {
			*slash = 0;
			if ((size_t)snprintf(path, len, "%s/%s", self, name)
			    < len && access(path, X_OK) == 0)
				return 0;
		}
	}
	if ((size_t)snprintf(path, len, "%s/%s", ANTRI_LIBEXECDIR, name)
	    < len && access(path, X_OK) == 0)
		return 0;
	return -1;
}

int
cli_exec_helper(struct cli *c, const char *name, const char *what)
{
	char path[PATH_MAX + 32];

	if (cli_find_helper(name, path, sizeof path)) {
		fprintf(stderr, "antri: %s (%s) is not installed: looked "
		    "beside this program and in %s\n", what, name,
		    ANTRI_LIBEXECDIR);
		return EXIT_SYSTEM;
	}
	fflush(NULL);
	queue_close(c->q);           /* nothing is open yet; to be sure */
	c->q = NULL;
	execv(path, c->argv);
	fprintf(stderr, "antri: cannot run %s: %s\n", path, strerror(errno));
	return EXIT_SYSTEM;
}
