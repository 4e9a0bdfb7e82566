# records.mk - time, the tamper-evident audit chain and the -wal check
# (issue 10).  Included by the Makefile; the lead folds it in at merge.

CORE_SRC += shared/queue_clock.c shared/queue_test.c shared/db_chain.c \
	shared/db_wal.c
CORE_LIBS += $(shell $(PKG_CONFIG) --libs libcrypto)
ANTRI_CFLAGS += $(shell $(PKG_CONFIG) --cflags libcrypto)
CLI_SRC += counter/cli_audit.c
TEST_UNITS += test_audit
TEST_SCRIPTS += tests/clock.sh tests/audit.sh tests/wal.sh \
	tests/hooks.sh
