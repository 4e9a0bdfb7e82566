/* notify_wa.c - a reminder by WhatsApp: a template message of the
 * WhatsApp Cloud API, POST {whatsapp_url}/{phone_number_id}/messages with
 * the Bearer token, over HTTPS with libcurl, the peer and its name always
 * verified (against [notify] ca_file when set, else the system's CAs).
 * The body, built with jansson:
 *   {"messaging_product": "whatsapp", "to": NUMBER, "type": "template",
 *    "template": {"name": NAME, "language": {"code": "id"},
 *      "components": [{"type": "body", "parameters":
 *        [{"type": "text", "text": P1}, ...]}]}}
 * Called by notify_main.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "notify.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
notify_wa_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
notify_wa_done(void)
{
	curl_global_cleanup();
}

/* the answer's body is not needed: only its status */
static size_t
discard(char *p, size_t sz, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return sz * n;
}

static char *
body_of(const struct notify_conf *nc, const struct q_msg *m)
{
	json_t *params = json_array(), *doc;
	const char *p[2] = { m->p1, m->p2 };
	char to[Q_BOOK_PHONE_MAX + 8], *s;

	for (int i = 0; i < notify_nparams(m); i++)
		json_array_append_new(params, json_pack("{s:s, s:s}", "type",
		    "text", "text", p[i]));
	/* the API wants the digits with the country code: the '+' dropped,
	 * a national 0 (0812...) replaced by [notify] country_code */
	if (m->phone[0] == '0')
		snprintf(to, sizeof to, "%d%s", nc->country_code, m->phone + 1);
	else
		snprintf(to, sizeof to, "%s", m->phone + (m->phone[0] == '+'));
	doc = json_pack("{s:s, s:s, s:s, s:{s:s, s:{s:s}, s:[{s:s, s:o}]}}",
	    "messaging_product", "whatsapp",
	    "to", to,
	    "type", "template",
	    "template", "name", nc->tmpl[m->kind],
	    "language", "code", strcmp(m->lang, "en") ? "id" : "en",
	    "components", "type", "body", "parameters", params);
	if (!doc)
		return NULL;
	s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}

enum notify_res
notify_wa_send(const struct notify_conf *nc, const struct q_msg *m,
               char *why, size_t len)
{
	char url[1024], auth[NOTIFY_TOKEN_MAX + 32];
	struct curl_slist *h = NULL;
	enum notify_res res;
	long status = 0;
	CURLcode rc;
	CURL *c;
	char *body;

	if ((unsigned)m->kind >= Q_MSG_KIND_COUNT) {
		snprintf(why, len, "unknown kind of message");
		return NOTIFY_PERMANENT;
	}
	if (!(body = body_of(nc, m))) {
		snprintf(why, len, "out of memory");
		return NOTIFY_RETRY;
	}
	if (!(c = curl_easy_init())) {
		free(body);
		snprintf(why, len, "libcurl could not start");
		return NOTIFY_RETRY;
	}
	snprintf(url, sizeof url, "%s/%s/messages", nc->wa_url, nc->phone_id);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", nc->token);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (nc->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, nc->ca_file);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)nc->timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)nc->timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	/* the header held the token: nothing of it stays behind */
	memset(auth, 0, sizeof auth);
	free(body);
	if (rc != CURLE_OK) {
		snprintf(why, len, "%s", curl_easy_strerror(rc));
		return NOTIFY_RETRY;
	}
	if (status >= 200 && status < 300)
		return NOTIFY_SENT;
	snprintf(why, len, "HTTP %ld", status);
	res = status == 408 || status == 429 || status >= 500 ? NOTIFY_RETRY :
	    NOTIFY_PERMANENT;
	return res;
}
