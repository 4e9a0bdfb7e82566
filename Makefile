# antri - queue tickets for walk-in public-service offices.
# `make run` opens the demo office, `make check` tests quickly, `make test`
# tests everything, `make bench` measures.
# The knobs are in config.mk; docs/architecture.md explains the layers.
#
# One archive per library, each compiled with only its own include paths:
#   shared/core   the rules, the database, config, report, words (SQLite)
#   shared/ui     the SDL drawing kit                     (core + SDL)
#   shared/print  ticket rendering and printing          (core + ui + CUPS)
#   shared/chart  the report's charts, PDF and PNG       (core + cairo)
#   shared/json   the documents as JSON, the report's CSV (core + jansson)
# and one folder per program: cli/ (antri), kiosk/, display/, counter/,
# web/ (antri-serve and its pages in web/www).
# An SDL or CUPS include in the core fails the build: its objects do not
# see those include paths.

include config.mk

ANTRI_CPPFLAGS = -DANTRI_VERSION=\"$(VERSION)\" \
	-DANTRI_SHAREDIR=\"$(SHAREDIR)\" \
	-DANTRI_LIBEXECDIR=\"$(LIBEXECDIR)\" $(HARDEN_CPPFLAGS)
ANTRI_CFLAGS = -std=c11 -Wall -Wextra -Werror -g $(OPT) $(HARDEN_CFLAGS)
ANTRI_LDFLAGS = $(OPT) $(HARDEN_LDFLAGS)

CORE_INC = -Ishared/core $(SQLITE_CFLAGS)
UI_INC = $(CORE_INC) -Ishared/ui $(SDL_CFLAGS)
PRINT_INC = $(UI_INC) -Ishared/print $(CUPS_CFLAGS) $(PNG_CFLAGS)
CHART_INC = $(CORE_INC) -Ishared/chart $(CAIRO_CFLAGS)
# the programs see every library
PROG_INC = $(PRINT_INC) -Ishared/chart $(CAIRO_CFLAGS)

CORE_SRC = shared/core/db.c shared/core/db_sql.c shared/core/db_stmt.c \
	shared/core/db_tx.c shared/core/db_rows.c \
	shared/core/db_events.c shared/core/names.c \
	shared/core/queue.c shared/core/queue_handle.c shared/core/queue_batch.c \
	shared/core/queue_admin.c shared/core/queue_read.c \
	shared/core/queue_check.c shared/core/config.c shared/core/report.c \
	shared/core/report_text.c \
	shared/core/i18n.c shared/core/util.c shared/core/follow.c \
	shared/core/queue_user.c shared/core/db_users.c \
	shared/core/queue_clock.c shared/core/queue_test.c \
	shared/core/db_chain.c shared/core/db_wal.c shared/core/queue_wait.c \
	shared/core/queue_remote.c shared/core/db_remote.c \
	shared/core/db_backup.c shared/core/queue_backup.c \
	shared/core/text.c shared/core/queue_token.c \
	shared/core/voice.c shared/core/queue_notify.c shared/core/db_outbox.c
CORE_LIBS = $(SQLITE_LIBS) -lcrypt -lcrypto -lm
UI_SRC = shared/ui/ui.c shared/ui/sound.c shared/ui/app.c \
	shared/ui/watch.c
UI_LIBS = $(SDL_LIBS)
PRINT_SRC = shared/print/print.c shared/print/print_state.c \
	shared/print/print_opts.c \
	shared/print/print_ticket.c shared/print/print_encode.c \
	shared/print/print_cups.c shared/print/print_qr.c
PRINT_LIBS = $(CUPS_LIBS) $(PNG_LIBS) $(QRENCODE_LIBS)
CHART_SRC = shared/chart/chart.c
CHART_LIBS = $(CAIRO_LIBS) -lm

CORE_A = $(BUILD)/libantri-core.a
UI_A = $(BUILD)/libantri-ui.a
PRINT_A = $(BUILD)/libantri-print.a
CHART_A = $(BUILD)/libantri-chart.a
# what a program that draws and prints links, in link order
GUI_A = $(PRINT_A) $(UI_A) $(CORE_A)
GUI_LIBS = $(PRINT_LIBS) $(UI_LIBS) $(CORE_LIBS)
# tests link everything; the linker takes what each uses
ALL_A = $(CHART_A) $(GUI_A)
ALL_LIBS = $(CHART_LIBS) $(GUI_LIBS)

