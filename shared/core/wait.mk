# wait.mk - the door's rules (queue_wait.c: people ahead, waits) and their
# unit test, included by the Makefile.
CORE_SRC += shared/core/queue_wait.c
TEST_UNITS += test_wait
