/* api_error.c - a queue error as antri-serve's HTTP answer: the core's
 * error class and code mapped to an HTTP status and an error code of
 * docs/api.md, with the core's words as the message, and the sentence a
 * page shows in both languages (i18n_error) as "words".  Start at
 * api_qerror().
 */
#include "serve.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"

static const struct { int err; unsigned status; const char *code; } qmap[] = {
	{ Q_ENOWAIT, 409, "nobody_waiting" }, { Q_EFULL, 409, "room_full" },
	{ Q_ECLOSED, 409, "service_closed" }, { Q_EQUOTA, 409, "quota_reached" },
	{ Q_EPAUSED, 409, "counter_paused" },
	{ Q_ENOCURRENT, 409, "no_current_ticket" },
	{ Q_EBUSYCOUNTER, 409, "counter_busy" }, { Q_ESTATE, 409, "bad_state" },
	{ Q_ESAME, 409, "same_service" }, { Q_ENOTSERVED, 409, "not_served" },
	{ Q_ELOGIN, 401, "bad_login" }, { Q_ELOCKED, 429, "account_locked" },
	{ Q_ENOSESSION, 401, "not_logged_in" },
	{ Q_EINVAL, 422, "invalid_value" }, { Q_ENOSERVICE, 422, "no_service" },
	{ Q_ENOCOUNTER, 422, "no_counter" }, { Q_ENOTICKET, 422, "no_ticket" },
	{ Q_EEXIST, 409, "exists" }, { Q_ENOUSER, 422, "no_user" },
	{ Q_EBUSY, 503, "database_busy" },
};

/* The core's words for err without what they tell a command line's user
 * ("; see 'antri --help'"): the API's client has no such command. */
static const char *
words_of(int err, char *buf, size_t len)
{
	char *see;

	snprintf(buf, len, "%s", err == Q_EBUSY ?
	    "Database busy: nothing was done" : queue_strerror(err));
	if ((see = strstr(buf, "; see '")))
		*see = 0;
	return buf;
}

enum MHD_Result
api_qerror(struct http_req *r, int err)
{
	char msg[256];

	unsigned status = 503;
	const char *code = "database_error";

	words_of(err, msg, sizeof msg);
	if (queue_err_class(err) == Q_CLASS_REFUSED) {
		status = 409;
		code = "refused";
	} else if (queue_err_class(err) == Q_CLASS_USAGE) {
		status = 422;
		code = "invalid_value";
	}
	for (size_t i = 0; i < sizeof qmap / sizeof qmap[0]; i++)
		if (qmap[i].err == err) {
			status = qmap[i].status;
			code = qmap[i].code;
		}
	return http_refuse(r, status, code, msg, i18n_error(LANG_ID, err),
	    i18n_error(LANG_EN, err));
}

enum MHD_Result
api_refuse(struct http_req *r, unsigned status, const char *code,
           enum i18n_word w)
{
	return http_refuse(r, status, code, NULL, i18n_w(LANG_ID, w),
	    i18n_w(LANG_EN, w));
}
