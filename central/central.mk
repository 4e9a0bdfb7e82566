# central/central.mk - antri-central, the head office's program: the
# central database's schema, its outlets, the check of their chains
# (libpq through shared/central, the chain walk of the core), and the
# requests it sends the outlets (central_book.c; jansson for --json).
CENTRAL_SRC = central/central_main.c central/central_book.c
CENTRAL_OBJ = $(CENTRAL_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-central
TEST_SCRIPTS += tests/scripts/central_book.sh

$(BUILD)/central/%.o: XINC = $(CORE_INC) -Ishared/central $(JANSSON_CFLAGS)

$(BUILD)/antri-central: $(CENTRAL_OBJ) $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(JANSSON_LIBS) $(CORE_LIBS)

# the bench of bookings on the central (tests/bench/bench_book.sh)
BENCH_PROGS += $(BUILD)/tests/bench_book
$(BUILD)/tests/bench_book.o: XINC = $(CORE_INC) -Ishared/central
$(BUILD)/tests/bench_book: $(BUILD)/tests/bench_book.o $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(CORE_LIBS) \
		-lpthread
