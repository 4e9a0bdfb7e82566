# central/central.mk - antri-central, the head office's program: the
# central database's schema, its outlets, the check of their chains, its
# head-office accounts, the requests it sends the outlets (central_book.c:
# remote tickets, bookings, slots; central_citizen.c: a citizen's, from
# /outlets, asked by central_ask.c's threads), the reports across outlets
# (the core's report, its JSON, CSV and PDF) and its web server
# (/outlets, /hq; libmicrohttpd, jansson, zlib for gzip; the shared HTTP
# layer shared/http; libpq through shared/central; the chain walk of the
# core).  Its pages are central/www.
CENTRAL_SRC = central/central_main.c central/central_http.c \
	central/central_api.c central/central_live.c central/central_outlet.c \
	central/central_report.c central/central_book.c \
	central/central_citizen.c central/central_ask.c central/central_ticket.c \
	central/central_hqreport.c \
	central/central_notify.c
CENTRAL_OBJ = $(CENTRAL_SRC:%.c=$(BUILD)/%.o)
CENTRAL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd jansson)
CENTRAL_LIBS = $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson) -lpthread

PROGS += $(BUILD)/antri-central
TEST_SCRIPTS += tests/scripts/central.sh
# a head office's install: two servers on one database, a replica for reports
TEST_SCRIPTS += tests/scripts/central_install.sh

$(BUILD)/central/%.o: XINC = $(CORE_INC) -Ishared/central $(HTTP_INC) \
	-Ishared/json -Ishared/chart -Ishared/print $(CENTRAL_CFLAGS) \
	$(CAIRO_CFLAGS)

# the QR of a citizen's code: the paper ticket's encoder alone
# (print_qr.c, libqrencode), not the printing library
$(BUILD)/antri-central: $(CENTRAL_OBJ) $(BUILD)/shared/print/print_qr.o \
	$(HTTP_A) $(CDB_A) $(JSON_A) $(CHART_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) \
		$(HTTP_LIBS) $(CENTRAL_LIBS) $(JSON_LIBS) $(CHART_LIBS) $(QRENCODE_LIBS) \
		$(CORE_LIBS)

# what a page shows of an outlet, without a database
TEST_UNITS += test_central_outlet
$(BUILD)/tests/test_central_outlet.o: XINC = $(CORE_INC) -Ishared/central \
	-Icentral $(CENTRAL_CFLAGS) -Itests/helpers
$(BUILD)/tests/test_central_outlet: $(BUILD)/tests/test_central_outlet.o \
	$(BUILD)/central/central_outlet.o
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CENTRAL_LIBS)

# the head office's scale (tests/bench/bench_central_scale.sh): a load
# generator that speaks what antri-sync speaks
BENCH_PROGS += $(BUILD)/tests/bench_central
$(BUILD)/tests/bench_central.o: XINC = $(CORE_INC) -Ishared/central
$(BUILD)/tests/bench_central: $(BUILD)/tests/bench_central.o $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(CORE_LIBS) -lpthread

# the reports across outlets against a throwaway PostgreSQL
TEST_SCRIPTS += tests/scripts/central_report.sh

# the bench of bookings on the central (tests/bench/bench_book.sh)
BENCH_PROGS += $(BUILD)/tests/bench_book
$(BUILD)/tests/bench_book.o: XINC = $(CORE_INC) -Ishared/central
$(BUILD)/tests/bench_book: $(BUILD)/tests/bench_book.o $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PQ_LIBS) $(CORE_LIBS) \
		-lpthread

TEST_SCRIPTS += tests/scripts/central_book.sh

# a citizen's remote ticket and booking through /outlets (HTTP, browser)
TEST_SCRIPTS += tests/scripts/central_citizen.sh
