# central/central.mk - antri-central, the head office's program: the
# central database's schema, its outlets, the check of their chains
# (libpq through shared/central, the chain walk of the core) and the
# reports across outlets (the core's report, its JSON, CSV and PDF).
CENTRAL_SRC = central/central_main.c central/central_report.c
CENTRAL_OBJ = $(CENTRAL_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-central

$(BUILD)/central/%.o: XINC = $(CORE_INC) -Ishared/central -Ishared/json \
	-Ishared/chart $(JANSSON_CFLAGS) $(CAIRO_CFLAGS)

$(BUILD)/antri-central: $(CENTRAL_OBJ) $(CDB_A) $(JSON_A) $(CHART_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(JSON_LIBS) \
	    $(CHART_LIBS) $(CORE_LIBS)

# the head office's scale (tests/bench/bench_central.sh): a load generator
# that speaks what antri-sync speaks
BENCH_PROGS += $(BUILD)/tests/bench_central
$(BUILD)/tests/bench_central.o: XINC = $(CORE_INC) -Ishared/central
$(BUILD)/tests/bench_central: $(BUILD)/tests/bench_central.o $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(CORE_LIBS) -lpthread

# the reports across outlets against a throwaway PostgreSQL
TEST_SCRIPTS += tests/scripts/central_report.sh
