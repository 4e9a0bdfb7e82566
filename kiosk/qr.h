/* qr.h - the QR code of the visitor's link on the kiosk's ticket screen. */
#ifndef ANTRI_KIOSK_QR_H
#define ANTRI_KIOSK_QR_H

#include <SDL.h>

struct kiosk_view;
struct q_ticket;

/* Draw the QR code of the shown ticket's link (<[serve] public_url>/t/
 * <token>, the same module matrix as the printed ticket's) of ticket t as a square at
 * the right end of *r, on white with its quiet zone, and take that square
 * (and a gap) off *r.  Nothing is drawn and *r stays when there is no
 * public_url, no token, or no room.  Returns 1 when drawn. */
int kiosk_qr_draw(struct kiosk_view *v, const struct q_ticket *t,
                  SDL_Rect *r);

#endif
