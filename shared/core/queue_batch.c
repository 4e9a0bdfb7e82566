/* queue_batch.c - group commit for a program that serves many writers
 * (antri-serve's counters): the queue's calls of one handle run in one
 * transaction, each in a unit of its own (queue.h: queue_batch_begin;
 * the SAVEPOINTs are db_tx.c's).
 */
#include "queue_int.h"

int
queue_batch_begin(queue *q)
{
	return db_batch_begin(q->d);
}

int
queue_batch_end(queue *q, int commit)
{
	return db_batch_end(q->d, commit);
}
