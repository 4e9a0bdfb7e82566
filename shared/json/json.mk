# shared/json/json.mk - the queue's documents as JSON and the report as
# CSV (qjson_*), one archive shared by antri and antri-serve; compiled
# with only the core's include paths and jansson's.
JSON_SRC = shared/json/qjson.c
JSON_OBJ = $(JSON_SRC:%.c=$(BUILD)/%.o)
JSON_A = $(BUILD)/libantri-json.a
JSON_INC = $(CORE_INC) -Ishared/json $(JANSSON_CFLAGS)
JSON_LIBS = $(JANSSON_LIBS)

$(BUILD)/shared/json/%.o: XINC = $(JSON_INC)

$(JSON_A): $(JSON_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# its unit test links only this library and the core
TEST_UNITS += test_qjson
$(BUILD)/tests/test_qjson.o: XINC = $(JSON_INC) -Itests/helpers
$(BUILD)/tests/test_qjson: $(BUILD)/tests/test_qjson.o $(JSON_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(JSON_LIBS) $(CORE_LIBS)
