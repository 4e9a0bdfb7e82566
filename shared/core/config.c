/* config.c - read antri.conf and check every line against known_keys[].
 *
 * To add a setting: add a row to known_keys[] (section, key, type, and for
 * INT "min..max", for ENUM "a|b|c"), then read it with config_str/int/bool.
 * URL is a string that must be an http:// or https:// address.
 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "queue.h"

#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum ctype { C_STR, C_INT, C_BOOL, C_ENUM, C_URL,
	C_PGCONN,     /* a libpq connection string without a password */
	C_OUTLET };   /* an outlet's id: a-z 0-9 and '-', e.g. jkt-menteng */

#define LINE_MAX_CHARS 4094   /* longer lines are an error */

static const struct key {
	const char *section, *key;
	enum ctype type;
	const char *arg;
} known_keys[] = {
	{ "office", "name", C_STR, NULL },
	{ "office", "language", C_ENUM, "id|en" },
	{ "database", "path", C_STR, NULL },
	{ "printer", "printer", C_STR, NULL },
	{ "printer", "format", C_ENUM, "escpos|pwg" },
	{ "printer", "paper", C_ENUM, "58|80" },
	{ "printer", "cut", C_BOOL, NULL },
	{ "printer", "header1", C_STR, NULL },
	{ "printer", "header2", C_STR, NULL },
	{ "printer", "header3", C_STR, NULL },
	{ "printer", "footer", C_STR, NULL },
	{ "printer", "timeout", C_INT, "1..300" },
	{ "kiosk", "id", C_STR, NULL },
	{ "kiosk", "repeat_guard_ms", C_INT, "0..60000" },
	{ "kiosk", "return_s", C_INT, "1..300" },
	{ "kiosk", "voice", C_BOOL, NULL },
	{ "kiosk", "voice_dir", C_STR, NULL },
	{ "counter", "repeat_guard_ms", C_INT, "0..60000" },
	/* [remote]: remote tickets and check-in (queue_remote.c; the
	 * defaults are q_remote_defaults') */
	{ "remote", "share", C_INT, "0..100" },
	{ "remote", "come_min", C_INT, "1..600" },
	{ "remote", "grace_min", C_INT, "0..600" },
	{ "display", "voice", C_BOOL, NULL },
	{ "display", "voice_language", C_ENUM, "id|en" },
	{ "display", "voice_dir", C_STR, NULL },
	{ "display", "highlight_s", C_INT, "1..60" },
	{ "serve", "listen", C_STR, NULL },
	{ "serve", "tls_cert", C_STR, NULL },
	{ "serve", "tls_key", C_STR, NULL },
	{ "serve", "www", C_STR, NULL },
	{ "serve", "session_idle_s", C_INT, "1..2592000" },
	{ "serve", "session_max_s", C_INT, "1..31536000" },
	{ "serve", "lock_s", C_INT, "1..86400" },
	{ "serve", "timeout_s", C_INT, "1..600" },
	{ "serve", "max_connections", C_INT, "8..4000" },
	{ "serve", "per_address", C_INT, "1..4000" },
	{ "serve", "max_streams", C_INT, "1..4000" },
	{ "display", "repeat_after", C_INT, "0..600" },
	{ "serve", "public_url", C_URL, NULL },
	{ "serve", "take_per_hour", C_INT, "1..10000" },
	{ "ui", "font", C_STR, NULL },
	{ "ui", "font_bold", C_STR, NULL },
	{ "ui", "font_dir", C_STR, NULL },
	{ "ui", "renderer", C_ENUM, "auto|software|accelerated" },
	{ "serve", "heartbeat_s", C_INT, "1..3600" },
	{ "database", "busy_ms", C_INT, "1..600000" },
	{ "display", "poll", C_BOOL, NULL },
	/* the head office's database (antri-sync, antri-central) */
	{ "central", "pg", C_PGCONN, NULL },
	{ "central", "office", C_OUTLET, NULL },
	{ "central", "listen", C_STR, NULL },
	{ "central", "language", C_ENUM, "id|en" },
	{ "central", "long_wait_min", C_INT, "1..600" },
	{ "central", "max_streams", C_INT, "1..100000" },
	/* reminders (antri-notify, docs/notify.md) and how long a visitor's
	 * phone number is kept */
	{ "notify", "channel", C_ENUM, "sms|whatsapp|both" },
	{ "notify", "gammu_outbox", C_STR, NULL },
	{ "notify", "whatsapp_url", C_URL, NULL },
	{ "notify", "phone_number_id", C_STR, NULL },
	{ "notify", "country_code", C_INT, "1..999" },
	{ "notify", "token_file", C_STR, NULL },
	{ "notify", "ca_file", C_STR, NULL },
	{ "notify", "template_booked", C_STR, NULL },
	{ "notify", "template_come", C_STR, NULL },
	{ "notify", "template_ahead", C_STR, NULL },
	{ "notify", "template_called", C_STR, NULL },
	{ "notify", "template_missed", C_STR, NULL },
	{ "notify", "max_tries", C_INT, "1..100" },
	{ "notify", "backoff_s", C_INT, "1..3600" },
	{ "notify", "timeout_s", C_INT, "1..120" },
	{ "privacy", "keep_days", C_INT, "1..3650" },
};
#define NKEYS (sizeof known_keys / sizeof known_keys[0])