# Each part below adds to PROGS, TEST_UNITS (programs in tests/unit that
# are tests themselves), TEST_HELPERS (programs the scripts drive),
# TEST_SCRIPTS (tests/scripts/*.sh) and BENCH_PROGS.
PROGS =
TEST_UNITS = test_queue test_queue_call test_config test_print test_follow test_ui \
	test_app \
	test_audit test_wait test_text test_ticket_token test_remote test_notify \
	test_report
TEST_HELPERS = stress crashloop print_listen print_check bench_core \
	ticket_png
TEST_SCRIPTS = tests/scripts/cli.sh tests/scripts/multiproc.sh \
	tests/scripts/crash.sh tests/scripts/diskfull.sh \
	tests/scripts/print.sh tests/scripts/build.sh tests/scripts/report.sh \
	tests/scripts/clock.sh tests/scripts/audit.sh tests/scripts/wal.sh \
	tests/scripts/hooks.sh tests/scripts/cli_input.sh \
	tests/scripts/cli_perms.sh
BENCH_PROGS = $(BUILD)/tests/bench_core $(BUILD)/tests/bench_print

# `make` alone builds every program, whatever rules the parts below add
.DEFAULT_GOAL := all

include shared/json/json.mk
include shared/http/http.mk
include cli/cli.mk
include kiosk/kiosk.mk
include display/display.mk
include counter/counter.mk
include web/web.mk
# the outlets' network: antri-sync on each office box, antri-central at
# the head office, over PostgreSQL (docs/central.md)
CORE_SRC += shared/core/chain.c shared/core/export.c
include shared/central/cdb.mk sync/sync.mk central/central.mk
# reminders by SMS and WhatsApp (docs/notify.md)
include notify/notify.mk
include package.mk
# the three SDL programs together: a removed -wal, a wrong clock
TEST_SCRIPTS += tests/scripts/gui_records.sh

# compile flags per folder
$(BUILD)/shared/core/%.o: XINC = $(CORE_INC)
$(BUILD)/shared/ui/%.o: XINC = $(UI_INC)
$(BUILD)/shared/print/%.o: XINC = $(PRINT_INC)
$(BUILD)/shared/chart/%.o: XINC = $(CHART_INC)
$(BUILD)/cli/%.o: XINC = $(CORE_INC) -Ishared/print -Ishared/chart \
	-Ishared/json $(JANSSON_CFLAGS)
$(BUILD)/kiosk/%.o $(BUILD)/display/%.o $(BUILD)/counter/%.o: XINC = $(PROG_INC)
$(BUILD)/tests/%.o: XINC = $(PROG_INC) -I. -Itests/helpers

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ = $(UI_SRC:%.c=$(BUILD)/%.o)
PRINT_OBJ = $(PRINT_SRC:%.c=$(BUILD)/%.o)
CHART_OBJ = $(CHART_SRC:%.c=$(BUILD)/%.o)
TEST_PROGS = $(TEST_UNITS:%=$(BUILD)/tests/%) $(TEST_HELPERS:%=$(BUILD)/tests/%)

all: $(PROGS)

# SHAREDIR and VERSION are compiled in: a stamp that changes when they do
# rebuilds every object, so `make install PREFIX=/usr` after a plain
# `make` cannot install programs that look in /usr/local.
STAMP = $(BUILD)/build-config
STAMP_TEXT = $(VERSION) $(SHAREDIR) $(LIBEXECDIR) $(CC) $(OPT) $(CPPFLAGS) $(CFLAGS)
$(STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(STAMP_TEXT)' | cmp -s - $@ || echo '$(STAMP_TEXT)' >$@
FORCE:

$(BUILD)/%.o: %.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ANTRI_CPPFLAGS) $(XINC) $(CPPFLAGS) $(ANTRI_CFLAGS) $(CFLAGS) \
		-MMD -MP -c -o $@ $<
$(BUILD)/tests/%.o: tests/unit/%.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ANTRI_CPPFLAGS) $(XINC) $(CPPFLAGS) $(ANTRI_CFLAGS) $(CFLAGS) \
		-MMD -MP -c -o $@ $<
$(BUILD)/tests/%.o: tests/helpers/%.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ANTRI_CPPFLAGS) $(XINC) $(CPPFLAGS) $(ANTRI_CFLAGS) $(CFLAGS) \
		-MMD -MP -c -o $@ $<
