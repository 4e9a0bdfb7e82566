# antri - queue tickets for walk-in public-service offices.
# See README.md.  `make run` starts the demo office, `make test` tests.
# Each program's folder adds its own part through its .mk file.

VERSION = 0.1
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/antri
DESTDIR =
PKG_CONFIG = pkg-config
CUPS_CONFIG = cups-config
CC = cc

# BUILD is the output folder; SAN=1 builds with ASan and UBSan.
BUILD = build
SAN =

OPT = -O2
ifeq ($(SAN),1)
OPT = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
endif

# recursive (=) on purpose: evaluated after `make deps` installed them
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3)
SDL_CFLAGS = $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf)
SDL_LIBS = $(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf)
CUPS_CFLAGS = $(shell $(CUPS_CONFIG) --cflags)
CUPS_LIBS = $(shell $(CUPS_CONFIG) --libs)

ANTRI_CPPFLAGS = -DANTRI_VERSION=\"$(VERSION)\" \
	-DANTRI_SHAREDIR=\"$(SHAREDIR)\" -Ishared
ANTRI_CFLAGS = -std=c11 -Wall -Wextra -Werror -g $(OPT) $(ANTRI_CPPFLAGS) \
	$(SQLITE_CFLAGS) $(SDL_CFLAGS) $(CUPS_CFLAGS) $(CFLAGS)
ANTRI_LDFLAGS = $(OPT) $(LDFLAGS)

# the core: no SDL, tested without a display
CORE_SRC = shared/db.c shared/db_rows.c shared/queue.c shared/queue_admin.c \
	shared/queue_read.c shared/queue_check.c shared/config.c \
	shared/report.c
CORE_LIBS = $(SQLITE_LIBS) -lcrypt -lm
# the shared parts that draw or print: SDL, SDL_ttf, libcups
UI_SRC = shared/ui.c shared/i18n.c shared/util.c
UI_LIBS = $(SDL_LIBS) $(CUPS_LIBS)

CLI_SRC = counter/cli.c counter/cli_admin.c counter/cli_report.c \
	counter/cli_print.c

PROGS = $(BUILD)/antri
# TEST_UNITS: programs in tests/ that are tests themselves (run by
# tests/run.sh); TEST_HELPERS: programs the test scripts drive.
TEST_UNITS = test_queue test_config
TEST_HELPERS = stress crashloop
TEST_SCRIPTS = tests/cli.sh tests/multiproc.sh tests/crash.sh tests/diskfull.sh
BENCH_PROGS = $(BUILD)/tests/bench_core

CORE_A = $(BUILD)/libantri-core.a
UI_A = $(BUILD)/libantri-ui.a

# `make` alone builds every program, whatever rules the parts below add
.DEFAULT_GOAL := all

include shared/print.mk
include kiosk/kiosk.mk
include display/display.mk
include counter/counter.mk
include honest.mk

TEST_PROGS = $(TEST_UNITS:%=$(BUILD)/tests/%) $(TEST_HELPERS:%=$(BUILD)/tests/%)

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ = $(UI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(BUILD)/%.o)

all: $(PROGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ANTRI_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libantri-core.a: $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libantri-ui.a: $(UI_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/antri: $(CLI_OBJ) $(UI_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(UI_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(UI_LIBS) $(CORE_LIBS)

deps:
	@scripts/deps.sh

test: deps
	@$(MAKE) --no-print-directory all testbins
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 all testbins
	@TEST_UNITS="$(TEST_UNITS)" TEST_SCRIPTS="$(TEST_SCRIPTS)" \
		tests/run.sh build build-san

testbins: $(PROGS) $(TEST_PROGS)

bench: deps
	@$(MAKE) --no-print-directory all testbins $(BENCH_PROGS)
	@tests/bench.sh $(BUILD)

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-demo.sh $(BUILD)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)
	cp -f $(PROGS) $(DESTDIR)$(BINDIR)/
	cp -rf assets/. $(DESTDIR)$(SHAREDIR)/

uninstall:
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build build-san test-output

.PHONY: all deps test testbins bench run install uninstall clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
