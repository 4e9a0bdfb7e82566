/* text.c - valid UTF-8 without control characters; cutting text between
 * characters.  See text.h.
 */
#include "text.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), 0 when it is not one.
 * *cp gets the code point. */
static size_t
seq_len(const unsigned char *s, unsigned long *cp)
{
	unsigned long c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int
text_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n;

	if (!s)
		return 0;
	while (*p) {
		if (!(n = seq_len(p, &cp)) || is_control(cp))
			return 0;
		p += n;
	}
	return 1;
}

/* Copy at most len - 1 bytes, whole sequences only; clean: replace. */
static size_t
copy(char *dst, size_t len, const char *src, int clean)
{
	const unsigned char *p = (const unsigned char *)(src ? src : "");
	size_t out = 0, n;
	unsigned long cp;

	if (len == 0)
		return 0;
	while (*p) {
		n = seq_len(p, &cp);
		if (clean && (n == 0 || is_control(cp))) {
			if (out + 1 >= len)
				break;
			dst[out++] = n == 0 ? '?' : ' ';
			p += n ? n : 1;
			continue;
		}
		if (n == 0)   /* not UTF-8: keep the byte, a cut is a cut */
			n = 1;
		if (out + n >= len)
			break;
		memcpy(dst + out, p, n);
		out += n;
		p += n;
	}
	dst[out] = 0;
	return out;
}

size_t
text_cut(char *dst, size_t len, const char *src)
{
	return copy(dst, len, src, 0);
}

size_t
text_clean(char *dst, size_t len, const char *src)
{
	return copy(dst, len, src, 1);
}
