# counter: antri-counter, the counter staff's panel (issue 6).  The
# `antri` command line (counter/cli*.c) is built by the Makefile itself.
PANEL_SRC = counter/panel.c counter/panel_layout.c counter/panel_draw.c \
	counter/panel_main.c
PANEL_OBJ = $(PANEL_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-counter
TEST_UNITS += test_panel_layout test_panel_logic
TEST_SCRIPTS += tests/panel.sh tests/panel_lock.sh

$(BUILD)/antri-counter: $(PANEL_OBJ) $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

# the tests use the panel's objects without its main(); the libraries by
# path because UI_A and CORE_A are defined after this file is included
$(BUILD)/tests/test_panel_layout: $(BUILD)/tests/test_panel_layout.o \
	$(BUILD)/counter/panel_layout.o $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

$(BUILD)/tests/test_panel_logic: $(BUILD)/tests/test_panel_logic.o \
	$(BUILD)/counter/panel.o $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

BENCH_PROGS += $(BUILD)/tests/bench_panel
$(BUILD)/tests/bench_panel: $(BUILD)/tests/bench_panel.o \
	$(BUILD)/counter/panel.o $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)
