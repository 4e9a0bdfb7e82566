# display: antri-display, the room's screen (see docs/display.md).
# Included by the Makefile.  `make voice` regenerates the default clips.

# (UI_A and CORE_A are defined after this file is included: spelled out)
DISPLAY_SRC = display/main.c display/board.c display/layout.c \
	display/feed.c display/announce.c display/watch.c
DISPLAY_OBJ = $(DISPLAY_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-display
TEST_UNITS += test_display_layout test_display_announce
TEST_HELPERS += display_clipcmp
TEST_SCRIPTS += tests/display.sh tests/display_audio.sh tests/display_db.sh

$(BUILD)/antri-display: $(DISPLAY_OBJ) $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

# tests that need the display's own objects
$(BUILD)/tests/test_display_layout: $(BUILD)/tests/test_display_layout.o \
		$(BUILD)/display/layout.o $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

$(BUILD)/tests/test_display_announce: \
		$(BUILD)/tests/test_display_announce.o \
		$(BUILD)/display/announce.o $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

# voice clips: espeak-ng (-v id, -v en) and sox; the WAVs are committed
voice:
	display/voice.sh

.PHONY: voice