$(BUILD)/tests/%.o: tests/bench/%.c $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ANTRI_CPPFLAGS) $(XINC) $(CPPFLAGS) $(ANTRI_CFLAGS) $(CFLAGS) \
		-MMD -MP -c -o $@ $<

$(CORE_A): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
$(UI_A): $(UI_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
$(PRINT_A): $(PRINT_OBJ)
	rm -f $@
	$(AR) rcs $@ $^
$(CHART_A): $(CHART_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# a test or helper links every library; the linker takes what it uses
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(ALL_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(ALL_LIBS)

# the compile line of each library, for tests/scripts/build.sh
flags-core flags-ui flags-print flags-chart flags-json:
	@echo $(CC) $(ANTRI_CPPFLAGS) $(CPPFLAGS) $(ANTRI_CFLAGS) $(CFLAGS) \
		$($(shell echo $(@:flags-%=%) | tr a-z A-Z)_INC)

deps:
	@scripts/deps.sh

# `make test`: every test against both builds (TEST_BUILDS=build: the
# plain one only), JOBS tests at a time (default: twice the cores, see
# tests/run.sh), the two
# builds' tests in one pool (tests/run.sh).  `make check`: the quick loop,
# the plain build's unit tests and the scripts that open no window and
# build no package, with ANTRI_QUICK set: their browser parts are skipped
# (said so), so are build.sh's two whole builds, and the kill loops kill
# 20-40 times instead of 200.  The builds themselves run in parallel
# too, unless make was given its own -j.
TEST_BUILDS = build build-san
CORES = $(shell nproc 2>/dev/null || echo 1)
JOBS = $(shell echo $$(($(CORES) * 2)))
CHECK_LATER = tests/scripts/kiosk% tests/scripts/display% \
	tests/scripts/counter% tests/scripts/gui_records.sh \
	tests/scripts/web.sh tests/scripts/package.sh
CHECK_SCRIPTS = $(filter-out $(CHECK_LATER),$(TEST_SCRIPTS))
SUBJ = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(CORES))
test: deps
	@$(MAKE) --no-print-directory $(SUBJ) all testbins
	@$(if $(filter build-san,$(TEST_BUILDS)),$(MAKE) --no-print-directory \
		$(SUBJ) BUILD=build-san SAN=1 all testbins)
	@JOBS=$(JOBS) TEST_UNITS="$(TEST_UNITS)" \
		TEST_SCRIPTS="$(TEST_SCRIPTS)" tests/run.sh $(TEST_BUILDS)

check: deps
	@$(MAKE) --no-print-directory $(SUBJ) all testbins
	@ANTRI_QUICK=1 JOBS=$(JOBS) TEST_UNITS="$(TEST_UNITS)" \
		TEST_SCRIPTS="$(CHECK_SCRIPTS)" tests/run.sh build

testbins: $(PROGS) $(TEST_PROGS)

bench: deps
	@$(MAKE) --no-print-directory all testbins $(BENCH_PROGS)
	@tests/bench/bench.sh $(BUILD)

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-demo.sh $(BUILD)

# the head office: a throwaway PostgreSQL, antri-central, three outlets
demo-central: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo-central.sh $(BUILD)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/www
	cp -f $(filter-out $(LIBEXEC_PROGS),$(PROGS)) $(DESTDIR)$(BINDIR)/
	mkdir -p $(DESTDIR)$(LIBEXECDIR)
	cp -f $(LIBEXEC_PROGS) $(DESTDIR)$(LIBEXECDIR)/
	cp -rf assets/. $(DESTDIR)$(SHAREDIR)/
	cp -rf web/www/. $(DESTDIR)$(SHAREDIR)/www/
	mkdir -p $(DESTDIR)$(SHAREDIR)/central/www
	cp -rf central/www/. $(DESTDIR)$(SHAREDIR)/central/www/

uninstall:
	for p in $(notdir $(PROGS)); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for p in $(notdir $(LIBEXEC_PROGS)); do \
		rm -f $(DESTDIR)$(LIBEXECDIR)/$$p; done
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf build build-san test-output

.PHONY: flags-core flags-ui flags-print flags-chart flags-json all deps test check testbins bench run demo-central install uninstall clean FORCE

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
