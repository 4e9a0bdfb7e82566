/* notify_text.c - what a reminder says: the sentence of i18n.c's
 * catalogue for its kind (W_N_*), in its language, filled with its words
 * p1 and p2.  The SMS carries it; a WhatsApp template (approved with the
 * same sentence) gets the words as its parameters.
 */
#include "notify.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

/* the row of each kind; a booking's "missed" has its own */
static enum i18n_word
word_of(const struct q_msg *m)
{
	switch (m->kind) {
	case Q_MSG_BOOKED: return W_N_BOOKED;
	case Q_MSG_COME: return W_N_COME;
	case Q_MSG_AHEAD: return W_N_AHEAD;
	case Q_MSG_CALLED: return W_N_CALLED;
	default: return m->booking ? W_N_MISSED_BOOKING : W_N_MISSED;
	}
}

int
notify_nparams(const struct q_msg *m)
{
	return m->kind == Q_MSG_MISSED ? 1 : 2;
}

void
notify_text(const struct q_msg *m, char *buf, size_t len)
{
	enum lang l = strcmp(m->lang, "en") ? LANG_ID : LANG_EN;

	snprintf(buf, len, i18n_w(l, word_of(m)), m->p1, m->p2);
}