struct entry {
	const struct key *k;
	char *value;
	int line;
};

struct config {
	char path[4096];
	struct entry *e;
	size_t n, cap;
};

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = 0;
	return s;
}

static int
parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (int i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* 1 when a libpq connection string carries a password: a password=
 * keyword, or a URI's user:password@ */
static int
conninfo_has_password(const char *v)
{
	const char *p, *at, *colon;

	for (p = v; *p; p++) {
		const char *q = p + 8;

		if (strncasecmp(p, "password", 8) ||
		    (p > v && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;            /* e.g. a passfile's name */
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '=')
			return 1;
	}
	if ((p = strstr(v, "://"))) {
		p += 3;
		at = strchr(p, '@');
		colon = strchr(p, ':');
		if (at && colon && colon < at && !memchr(p, '/', (size_t)(at - p)))
			return 1;
	}
	return 0;
}

/* Check v against k's type; on failure write why to why. */
static int
check_value(const struct key *k, const char *v, char *why, size_t len)
{
	char *end;
	long lo, hi, x;
	int b;

	switch (k->type) {
	case C_STR:
		return 0;
	case C_URL:
		if ((!strncmp(v, "http://", 7) || !strncmp(v, "https://", 8)) &&
		    strlen(v) < 200 && !strpbrk(v, " \t\"'<>?#"))
			return 0;
		snprintf(why, len, "'%s' must be an address like "
		    "http://192.168.1.10:8080 (http:// or https://, no spaces, "
		    "quotes, ? or #, under 200 characters), not '%s'", k->key, v);
		return -1;
	case C_PGCONN:
		if (conninfo_has_password(v)) {
			snprintf(why, len, "'%s' must not hold a password (it "
			    "would be readable by whoever reads this file): put "
			    "it in libpq's passfile (passfile=FILE, mode 0600) "
			    "or use a client certificate (sslcert=, sslkey=)",
			    k->key);
			return -1;
		}
		if (*v && strlen(v) < 1024)
			return 0;
		snprintf(why, len, "'%s' must be a libpq connection string "
		    "under 1024 characters, e.g. host=central.example "
		    "dbname=antri user=antri_jkt-menteng sslmode=verify-full",
		    k->key);
		return -1;
	case C_OUTLET:
		if (*v && strlen(v) <= 40 && isalnum((unsigned char)*v) &&
		    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
		    strlen(v))
			return 0;
		snprintf(why, len, "'%s' must be an outlet's id of 1 to 40 "
		    "characters a-z, 0-9 and '-', e.g. jkt-menteng, not '%s'",
		    k->key, v);
		return -1;
	case C_BOOL:
		if (parse_bool(v, &b) == 0)
			return 0;
		snprintf(why, len, "'%s' must be yes or no, not '%s'", k->key, v);
		return -1;
	case C_INT:
		sscanf(k->arg, "%ld..%ld", &lo, &hi);
		errno = 0;
		x = strtol(v, &end, 10);
		if (*v && !*end && !errno && x >= lo && x <= hi)
			return 0;
		snprintf(why, len, "'%s' must be a whole number from %ld to %ld, "
		    "not '%s'", k->key, lo, hi, v);
		return -1;
	case C_ENUM: {
		size_t n = strlen(v);
		const char *p = k->arg;

		while (p) {
			const char *bar = strchr(p, '|');
			size_t m = bar ? (size_t)(bar - p) : strlen(p);

			if (m == n && !strncmp(p, v, n))
				return 0;
			p = bar ? bar + 1 : NULL;
		}
		snprintf(why, len, "'%s' must be one of %s, not '%s'", k->key,
		    k->arg, v);
		return -1;
	}
	}
	return -1;
}

static const struct key *
find_key(const char *section, const char *key)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(known_keys[i].section, section) &&
		    !strcmp(known_keys[i].key, key))
			return &known_keys[i];
	return NULL;
}

int
config_check(const char *section, const char *key, const char *value,
             char *why, size_t len)
{
	const struct key *k = find_key(section, key);

	if (!k) {
		snprintf(why, len, "no key '%s' in [%s]", key, section);
		return -1;
	}
	return check_value(k, value, why, len);
}

static int
known_section(const char *section)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(known_keys[i].section, section))
			return 1;
	return 0;
}

static struct entry *
lookup(const config *c, const char *section, const char *key)
{
	struct entry *found = NULL;

	/* the last line that sets a key wins */
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->e[i].k->section, section) &&
		    !strcmp(c->e[i].k->key, key))
			found = &c->e[i];
	return found;
}

