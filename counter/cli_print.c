/* cli_print.c - printing commands (print-test, printer, reprint).
 * Filled in with the printing issue; until then the table is empty. */
#include "cli.h"

const struct cli_cmd cli_print_cmds[] = {
	{ NULL, NULL, NULL, NULL },
};
