# web/web.mk - antri-serve, the office's network server: libmicrohttpd and
# jansson over the core (and the chart library for PDF reports); its
# pages are web/www.  No SDL, no CUPS.
SERVE_SRC = web/serve_main.c web/http.c web/auth.c web/api.c web/sse.c \
	web/api_ticket.c
SERVE_OBJ = $(SERVE_SRC:%.c=$(BUILD)/%.o)
SERVE_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd jansson)
SERVE_LIBS = $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson) -lpthread

PROGS += $(BUILD)/antri-serve
TEST_SCRIPTS += tests/scripts/serve.sh tests/scripts/ticket.sh
TEST_HELPERS += serve_conn
BENCH_PROGS += $(BUILD)/tests/bench_serve_sse

$(BUILD)/web/%.o: XINC = $(CORE_INC) -Ishared/chart $(SERVE_CFLAGS)

$(BUILD)/antri-serve: $(SERVE_OBJ) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(SERVE_LIBS) $(CORE_LIBS)
