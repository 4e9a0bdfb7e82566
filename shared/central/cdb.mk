# shared/central/cdb.mk - the head office's PostgreSQL database (cdb_*),
# one archive shared by antri-sync and antri-central: the only code that
# speaks its SQL, and the only one that sees libpq's include path.
CDB_SRC = shared/central/cdb.c shared/central/cdb_sql.c \
	shared/central/cdb_report.c shared/central/cdb_request.c \
	shared/central/cdb_notify.c shared/central/cdb_users.c
CDB_OBJ = $(CDB_SRC:%.c=$(BUILD)/%.o)
CDB_A = $(BUILD)/libantri-cdb.a
PQ_CFLAGS = $(shell $(PKG_CONFIG) --cflags libpq)
PQ_LIBS = $(shell $(PKG_CONFIG) --libs libpq)
CDB_INC = $(CORE_INC) -Ishared/central $(PQ_CFLAGS)

$(BUILD)/shared/central/%.o: XINC = $(CDB_INC)

$(CDB_A): $(CDB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
