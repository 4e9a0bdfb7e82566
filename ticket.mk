# ticket.mk - the visitor's link (issue 13): ticket tokens in the core,
# the QR code on the printed ticket and the kiosk (libqrencode, in the
# print library), the /t/<token> page and its API in antri-serve.
CORE_SRC += shared/core/queue_token.c
PRINT_SRC += shared/print/print_qr.c
PRINT_LIBS += $(QRENCODE_LIBS)
QRENCODE_LIBS = $(shell $(PKG_CONFIG) --libs libqrencode)
TEST_UNITS += test_ticket_token
TEST_HELPERS += ticket_png
TEST_SCRIPTS += tests/scripts/ticket.sh
TEST_SCRIPTS += tests/scripts/kiosk_qr.sh
