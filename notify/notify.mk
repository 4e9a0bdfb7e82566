# notify/notify.mk - antri-notify, reminders by SMS (gammu-smsd's files
# service) and WhatsApp (Cloud API over HTTPS with libcurl; the body
# built with jansson).  Installed in LIBEXECDIR: `antri notify --status`
# runs it (cli_notify.c), and so does units/antri-notify.service.  With
# --central it sends the head office's outbox (shared/central, libpq).
NOTIFY_SRC = notify/notify_main.c notify/notify_conf.c notify/notify_text.c \
	notify/notify_sms.c notify/notify_wa.c
NOTIFY_OBJ = $(NOTIFY_SRC:%.c=$(BUILD)/%.o)
CURL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcurl)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl)

PROGS += $(BUILD)/antri-notify
LIBEXEC_PROGS += $(BUILD)/antri-notify
TEST_SCRIPTS += tests/scripts/notify.sh

TEST_SCRIPTS += tests/scripts/central_notify.sh

$(BUILD)/notify/%.o: XINC = $(CORE_INC) -Ishared/central $(CURL_CFLAGS) \
	$(JANSSON_CFLAGS)

# --central: the head office's outbox through shared/central (libpq)
$(BUILD)/antri-notify: $(NOTIFY_OBJ) $(CDB_A) $(CORE_A)
	$(CC) $(ANTRI_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CURL_LIBS) $(JANSSON_LIBS) \
		$(PQ_LIBS) $(CORE_LIBS)
