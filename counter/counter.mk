# counter/counter.mk - antri-counter, the counter staff's panel.
COUNTER_SRC = counter/main.c counter/counter.c counter/draw.c \
	counter/layout.c counter/printwatch.c
COUNTER_OBJ = $(COUNTER_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-counter
TEST_UNITS += test_counter_layout test_counter test_counter_draw
TEST_SCRIPTS += tests/scripts/counter.sh tests/scripts/counter_lock.sh
BENCH_PROGS += $(BUILD)/tests/bench_counter

$(BUILD)/antri-counter: $(COUNTER_OBJ) $(GUI_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(GUI_LIBS)

# the unit tests and the benchmark link the panel's modules without main()
$(BUILD)/tests/test_counter_layout: $(BUILD)/counter/layout.o
$(BUILD)/tests/test_counter: $(BUILD)/counter/counter.o
$(BUILD)/tests/test_counter_draw: $(BUILD)/counter/counter.o \
	$(BUILD)/counter/draw.o $(BUILD)/counter/layout.o
$(BUILD)/tests/bench_counter: $(BUILD)/counter/counter.o
