/* draw_kit.h - the kiosk's drawing kit, shared by its screens: draw.c
 * (the header, the home screen's service buttons, the PIN pad and the
 * manager's screen) and draw_ticket.c (the ticket, "please wait" and
 * "refused" screens).  The colours; text, boxes and buttons at the
 * frame's size and contrast (v->hc: large text, high contrast); and the
 * texture slots for texts that change with every ticket.  Internal to
 * kiosk/; SDL.
 */
#ifndef ANTRI_KIOSK_DRAW_KIT_H
#define ANTRI_KIOSK_DRAW_KIT_H

#include "draw.h"

extern const SDL_Color BG, INK, SOFT, WHITE, HEAD, GREY,
	GREYBG, GO, WAIT, BAD, KEY, CHECKIN;

/* c as this frame shows it: in high contrast, text white and what was
 * coloured yellow (words_hc_colour). */
SDL_Color kd_tc(const struct kiosk_view *v, SDL_Color c);
/* px as this frame shows it: a quarter larger in large text. */
int kd_big(const struct kiosk_view *v, int px);
/* ui_draw_text / ui_draw_fit at the frame's size and contrast; return
 * the size used. */
int kd_text(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
            SDL_Color c, int align);
int kd_fit(struct kiosk_view *v, const char *s, SDL_Rect b, int px, int bold,
           SDL_Color c, int align);
/* Keep s, drawn in box at size px, in v->seen (the tests' record of a
 * frame's texts); nothing when v->seen is NULL. */
void kd_note(struct kiosk_view *v, const char *s, SDL_Rect box, int px,
             int bold);
/* A filled box; in high contrast black with a white outline. */
void kd_box(struct kiosk_view *v, SDL_Rect r, int rad, SDL_Color c);
/* A strong colour per service letter; the priority queue is red. */
SDL_Color kd_service_colour(const struct q_service *s);
/* r made smaller by m on every side. */
SDL_Rect kd_shrink(SDL_Rect r, int m);
/* A button: box r in bg, its label fitted in fg. */
void kd_button(struct kiosk_view *v, SDL_Rect r, SDL_Color bg,
               const char *label, SDL_Color fg);
/* s in box like ui_draw_text, from texture slot i (KSLOT_*), made again
 * only when the text, size or colour changed; the number in large text
 * is stretched upright to 15% of the screen's height where the width is
 * short (kiosk_number_line_h). */
void kd_slot(struct kiosk_view *v, int i, const char *s, SDL_Rect box, int px,
             int bold, SDL_Color c, int align);

/* draw_ticket.c: the screens after a tap on a service */
void kd_draw_ticket(struct kiosk_view *v, const struct kiosk *k);
void kd_draw_wait(struct kiosk_view *v, const struct kiosk *k, int64_t now);
void kd_draw_refused(struct kiosk_view *v, const struct kiosk *k);

#endif
