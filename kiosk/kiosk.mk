# kiosk/kiosk.mk - antri-kiosk, the visitors' touchscreen.
KIOSK_SRC = kiosk/main.c kiosk/kiosk.c kiosk/draw.c kiosk/draw_kit.c \
	kiosk/draw_ticket.c kiosk/layout.c kiosk/worker.c \
	kiosk/input.c kiosk/voice.c kiosk/words.c kiosk/qr.c
KIOSK_OBJ = $(KIOSK_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-kiosk
TEST_UNITS += test_kiosk test_kiosk_layout test_kiosk_input test_kiosk_fit \
	test_kiosk_big
TEST_SCRIPTS += tests/scripts/kiosk.sh tests/scripts/kiosk_lock.sh \
	tests/scripts/kiosk_print.sh tests/scripts/kiosk_db.sh \
	tests/scripts/kiosk_voice.sh tests/scripts/kiosk_qr.sh \
	tests/scripts/kiosk_checkin.sh

$(BUILD)/antri-kiosk: $(KIOSK_OBJ) $(GUI_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(GUI_LIBS) -lpthread

# the unit tests link the kiosk's modules without its main()
$(BUILD)/tests/test_kiosk_layout: $(BUILD)/kiosk/layout.o
$(BUILD)/tests/test_kiosk_input: $(BUILD)/kiosk/input.o
$(BUILD)/tests/test_kiosk: $(BUILD)/kiosk/kiosk.o $(BUILD)/kiosk/words.o
$(BUILD)/tests/test_kiosk_fit $(BUILD)/tests/test_kiosk_big: \
	$(BUILD)/kiosk/draw.o $(BUILD)/kiosk/draw_kit.o \
	$(BUILD)/kiosk/draw_ticket.o $(BUILD)/kiosk/kiosk.o \
	$(BUILD)/kiosk/words.o $(BUILD)/kiosk/layout.o $(BUILD)/kiosk/qr.o
