# honest.mk - who may do what and honest input and output (issue 10), and
# the libraries that replace hand-written code (issue 9): the core's text
# rules (text.c), the read-only open (db_ro.c), the CLI's JSON through
# jansson, the ticket's PNG through libpng, and their tests.  Included by
# one line of the Makefile.
CORE_SRC += shared/text.c shared/db_ro.c
TEST_UNITS += test_text

JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS = $(shell $(PKG_CONFIG) --libs jansson)
PNG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libpng)
PNG_LIBS = $(shell $(PKG_CONFIG) --libs libpng)
ANTRI_CFLAGS += $(JANSSON_CFLAGS) $(PNG_CFLAGS)
# the PNG writer is in the print part of the UI archive; JSON only in antri
UI_LIBS += $(PNG_LIBS)
$(BUILD)/antri: UI_LIBS += $(JANSSON_LIBS)

TEST_SCRIPTS += tests/cli_input.sh tests/cli_perms.sh
