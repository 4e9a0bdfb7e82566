/* cli_lean.c - in `antri`, the commands that print or draw are handed to
 * antri-print, the same command line linked with CUPS, SDL_ttf and cairo
 * (cli.mk says why): the print commands' table points at cli_full, and
 * `report --pdf/--png` calls it before opening anything.
 *
 * antri-print is looked for beside this program first (the build tree:
 * build/antri and build/antri-print), then in LIBEXECDIR, compiled in.
 * Neither comes from the environment: /proc/self/exe is the kernel's
 * word for where this program is, and an installed /usr/bin has no
 * antri-print beside it. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "cli_print_cmds.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef ANTRI_LIBEXECDIR
#define ANTRI_LIBEXECDIR "/usr/local/libexec/antri"
#endif

/* Where antri-print is: into path; 0, or -1 when nowhere. */
static int
find_full(char *path, size_t len)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	char *slash;

	if (n > 0) {
		self[n] = 0;
		if ((slash = strrchr(self, '/'))) {
			*slash = 0;
			if ((size_t)snprintf(path, len, "%s/antri-print", self)
			    < len && access(path, X_OK) == 0)
				return 0;
		}
	}
	if ((size_t)snprintf(path, len, "%s/antri-print", ANTRI_LIBEXECDIR)
	    < len && access(path, X_OK) == 0)
		return 0;
	return -1;
}

int
cli_full(struct cli *c)
{
	char path[PATH_MAX + 16];

	if (find_full(path, sizeof path)) {
		fprintf(stderr, "antri: the printing part of antri (antri-print) "
		    "is not installed: looked beside this program and in %s\n",
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

static int
run_full(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_full(c);
}

/* never called in antri: report --pdf/--png went to antri-print first */
int
cli_report_charts(struct cli *c, const struct report *r, const char *pdf,
                  const char *pngdir)
{
	(void)r;
	(void)pdf;
	(void)pngdir;
	return cli_full(c);
}

#define ROW(name, fn, usage, help) { name, run_full, usage, help },
const struct cli_cmd cli_print_cmds[] = {
	CLI_PRINT_CMDS(ROW)
	{ NULL, NULL, NULL, NULL },
};
