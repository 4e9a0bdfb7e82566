/* notify_conf.c - antri-notify's settings: [notify] and [privacy] of
 * antri.conf (the keys and their types are config.c's table; here what
 * they must be together, with the file and line of a wrong one), and the
 * WhatsApp token, read from token_file only when nobody but this user
 * may read that file.  Called by notify_main.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "notify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const tmpl_key[Q_MSG_KIND_COUNT] = {
	[Q_MSG_BOOKED] = "template_booked", [Q_MSG_COME] = "template_come",
	[Q_MSG_AHEAD] = "template_ahead", [Q_MSG_CALLED] = "template_called",
	[Q_MSG_MISSED] = "template_missed",
};
static const char *const tmpl_def[Q_MSG_KIND_COUNT] = {
	[Q_MSG_BOOKED] = "antri_booked", [Q_MSG_COME] = "antri_come",
	[Q_MSG_AHEAD] = "antri_ahead", [Q_MSG_CALLED] = "antri_called",
	[Q_MSG_MISSED] = "antri_missed",
};

/* "FILE:LINE: " for key (the file alone when it is not set there) */
static void
where(const config *cfg, const char *sec, const char *key, char *err,
      size_t len, const char *fmt, const char *a, const char *b)
{
	char msg[600];
	const char *f = *config_path(cfg) ? config_path(cfg) : "antri.conf";
	int line = config_line(cfg, sec, key);

	snprintf(msg, sizeof msg, fmt, a, b);
	if (line)
		snprintf(err, len, "%s:%d: [%s] %s: %s", f, line, sec, key,
		    msg);
	else
		snprintf(err, len, "%s: [%s] %s: %s", f, sec, key, msg);
}

static int
read_token(struct notify_conf *nc, const config *cfg, const char *path,
           char *err, size_t len)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	char mode[16];

	if (fd < 0) {
		where(cfg, "notify", "token_file", err, len, "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		where(cfg, "notify", "token_file", err, len,
		    "%s is not a regular file%s", path, "");
		return -1;
	}
	if ((st.st_mode & 077) || st.st_uid != geteuid()) {
		close(fd);
		snprintf(mode, sizeof mode, "%04o", (unsigned)st.st_mode & 07777);
		where(cfg, "notify", "token_file", err, len, "%s must belong "
		    "to this user and be readable by nobody else (it is mode "
		    "%s): chmod 600 it", path, mode);
		return -1;
	}
	n = read(fd, nc->token, sizeof nc->token - 1);
	close(fd);
	if (n < 0)
		n = 0;
	nc->token[n] = 0;
	while (n > 0 && (nc->token[n - 1] == '\n' || nc->token[n - 1] == '\r'
	    || nc->token[n - 1] == ' '))
		nc->token[--n] = 0;
	for (ssize_t i = 0; i < n; i++)
		if ((unsigned char)nc->token[i] <= ' ' ||
		    (unsigned char)nc->token[i] >= 127) {
			where(cfg, "notify", "token_file", err, len,
			    "%s holds more than one token on one line%s", path,
			    "");
			return -1;
		}
	if (n == 0 || (size_t)n >= sizeof nc->token - 1) {
		where(cfg, "notify", "token_file", err, len,
		    "%s holds no token (or one too long)%s", path, "");
		return -1;
	}
	return 0;
}

int
notify_conf_load(struct notify_conf *nc, const config *cfg, char *err,
                 size_t len)
{
	const char *ch = config_str(cfg, "notify", "channel", "sms");
	const char *tf;
	struct stat st;

	memset(nc, 0, sizeof *nc);
	nc->channels = !strcmp(ch, "both") ? Q_CHAN_SMS | Q_CHAN_WHATSAPP :
	    !strcmp(ch, "whatsapp") ? Q_CHAN_WHATSAPP : Q_CHAN_SMS;
	nc->gammu_outbox = config_str(cfg, "notify", "gammu_outbox",
	    "/var/spool/gammu/outbox");
	nc->wa_url = config_str(cfg, "notify", "whatsapp_url", NOTIFY_WA_URL);
	nc->phone_id = config_str(cfg, "notify", "phone_number_id", NULL);
	nc->ca_file = config_str(cfg, "notify", "ca_file", NULL);
	for (int k = 0; k < Q_MSG_KIND_COUNT; k++)
		nc->tmpl[k] = config_str(cfg, "notify", tmpl_key[k],
		    tmpl_def[k]);
	nc->country_code = (int)config_int(cfg, "notify", "country_code", 62);
	nc->max_tries = (int)config_int(cfg, "notify", "max_tries", 8);
	nc->backoff_s = (int)config_int(cfg, "notify", "backoff_s", 30);
	nc->timeout_s = (int)config_int(cfg, "notify", "timeout_s", 15);
	nc->keep_days = (int)config_int(cfg, "privacy", "keep_days", 30);
	nc->come_min = (int)config_int(cfg, "remote", "come_min", 30);
	if ((nc->channels & Q_CHAN_SMS) && (stat(nc->gammu_outbox, &st) ||
	    !S_ISDIR(st.st_mode))) {
		where(cfg, "notify", "gammu_outbox", err, len,
		    "%s is not a folder (gammu-smsd's OutboxPath)%s",
		    nc->gammu_outbox, "");
		return -1;
	}
	if (!(nc->channels & Q_CHAN_WHATSAPP))
		return 0;
	if (strncmp(nc->wa_url, "https://", 8)) {
		where(cfg, "notify", "whatsapp_url", err, len,
		    "%s: the token goes only over https://%s", nc->wa_url, "");
		return -1;
	}
	if (!nc->phone_id || !*nc->phone_id ||
	    strspn(nc->phone_id, "0123456789") != strlen(nc->phone_id)) {
		where(cfg, "notify", "phone_number_id", err, len,
		    "the WhatsApp sender's phone-number id (digits) is %s%s",
		    nc->phone_id ? "not digits" : "not set", "");
		return -1;
	}
	if (nc->ca_file && access(nc->ca_file, R_OK)) {
		where(cfg, "notify", "ca_file", err, len, "%s: %s", nc->ca_file,
		    strerror(errno));
		return -1;
	}
	if (!(tf = config_str(cfg, "notify", "token_file", NULL))) {
		where(cfg, "notify", "token_file", err, len, "not set: the "
		    "WhatsApp token is read from a file of mode 0600%s%s", "",
		    "");
		return -1;
	}
	return read_token(nc, cfg, tf, err, len);
}
