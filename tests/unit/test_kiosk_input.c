/* test_kiosk_input.c - one touch is one press, without a display.
 *
 * A touch reaches SDL as a finger event and, unless the hint stops it, as
 * a made-up mouse click with which == SDL_TOUCH_MOUSEID: the kiosk must
 * act on exactly one of them.  Also: window points scale to output pixels
 * on high-DPI screens, finger coordinates (0..1) map onto the output and
 * stay inside it, right clicks do nothing.
 */
#include <string.h>

#include "check.h"
#include "kiosk/input.h"

static SDL_Event
mouse(Uint32 type, Uint32 which, Uint8 button, int x, int y, Uint32 ts)
{
	SDL_Event e;

	memset(&e, 0, sizeof e);
	e.type = type;
	e.button.which = which;
	e.button.button = button;
	e.button.x = x;
	e.button.y = y;
	e.button.timestamp = ts;
	return e;
}

static SDL_Event
finger(Uint32 type, float x, float y, Uint32 ts)
{
	SDL_Event e;

	memset(&e, 0, sizeof e);
	e.type = type;
	e.tfinger.x = x;
	e.tfinger.y = y;
	e.tfinger.timestamp = ts;
	return e;
}

int
main(void)
{
	SDL_Event ev[4];
	int x = -1, y = -1, presses = 0, releases = 0;
	uint32_t ts = 0;

	/* a touch as SDL delivers it: finger down, its mouse copy, both up */
	ev[0] = finger(SDL_FINGERDOWN, 0.5f, 0.25f, 100);
	ev[1] = mouse(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT,
	    640, 200, 100);
	ev[2] = finger(SDL_FINGERUP, 0.5f, 0.25f, 180);
	ev[3] = mouse(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT,
	    640, 200, 180);
	for (int i = 0; i < 4; i++) {
		enum kiosk_input r = kiosk_input(&ev[i], 1280, 800, 1280, 800,
		    &x, &y, &ts);
		presses += r == KI_PRESS;
		releases += r == KI_RELEASE;
	}
	CHECK_INT(presses, 1);
	CHECK_INT(releases, 1);
	CHECK_INT(x, 640);
	CHECK_INT(y, 200);
	CHECK_INT(ts, 100);

	/* a real mouse click is one press at its point */
	ev[0] = mouse(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 300, 400, 7);
	CHECK_INT(kiosk_input(&ev[0], 1280, 800, 1280, 800, &x, &y, &ts),
	    KI_PRESS);
	CHECK_INT(x, 300);
	CHECK_INT(y, 400);
	CHECK_INT(ts, 7);
	ev[0] = mouse(SDL_MOUSEBUTTONUP, 0, SDL_BUTTON_LEFT, 300, 400, 9);
	CHECK_INT(kiosk_input(&ev[0], 1280, 800, 1280, 800, &x, &y, &ts),
	    KI_RELEASE);
	/* right and middle buttons do nothing */
	ev[0] = mouse(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_RIGHT, 300, 400, 7);
	CHECK_INT(kiosk_input(&ev[0], 1280, 800, 1280, 800, &x, &y, &ts),
	    KI_NONE);
	ev[0] = mouse(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_MIDDLE, 300, 400, 7);
	CHECK_INT(kiosk_input(&ev[0], 1280, 800, 1280, 800, &x, &y, &ts),
	    KI_NONE);

	/* high DPI: a 1920x1080 window drawn at 3840x2160 */
	ev[0] = mouse(SDL_MOUSEBUTTONDOWN, 0, SDL_BUTTON_LEFT, 960, 540, 1);
	kiosk_input(&ev[0], 3840, 2160, 1920, 1080, &x, &y, &ts);
	CHECK_INT(x, 1920);
	CHECK_INT(y, 1080);
	ev[0] = finger(SDL_FINGERDOWN, 0.25f, 0.5f, 1);
	kiosk_input(&ev[0], 3840, 2160, 1920, 1080, &x, &y, &ts);
	CHECK_INT(x, 960);
	CHECK_INT(y, 1080);
	/* a finger at the very edge stays inside the output */
	ev[0] = finger(SDL_FINGERDOWN, 1.0f, 1.0f, 1);
	kiosk_input(&ev[0], 800, 480, 800, 480, &x, &y, &ts);
	CHECK_INT(x, 799);
	CHECK_INT(y, 479);
	ev[0] = finger(SDL_FINGERDOWN, -0.1f, 1.5f, 1);
	kiosk_input(&ev[0], 800, 480, 800, 480, &x, &y, &ts);
	CHECK_INT(x, 0);
	CHECK_INT(y, 479);

	/* other events are not presses */
	memset(&ev[0], 0, sizeof ev[0]);
	ev[0].type = SDL_MOUSEMOTION;
	CHECK_INT(kiosk_input(&ev[0], 800, 480, 800, 480, &x, &y, &ts),
	    KI_NONE);
	ev[0].type = SDL_KEYDOWN;
	CHECK_INT(kiosk_input(&ev[0], 800, 480, 800, 480, &x, &y, &ts),
	    KI_NONE);
	return check_done();
}
