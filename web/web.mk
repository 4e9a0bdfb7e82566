# web/web.mk - antri-serve, the office's network server: libmicrohttpd and
# jansson over the core, the chart library (cairo) for PDF reports and the
# print library's printer state (libcups; its renderer, and so SDL, is
# not linked: tests/scripts/web.sh checks ldd); its pages are web/www.
SERVE_SRC = web/serve_main.c web/http.c web/auth.c web/api.c web/sse.c \
	web/api_manage.c web/api_ticket.c web/api_remote.c web/batch.c \
	web/route.c
SERVE_OBJ = $(SERVE_SRC:%.c=$(BUILD)/%.o)
SERVE_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd jansson)
SERVE_LIBS = $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson) -lpthread

PROGS += $(BUILD)/antri-serve
TEST_SCRIPTS += tests/scripts/serve.sh tests/scripts/ticket.sh tests/scripts/web.sh \
	tests/scripts/routes.sh tests/scripts/hostile.sh tests/scripts/remote_web.sh
TEST_HELPERS += serve_conn
TEST_UNITS += test_route
BENCH_PROGS += $(BUILD)/tests/bench_serve_sse

$(BUILD)/web/%.o: XINC = $(CORE_INC) -Ishared/json -Ishared/chart -Ishared/print \
	$(CAIRO_CFLAGS) $(CUPS_CFLAGS) $(SERVE_CFLAGS)

$(BUILD)/antri-serve: $(SERVE_OBJ) $(JSON_A) $(CHART_A) $(PRINT_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(SERVE_LIBS) $(CHART_LIBS) \
		$(PRINT_LIBS) $(CORE_LIBS)

# the route matcher alone (antri-serve's table: tests/scripts/routes.sh)
$(BUILD)/tests/test_route.o: XINC = $(PROG_INC) -I. -Itests/helpers -Iweb
$(BUILD)/tests/test_route: $(BUILD)/web/route.o
