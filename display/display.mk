# display/display.mk - antri-display, the room's screen (docs/display.md).
# `make voice` regenerates the default clips.
DISPLAY_SRC = display/main.c display/display.c display/draw.c \
	display/layout.c display/announce.c
DISPLAY_OBJ = $(DISPLAY_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-display
TEST_UNITS += test_display test_display_layout test_display_announce
TEST_HELPERS += display_clipcmp
TEST_SCRIPTS += tests/scripts/display.sh tests/scripts/display_audio.sh \
	tests/scripts/display_db.sh tests/scripts/display_fit.sh

$(BUILD)/antri-display: $(DISPLAY_OBJ) $(GUI_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(GUI_LIBS)

# the unit tests link the display's modules without its main()
$(BUILD)/tests/test_display: $(BUILD)/display/display.o
$(BUILD)/tests/test_display_layout: $(BUILD)/display/layout.o
$(BUILD)/tests/test_display_announce: $(BUILD)/display/announce.o

# voice clips (the display's and the kiosk's): espeak-ng and sox;
# the WAVs are committed
voice:
	scripts/voice.sh

.PHONY: voice
