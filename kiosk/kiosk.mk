# kiosk/kiosk.mk - antri-kiosk, its layout test and its GUI tests.
# (UI_A and CORE_A are defined after this file is included: spelled out)
KIOSK_SRC = kiosk/main.c kiosk/screens.c kiosk/layout.c kiosk/worker.c \
	kiosk/input.c
KIOSK_OBJ = $(KIOSK_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-kiosk
TEST_UNITS += test_kiosk_layout test_kiosk_input
TEST_SCRIPTS += tests/kiosk.sh tests/kiosk_lock.sh tests/kiosk_print.sh \
	tests/kiosk_db.sh

$(BUILD)/antri-kiosk: $(KIOSK_OBJ) $(BUILD)/libantri-ui.a $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS) -lpthread

# the layout test links the pure layout module only
$(BUILD)/tests/test_kiosk_layout: $(BUILD)/tests/test_kiosk_layout.o \
	$(BUILD)/kiosk/layout.o
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^
$(BUILD)/tests/test_kiosk_input: $(BUILD)/tests/test_kiosk_input.o \
	$(BUILD)/kiosk/input.o
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^
