/* print_qr.c - the QR code of a ticket's link, <public_url>/t/<token>,
 * made by libqrencode as a plain module matrix that the ticket renderer
 * (print_ticket.c) draws into the bitmap and the kiosk draws with SDL. */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
ticket_qr_url(const char *public_url, const struct q_ticket *t, char *buf,
              size_t len)
{
	int n;

	if (len)
		buf[0] = 0;
	if (!public_url || !*public_url || !t || !t->token[0])
		return -1;
	n = snprintf(buf, len, "%s/t/%s", public_url, t->token);
	if (n < 0 || (size_t)n >= len) {
		if (len)
			buf[0] = 0;
		return -1;
	}
	return 0;
}

int
ticket_qr_make(const char *text, struct ticket_qr *out)
{
	QRcode *c;

	memset(out, 0, sizeof *out);
	/* version 0: the smallest that holds the text */
	if (!(c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)))
		return -1;
	out->size = c->width;
	if (!(out->mod = malloc((size_t)c->width * c->width))) {
		QRcode_free(c);
		out->size = 0;
		return -1;
	}
	/* libqrencode: bit 0 of each byte is the module's colour */
	for (int i = 0; i < c->width * c->width; i++)
		out->mod[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
}

void
ticket_qr_free(struct ticket_qr *qr)
{
	if (!qr)
		return;
	free(qr->mod);
	memset(qr, 0, sizeof *qr);
}
