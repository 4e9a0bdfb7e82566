# shared/print.mk - ticket printing (print.h): renderer, encoders, libcups
# transport, and its tests and benchmark.
UI_SRC += shared/print.c shared/print_ticket.c shared/print_encode.c \
	shared/print_cups.c

TEST_UNITS += test_print
TEST_HELPERS += print_listen print_check
TEST_SCRIPTS += tests/print.sh
BENCH_PROGS += $(BUILD)/tests/bench_print
