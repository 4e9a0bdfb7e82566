/* cli_sync.c - `antri sync [--once | --status]`: the head office's copy
 * of this office, run by antri-sync (sync/), which links libpq; antri
 * itself does not, so that it starts in a few ms.  The whole command line
 * goes to antri-sync (cli_exec.c finds it). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

static int
cmd_sync(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_exec_helper(c, "antri-sync", "the head office's link");
}

const struct cli_cmd cli_sync_cmds[] = {
	{ "sync", cmd_sync, "[--once | --status]",
	  "send the events to the head office ([central]; antri-sync(8))" },
	{ NULL, NULL, NULL, NULL },
};
