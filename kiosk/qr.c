/* qr.c - the QR code of the visitor's link on the kiosk's ticket screen:
 * print.h's module matrix (print_qr.c, libqrencode) drawn with SDL rects,
 * whole pixels per module so phones read it off the screen.  Made each
 * time a frame is drawn (a few microseconds): nothing to keep or free. */
#include "qr.h"

#include "draw.h"

int
kiosk_qr_draw(struct kiosk_view *v, const struct q_ticket *t, SDL_Rect *r)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	static const SDL_Color black = { 0, 0, 0, 255 };
	struct ticket_qr qr;
	char url[400];
	int side, m, x0, y0;

	side = r->h < r->w / 3 ? r->h : r->w / 3;
	if (ticket_qr_url(v->po.public_url, t, url, sizeof url) ||
	    ticket_qr_make(url, &qr))
		return 0;
	m = side / (qr.size + 8);
	if (m < 2) {
		ticket_qr_free(&qr);
		return 0;
	}
	side = m * (qr.size + 8);
	x0 = r->x + r->w - side;
	y0 = r->y + (r->h - side) / 2;
	ui_fill(&v->ui, (SDL_Rect){ x0, y0, side, side }, white);
	for (int y = 0; y < qr.size; y++)
		for (int x = 0; x < qr.size; x++)
			if (qr.mod[y * qr.size + x])
				ui_fill(&v->ui, (SDL_Rect){ x0 + (x + 4) * m,
				    y0 + (y + 4) * m, m, m }, black);
	ticket_qr_free(&qr);
	r->w -= side + m * 4;
	return 1;
}
