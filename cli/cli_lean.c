/* cli_lean.c - in `antri`, the commands that print or draw are handed to
 * antri-print, the same command line linked with CUPS, SDL_ttf and cairo
 * (cli.mk says why): the print commands' table points at cli_full, and
 * `report --pdf/--png` calls it before opening anything.
 *
 * Where antri-print is looked for: cli_exec.c. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "cli_print_cmds.h"

int
cli_full(struct cli *c)
{
	return cli_exec_helper(c, "antri-print", "the printing part of antri");
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
