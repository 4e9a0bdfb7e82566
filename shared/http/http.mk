# shared/http/http.mk - the HTTP layer that antri-serve and antri-central
# share (http_*: the server on libmicrohttpd, requests, answers, pages,
# the log, the reaper, gzip answers (zlib); hub_*: event streams;
# route_*: the route table's matcher; rate_*: counts per client address),
# one archive
# compiled with no include path of the core: it cannot include queue.h.
HTTP_SRC = shared/http/http.c shared/http/hub.c shared/http/route.c \
	shared/http/rate.c
HTTP_OBJ = $(HTTP_SRC:%.c=$(BUILD)/%.o)
HTTP_A = $(BUILD)/libantri-http.a
HTTP_CFLAGS = $(shell $(PKG_CONFIG) --cflags libmicrohttpd jansson zlib)
HTTP_INC = -Ishared/http $(HTTP_CFLAGS)
HTTP_LIBS = $(shell $(PKG_CONFIG) --libs libmicrohttpd jansson zlib) \
	-lpthread

$(BUILD)/shared/http/%.o: XINC = $(HTTP_INC)

$(HTTP_A): $(HTTP_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# the route matcher alone (antri-serve's table: tests/scripts/routes.sh)
TEST_UNITS += test_route
$(BUILD)/tests/test_route.o: XINC = -Ishared/http -Itests/helpers
$(BUILD)/tests/test_route: $(BUILD)/tests/test_route.o $(HTTP_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(HTTP_LIBS)

# the layer alone holding many event streams (`make bench`)
BENCH_PROGS += $(BUILD)/tests/bench_hub
$(BUILD)/tests/bench_hub.o: XINC = $(HTTP_INC)
$(BUILD)/tests/bench_hub: $(BUILD)/tests/bench_hub.o $(HTTP_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(HTTP_LIBS)

# the layer alone: headers, errors, limits, held requests, the hub
TEST_UNITS += test_http
$(BUILD)/tests/test_http.o: XINC = $(HTTP_INC) -Itests/helpers
$(BUILD)/tests/test_http: $(BUILD)/tests/test_http.o $(HTTP_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(HTTP_LIBS)
