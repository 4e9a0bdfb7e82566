/* notify_sms.c - a reminder by SMS through gammu-smsd (a GSM modem on
 * the office box sends it, without internet): the message becomes a file
 * of the folder its files service reads (OutboxPath), named as
 * gammu-smsd-files(7) says, OUT<priority><date>_<time>_<serial>_<number>_
 * <note>.txt, and holding the text in Unicode (UTF-16, little-endian,
 * with its byte-order mark), so no locale decides its letters.  It is
 * written under a name gammu-smsd ignores and renamed in, so the daemon
 * never reads half a message, with the folder's group and mode 0660.  Called by notify_main.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "notify.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* text (UTF-8) as UTF-16LE after a BOM into out; its length or -1 */
static long
utf16(const char *text, char *out, size_t len)
{
	iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
	char *in = (char *)text, *o = out + 2;
	size_t inl = strlen(text), ol = len - 2;
	size_t r;

	if (cd == (iconv_t)-1 || len < 2)
		return -1;
	out[0] = (char)0xff;
	out[1] = (char)0xfe;
	r = iconv(cd, &in, &inl, &o, &ol);
	iconv_close(cd);
	return r == (size_t)-1 ? -1 : (long)(o - out);
}

enum notify_res
notify_sms_send(const struct notify_conf *nc, const struct q_msg *m,
                char *why, size_t len)
{
	char text[512], body[1200], tmp[1400], name[1400], stamp[32];
	time_t now = time(NULL);
	struct stat dir;
	struct tm tm;
	long n;
	int fd;
	const char *tag = nc->sms_tag ? nc->sms_tag : "antri";

	notify_text(m, text, sizeof text);
	if ((n = utf16(text, body, sizeof body)) < 0) {
		snprintf(why, len, "the text is not UTF-8");
		return NOTIFY_PERMANENT;
	}
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d_%H%M%S", &tm);
	/* A: the call and "come now" go before the rest */
	snprintf(name, sizeof name, "%s/OUT%c%s_%02d_%s_%s%lld.txt",
	    nc->gammu_outbox, m->kind == Q_MSG_CALLED || m->kind == Q_MSG_COME ?
	    'A' : 'B', stamp, (int)(m->id % 100), m->phone, tag, (long long)m->id);
	snprintf(tmp, sizeof tmp, "%s/.%s-%lld.part", nc->gammu_outbox, tag,
	    (long long)m->id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0660);
	if (fd < 0) {
		snprintf(why, len, "gammu outbox: %s", strerror(errno));
		return NOTIFY_RETRY;
	}
	/* the folder's group (gammu): gammu-smsd run as its own user reads
	 * it whatever this process's group is */
	if (stat(nc->gammu_outbox, &dir) == 0 && fchown(fd, (uid_t)-1,
	    dir.st_gid) != 0 && errno != EPERM)
		fprintf(stderr, "antri-notify: gammu outbox: %s\n",
		    strerror(errno));
	if (write(fd, body, (size_t)n) != n || fsync(fd)) {
		snprintf(why, len, "gammu outbox: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return NOTIFY_RETRY;
	}
	close(fd);
	if (rename(tmp, name)) {
		snprintf(why, len, "gammu outbox: %s", strerror(errno));
		unlink(tmp);
		return NOTIFY_RETRY;
	}
	return NOTIFY_SENT;
}