static int
add(config *c, const struct key *k, const char *v, int line)
{
	struct entry *e;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		if (!(e = realloc(c->e, c->cap * sizeof *e)))
			return -1;
		c->e = e;
	}
	if (!(c->e[c->n].value = strdup(v)))
		return -1;
	c->e[c->n].k = k;
	c->e[c->n].line = line;
	c->n++;
	return 0;
}

int
config_load_file(config **out, const char *path, char *err, size_t errlen)
{
	char section[64] = "", why[256], *buf = NULL, *s, *eq, *key, *val;
	const struct key *k;
	size_t cap = 0, n;
	ssize_t got;
	config *c;
	FILE *f;
	int line = 0;

	*out = NULL;
	if (!(f = fopen(path, "r"))) {
		snprintf(err, errlen, "%s: cannot read: %s", path,
		    strerror(errno));
		return -1;
	}
	if (!(c = calloc(1, sizeof *c))) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	snprintf(c->path, sizeof c->path, "%s", path);
	while ((got = getline(&buf, &cap, f)) > 0) {
		line++;
		n = (size_t)got;
		/* a NUL would end the line early and hide the rest */
		if (memchr(buf, 0, n)) {
			snprintf(why, sizeof why, "NUL byte in the line (is "
			    "this a text file?)");
			goto bad;
		}
		if (n > 0 && buf[n - 1] == '\n')
			n--;
		if (n > LINE_MAX_CHARS) {
			snprintf(why, sizeof why, "line longer than %d characters",
			    LINE_MAX_CHARS);
			goto bad;
		}
		s = trim(buf);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');

			if (!close || *trim(close + 1)) {
				snprintf(why, sizeof why, "a section is written "
				    "[name], with nothing after the ]");
				goto bad;
			}
			*close = 0;
			snprintf(section, sizeof section, "%s", trim(s + 1));
			if (!known_section(section)) {
				snprintf(why, sizeof why, "unknown section "
				    "[%s]", section);
				goto bad;
			}
			continue;
		}
		if (!(eq = strchr(s, '='))) {
			snprintf(why, sizeof why, "expected 'key = value'");
			goto bad;
		}
		*eq = 0;
		key = trim(s);
		val = trim(eq + 1);
		if (!section[0]) {
			snprintf(why, sizeof why, "'%s' is outside any [section]",
			    key);
			goto bad;
		}
		if (!(k = find_key(section, key))) {
			snprintf(why, sizeof why, "unknown key '%s' in [%s]", key,
			    section);
			goto bad;
		}
		if (check_value(k, val, why, sizeof why))
			goto bad;
		if (add(c, k, val, line)) {
			snprintf(why, sizeof why, "out of memory");
			goto bad;
		}
	}
	free(buf);
	fclose(f);
	*out = c;
	return 0;
bad:
	snprintf(err, errlen, "%s:%d: %s", path, line, why);
	free(buf);
	fclose(f);
	config_free(c);
	return -1;
}

int
config_load(config **out, const char *explicit_path, char *err,
            size_t errlen)
{
	const char *env = getenv("ANTRI_CONFIG");
	/* no ./antri.conf: the folder one stands in must not choose the
	 * database and the printer */
	static const char system_conf[] = "/etc/antri/antri.conf";

	if (explicit_path)
		return config_load_file(out, explicit_path, err, errlen);
	if (env && *env)
		return config_load_file(out, env, err, errlen);
	if (access(system_conf, F_OK) == 0)
		return config_load_file(out, system_conf, err, errlen);
	if (!(*out = calloc(1, sizeof **out))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void
config_free(config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->e[i].value);
	free(c->e);
	free(c);
}

const char *
config_path(const config *c)
{
	return c ? c->path : "";
}

const char *
config_str(const config *c, const char *section, const char *key,
           const char *def)
{
	struct entry *e = lookup(c, section, key);

	return e ? e->value : def;
}

long
config_int(const config *c, const char *section, const char *key, long def)
{
	struct entry *e = lookup(c, section, key);

	return e ? strtol(e->value, NULL, 10) : def;
}

int
config_bool(const config *c, const char *section, const char *key, int def)
{
	struct entry *e = lookup(c, section, key);
	int v = def;

	if (e)
		parse_bool(e->value, &v);
	return v;
}

int
config_line(const config *c, const char *section, const char *key)
{
	struct entry *e = lookup(c, section, key);

	return e ? e->line : 0;
}

const char *
config_db_path(const config *c, const char *explicit_path)
{
	const char *env = getenv("ANTRI_DB");
	const char *v;

	if (explicit_path && *explicit_path)
		return explicit_path;
	if (env && *env)
		return env;
	if ((v = config_str(c, "database", "path", NULL)) && *v)
		return v;
	return "./antri.db";
}
