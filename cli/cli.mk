# cli/cli.mk - the command line, as two programs.  `antri` is the core
# and JSON only (SQLite, libcrypt, libcrypto, jansson): it starts in a few
# ms, where loading CUPS, SDL and cairo with their ~80 libraries took
# ~30 ms for every `antri status`.  Its printing and drawing commands
# (print-test, printer, reprint, print-failed, report --pdf/--png) run
# antri-print, the whole command line with the print library (tickets
# rendered with SDL_ttf, sent through CUPS) and the charts (cairo),
# installed in LIBEXECDIR (cli_lean.c finds it).
CLI_SRC = cli/cli.c cli/cli_admin.c cli/cli_report.c cli/cli_user.c \
	cli/cli_audit.c cli/cli_backup.c cli/cli_exec.c cli/cli_sync.c cli/cli_notify.c \
	cli/cli_remote.c
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
CLI_FULL_OBJ = $(BUILD)/cli/cli_print.o $(BUILD)/cli/cli_chart.o
PROGS += $(BUILD)/antri $(BUILD)/antri-print
LIBEXEC_PROGS = $(BUILD)/antri-print

$(BUILD)/antri: $(CLI_OBJ) $(BUILD)/cli/cli_lean.o $(JSON_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(JANSSON_LIBS) $(CORE_LIBS)

$(BUILD)/antri-print: $(CLI_OBJ) $(CLI_FULL_OBJ) $(JSON_A) $(CHART_A) $(GUI_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CHART_LIBS) $(GUI_LIBS) \
		$(JANSSON_LIBS)
