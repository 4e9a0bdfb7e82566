# web/web.mk - antri-serve, the office's network server: the shared HTTP
# layer (shared/http: libmicrohttpd) and jansson over the core, the chart
# library (cairo) for PDF reports and the print library's printer state
# (libcups; its renderer, and so SDL, is not linked: tests/scripts/web.sh
# checks ldd); its pages are web/www.
SERVE_SRC = web/serve_main.c web/auth.c web/api.c web/sse.c \
	web/api_manage.c web/api_ticket.c web/batch.c web/api_error.c \
	web/api_remote.c
SERVE_OBJ = $(SERVE_SRC:%.c=$(BUILD)/%.o)

PROGS += $(BUILD)/antri-serve
TEST_SCRIPTS += tests/scripts/serve.sh tests/scripts/ticket.sh tests/scripts/web.sh \
	tests/scripts/routes.sh tests/scripts/hostile.sh tests/scripts/remote_web.sh
TEST_HELPERS += serve_conn
BENCH_PROGS += $(BUILD)/tests/bench_serve_sse

$(BUILD)/web/%.o: XINC = $(CORE_INC) -Ishared/json -Ishared/chart -Ishared/print \
	$(CAIRO_CFLAGS) $(CUPS_CFLAGS) $(HTTP_INC)

$(BUILD)/antri-serve: $(SERVE_OBJ) $(HTTP_A) $(JSON_A) $(CHART_A) $(PRINT_A) \
		$(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(HTTP_LIBS) $(CHART_LIBS) \
		$(PRINT_LIBS) $(CORE_LIBS)
