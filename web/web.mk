# web: antri-serve, the office's network server (issue 12): libmicrohttpd
# and jansson over the core; its pages in web/www.  No SDL, no CUPS.
SERVE_SRC = web/serve_main.c web/http.c web/auth.c web/api.c web/sse.c
SERVE_OBJ = $(SERVE_SRC:%.c=$(BUILD)/%.o)
SERVE_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd jansson)
SERVE_LIBS = $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson) -lpthread

PROGS += $(BUILD)/antri-serve
TEST_SCRIPTS += tests/serve.sh
TEST_HELPERS += serve_conn
BENCH_PROGS += $(BUILD)/tests/bench_serve_sse

$(SERVE_OBJ): ANTRI_CFLAGS += $(SERVE_CFLAGS)

$(BUILD)/antri-serve: $(SERVE_OBJ) $(BUILD)/libantri-core.a
	$(CC) $(ANTRI_LDFLAGS) -o $@ $^ $(SERVE_LIBS) $(CORE_LIBS)

install-web:
	mkdir -p $(DESTDIR)$(SHAREDIR)/www
	cp -rf web/www/. $(DESTDIR)$(SHAREDIR)/www/

.PHONY: install-web
