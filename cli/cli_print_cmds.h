/* cli_print_cmds.h - the printing commands' names and help, once: the
 * table of antri-print (cli_print.c, which runs them) and of antri
 * (cli_lean.c, which hands them to antri-print) are both made from it.
 * X(name, function, usage, help) */
#ifndef ANTRI_CLI_PRINT_CMDS_H
#define ANTRI_CLI_PRINT_CMDS_H

#define CLI_PRINT_CMDS(X) \
	X("print-test", cmd_print_test, "[--png FILE] [--out FILE] [--lang L]", \
	  "print a sample ticket, or write it as PNG / encoded bytes " \
	  "(--out: PWG --dpi N --gray)") \
	X("printer", cmd_printer, "[--printer NAME|URI]", \
	  "the printer's state and reasons (media-empty...)") \
	X("reprint", cmd_reprint, "TICKET", \
	  "print a ticket again (records printed or failed)") \
	X("print-failed", cmd_print_failed, "", \
	  "today's tickets whose print failed")

#endif
