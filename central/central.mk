# central/central.mk - antri-central, the head office's program: the
# central database's schema, its outlets, the check of their chains
# (libpq through shared/central, the chain walk of the core).
CENTRAL_SRC = central/central_main.c
CENTRAL_OBJ = $(CENTRAL_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-central

$(BUILD)/central/%.o: XINC = $(CORE_INC) -Ishared/central

$(BUILD)/antri-central: $(CENTRAL_OBJ) $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(CORE_LIBS)
