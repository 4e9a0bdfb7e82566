# cli/cli.mk - antri, the command line (no SDL of its own; the print
# library it links renders tickets with SDL_ttf; charts come from cairo).
CLI_SRC = cli/cli.c cli/cli_admin.c cli/cli_report.c cli/cli_print.c \
	cli/cli_chart.c cli/cli_user.c cli/cli_audit.c cli/cli_backup.c
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)
PROGS += $(BUILD)/antri

$(BUILD)/antri: $(CLI_OBJ) $(JSON_A) $(CHART_A) $(GUI_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CHART_LIBS) $(GUI_LIBS) \
		$(JANSSON_LIBS)
