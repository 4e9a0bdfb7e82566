/* notify.h - antri-notify, the notifier: follows the office's database,
 * fills the outbox from what happened (queue_notify_derive, the core) and
 * sends what is due by SMS through gammu-smsd's files service and by
 * WhatsApp Cloud API template messages.  Start at notify_main.c; the
 * story is docs/notify.md.
 *
 *   notify_main.c  options, the loop, --status and --dead
 *   notify_conf.c  [notify] and [privacy] of antri.conf, the token file
 *   notify_sms.c   a message as a file of gammu-smsd's outbox
 *   notify_wa.c    a message as a WhatsApp template message (libcurl)
 */
#ifndef ANTRI_NOTIFY_H
#define ANTRI_NOTIFY_H

#include <stddef.h>

#include "config.h"
#include "queue.h"

#define NOTIFY_WA_URL "https://graph.facebook.com/v21.0"
#define NOTIFY_TOKEN_MAX 1024

struct notify_conf {
	int channels;                     /* Q_CHAN_* */
	const char *gammu_outbox;         /* the folder gammu-smsd reads */
	const char *wa_url;               /* up to the version: .../v21.0 */
	const char *phone_id;             /* the WhatsApp sender's id */
	char token[NOTIFY_TOKEN_MAX];     /* from token_file, never argv/env */
	const char *ca_file;              /* CAs to trust, NULL: the system's */
	const char *tmpl[Q_MSG_KIND_COUNT];
	int country_code;                 /* for numbers written 08...: 62 */
	int max_tries, backoff_s, timeout_s, keep_days, come_min;
	const char *sms_tag;              /* the SMS files' "antri<id>":
	                                   * "antric" for the central outbox,
	                                   * whose ids are its own */
};

/* Read [notify], [privacy] keep_days and [remote] come_min from cfg,
 * with their defaults, and check them: the channels' settings present,
 * the outbox a folder, the token file a regular file of this user that
 * nobody else may read (mode 0600 or 0400).  0, or -1 with "FILE:LINE:
 * what is wrong" in err. */
int notify_conf_load(struct notify_conf *nc, const config *cfg, char *err,
                     size_t len);

/* What a try of a message came to. */
enum notify_res { NOTIFY_SENT, NOTIFY_RETRY, NOTIFY_PERMANENT };

/* The message's sentence in its language (i18n.c's W_N_* rows). */
void notify_text(const struct q_msg *m, char *buf, size_t len);
/* How many of p1, p2 a kind's sentence and template use. */
int notify_nparams(const struct q_msg *m);

/* Put m in gammu-smsd's outbox folder as its files service reads it
 * (written beside, then renamed in).  why gets the reason of a failure. */
enum notify_res notify_sms_send(const struct notify_conf *nc,
                                const struct q_msg *m, char *why,
                                size_t len);

/* libcurl once per process, before and after any WhatsApp send. */
int notify_wa_init(void);
void notify_wa_done(void);
/* POST m as a template message to wa_url/phone_id/messages.  2xx: sent;
 * 408, 429, 5xx, no answer, a timeout: tried again; other answers (a bad
 * request, a refused token): permanent. */
enum notify_res notify_wa_send(const struct notify_conf *nc,
                               const struct q_msg *m, char *why, size_t len);

#endif
