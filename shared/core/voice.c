/* voice.c - the clip names of an announcement (voice.h). */
#include "voice.h"

#include <ctype.h>
#include <stdio.h>

static int
add(char names[][VOICE_NAME_MAX], int n, int max, const char *s)
{
	if (n < max)
		snprintf(names[n], VOICE_NAME_MAX, "%s", s);
	return n + 1;
}

static int
add_label(char names[][VOICE_NAME_MAX], int n, int max, const char *label)
{
	char one[2] = { 0, 0 };

	for (const char *p = label; *p; p++) {
		if (isalpha((unsigned char)*p))
			one[0] = (char)tolower((unsigned char)*p);
		else if (isdigit((unsigned char)*p))
			one[0] = *p;
		else
			continue;
		n = add(names, n, max, one);
	}
	return n;
}

int
voice_clips(enum q_event kind, const char *label, int counter,
            char names[][VOICE_NAME_MAX], int max)
{
	int n = 0;
	char num[16];

	if (!label || !*label)
		return 0;
	switch (kind) {
	case QE_CALLED:
	case QE_RECALLED:
		n = add(names, n, max, "chime");
		n = add(names, n, max, "nomor_antrian");
		n = add_label(names, n, max, label);
		n = add(names, n, max, "silakan_menuju_loket");
		if (counter >= 1 && counter <= 20) {
			snprintf(num, sizeof num, "%d", counter);
			n = add(names, n, max, num);
		} else if (counter > 20) {
			snprintf(num, sizeof num, "%d", counter);
			n = add_label(names, n, max, num);
		}
		break;
	case QE_ADMITTED:
		n = add(names, n, max, "chime");
		n = add(names, n, max, "silakan_masuk");
		n = add_label(names, n, max, label);
		break;
	default:
		return 0;
	}
	return n < max ? n : max;
}
