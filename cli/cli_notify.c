/* cli_notify.c - `antri notify [--status | --dead | --once]`: the
 * reminders' outbox, run by antri-notify (notify/), which links libcurl;
 * antri itself does not, so that it starts in a few ms.  The whole
 * command line goes to antri-notify (cli_exec.c finds it). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

static int
cmd_notify(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_exec_helper(c, "antri-notify", "the reminders' sender");
}

const struct cli_cmd cli_notify_cmds[] = {
	{ "notify", cmd_notify, "[--status | --dead | --once]",
	  "reminders by SMS and WhatsApp: counts, dead messages "
	  "(antri-notify(8))" },
	{ NULL, NULL, NULL, NULL },
};
