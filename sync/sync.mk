# sync/sync.mk - antri-sync, the office's events and live state to the
# head office (libpq through shared/central, jansson through shared/json).
# Installed in LIBEXECDIR: `antri sync` runs it (cli_lean.c), and so does
# units/antri-sync.service.
SYNC_SRC = sync/sync_main.c sync/sync.c sync/sync_live.c \
	sync/sync_request.c
SYNC_OBJ = $(SYNC_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-sync
LIBEXEC_PROGS += $(BUILD)/antri-sync
TEST_SCRIPTS += tests/scripts/sync.sh

$(BUILD)/sync/%.o: XINC = $(CORE_INC) -Ishared/central -Ishared/json \
	$(JANSSON_CFLAGS)

$(BUILD)/antri-sync: $(SYNC_OBJ) $(CDB_A) $(JSON_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(JANSSON_LIBS) \
		$(CORE_LIBS)
