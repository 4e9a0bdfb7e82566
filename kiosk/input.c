/* input.c - one press per touch or click; see input.h. */
#include "input.h"

static int
scale(int v, int out, int win)
{
	if (win <= 0 || out <= 0 || win == out)
		return v;
	return (int)((long)v * out / win);
}

static int
clampi(int v, int hi)
{
	return v < 0 ? 0 : v >= hi ? (hi > 0 ? hi - 1 : 0) : v;
}

enum kiosk_input
kiosk_input(const SDL_Event *e, int out_w, int out_h, int win_w, int win_h,
            int *x, int *y, uint32_t *ts)
{
	switch (e->type) {
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.which == SDL_TOUCH_MOUSEID ||
		    e->button.button != SDL_BUTTON_LEFT)
			return KI_NONE;   /* a touch: taken as a finger */
		*x = scale(e->button.x, out_w, win_w);
		*y = scale(e->button.y, out_h, win_h);
		*ts = e->button.timestamp;
		return KI_PRESS;
	case SDL_MOUSEBUTTONUP:
		if (e->button.which == SDL_TOUCH_MOUSEID ||
		    e->button.button != SDL_BUTTON_LEFT)
			return KI_NONE;
		return KI_RELEASE;
	case SDL_FINGERDOWN:
		/* normalised 0..1 over the window */
		*x = clampi((int)(e->tfinger.x * (float)out_w), out_w);
		*y = clampi((int)(e->tfinger.y * (float)out_h), out_h);
		*ts = e->tfinger.timestamp;
		return KI_PRESS;
	case SDL_FINGERUP:
		return KI_RELEASE;
	default:
		return KI_NONE;
	}
}
