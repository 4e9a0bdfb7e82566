/* input.h - touch and mouse events to presses at output pixels.
 *
 * Pure: reads an SDL_Event struct, calls no SDL function, so it is tested
 * without a display (tests/unit/test_kiosk_input.c).  A finger is taken from
 * SDL_FINGERDOWN/UP; the mouse events SDL makes up from the same touch
 * (which == SDL_TOUCH_MOUSEID) are ignored, so one touch is one press.
 */
#ifndef ANTRI_KIOSK_INPUT_H
#define ANTRI_KIOSK_INPUT_H

#include <SDL_events.h>
#include <stdint.h>

enum kiosk_input { KI_NONE, KI_PRESS, KI_RELEASE };

/* What e means for the kiosk.  For KI_PRESS, *x and *y get the point in
 * output pixels (out_w x out_h; mouse events come in window points of
 * win_w x win_h, which differ on high-DPI screens) and *ts the event's SDL
 * time in ms.  Right and middle buttons and synthetic mouse events from
 * touches are KI_NONE. */
enum kiosk_input kiosk_input(const SDL_Event *e, int out_w, int out_h,
                             int win_w, int win_h, int *x, int *y,
                             uint32_t *ts);

#endif
