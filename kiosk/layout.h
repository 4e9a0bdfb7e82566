/* layout.h - where every box of the kiosk's screens goes, and what a tap hits.
 *
 * Start reading at kiosk_layout_compute().  Pure geometry: no SDL calls, no
 * fonts, no database (SDL_Rect is used only as a plain struct), so the
 * layout and hit-testing are tested without a display (tests/test_kiosk_
 * layout.c) and `antri-kiosk --print-layout WxH` can print button centres
 * for the GUI tests.  Everything is computed from the renderer's output
 * size, 800x480 up to 3840x2160, landscape or portrait.
 */
#ifndef ANTRI_KIOSK_LAYOUT_H
#define ANTRI_KIOSK_LAYOUT_H

#include <SDL_rect.h>

#include "queue.h"

enum kiosk_screen {
	KS_HOME,        /* a button per service */
	KS_WAIT,        /* tap taken, the ticket is being issued */
	KS_TICKET,      /* the number, large */
	KS_REFUSED,     /* room full (refuse), closed, quota, out of service */
	KS_PIN,         /* the manager's PIN pad */
	KS_MANAGER,     /* the manager's screen */
	KS_CHECKIN,     /* the check-in code's keypad */
	KS_COUNT
};

/* What a point hits.  KH_SERVICE and KH_M_SERVICE come with an index. */
enum kiosk_hit {
	KH_NONE, KH_SERVICE, KH_LANG, KH_CORNER, KH_ANYWHERE,
	KH_PIN_DIGIT, KH_PIN_DEL, KH_PIN_OK, KH_PIN_CANCEL,
	KH_M_LIMIT_DOWN, KH_M_LIMIT_UP, KH_M_HOLD, KH_M_REFUSE, KH_M_SERVICE,
	KH_M_REPRINT, KH_M_TESTPRINT, KH_M_BACK, KH_M_QUIT,
	KH_BIG,         /* large text and high contrast, on and off */
	KH_CHECKIN,     /* home: "I have a booking" */
	KH_CI_KEY,      /* check-in keypad: a character (index into
	                 * q_checkin_alphabet) */
	KH_CI_DEL, KH_CI_OK, KH_CI_CANCEL,
	KH_COUNT
};

#define KIOSK_MIN_W 320
#define KIOSK_STRETCH_MAX 125     /* % a number may be drawn taller */
#define KIOSK_MIN_H 240

struct kiosk_layout {
	int w, h;
	int portrait;
	int large;                /* laid out for large text (kiosk_layout_large) */
	int header_rows;          /* 1, or 2: the office's name on a row of
	                           * its own, above the clock and the buttons */
	int unit;                 /* base length: min(w, h) / 20 */
	int gap;                  /* space between buttons */
	int pad;                  /* inner margin of a button */
	/* every screen */
	SDL_Rect header;          /* top band */
	SDL_Rect title;           /* office name: left of the header, or its
	                           * whole first row */
	SDL_Rect clock;           /* time, in the header */
	SDL_Rect lang;            /* ID/EN toggle, right of the header */
	SDL_Rect big;             /* large-text toggle, left of the language */
	SDL_Rect corner;          /* long-press area for the manager, top left */
	SDL_Rect banner;          /* a line under the header (notices, errors) */
	SDL_Rect body;            /* below the banner */
	/* home */
	int nserv, cols, rows;
	SDL_Rect serv[Q_MAX_SERVICES];
	SDL_Rect checkin;         /* "I have a booking", the foot of the body,
	                           * the whole width */
	/* ticket, refused and wait screens */
	SDL_Rect t_service;       /* service name */
	SDL_Rect t_number;        /* the number */
	int number_min;           /* least height of the number's digits in
	                           * large text: 15% of the screen's height,
	                           * portrait too: read from the door */
	SDL_Rect t_line[4];       /* ahead, estimate, enter/outside, print */
	SDL_Rect t_preview;       /* the paper ticket's picture, 0x0 if none */
	/* PIN pad: keys 1..9, del, 0, ok */
	SDL_Rect pin_display;
	SDL_Rect pin_msg;
	SDL_Rect pin_key[12];
	SDL_Rect pin_cancel;
	/* check-in: the code typed so far, a line for the hint or the
	 * answer, the keys of q_checkin_alphabet, delete, OK, cancel */
	SDL_Rect ci_display, ci_msg;
	SDL_Rect ci_key[Q_CHECKIN_ALPHA_N];
	SDL_Rect ci_del, ci_ok, ci_cancel;
	/* manager */
	SDL_Rect m_limit_label, m_limit_down, m_limit_up;
	SDL_Rect m_hold, m_refuse;
	SDL_Rect m_serv[Q_MAX_SERVICES];
	SDL_Rect m_reprint, m_testprint, m_printer;
	SDL_Rect m_back, m_quit, m_msg;
};

/* How tall to draw a line of text (line_h px, its digits digit_h px
 * high) so that the digits reach L->number_min: line_h when they do
 * already, else the line stretched upright, at most KIOSK_STRETCH_MAX
 * percent: the digits then look a little condensed.  A portrait screen
 * is too narrow for "A001" 15% of its height in the font's own
 * proportions (DejaVu Sans Bold: 271 px across 1080, 288 wanted). */
int kiosk_number_line_h(const struct kiosk_layout *L, int digit_h,
                        int line_h);

/* Lay out every screen for an output of w x h pixels with nserv services
 * (0..Q_MAX_SERVICES; values outside are clamped, as are sizes below
 * KIOSK_MIN_W x KIOSK_MIN_H).  Always succeeds; every rect lies inside the
 * output and rects that can be tapped on the same screen never overlap. */
void kiosk_layout_compute(struct kiosk_layout *L, int w, int h, int nserv);

/* Lay L (from kiosk_layout_compute) out again for large text: every
 * point --print-layout names for a button still hits that button (so a
 * visitor's finger finds what it found before; test_kiosk_layout.c), but
 * the texts get more room: a one-row header is a third taller (the
 * buttons below move down a little; the clock's box takes some of the
 * name's width, the name may use two lines), each home button's name and lines more of the button (less
 * margin), the ticket, wait and refused screens the
 * whole width with taller lines (weighted: the people ahead and the wait
 * first), the paper ticket's picture gone (a portrait screen keeps a band
 * at the foot for the visitor's QR code). */
void kiosk_layout_large(struct kiosk_layout *L);

/* A home button's parts: the service's name across the top, its letter
 * below on the left, and beside the letter two lines (how many wait, the
 * estimate). */
struct kiosk_tile {
	SDL_Rect name, letter, line[2];
};
void kiosk_layout_tile(const struct kiosk_layout *L, int i,
                       struct kiosk_tile *t);

/* What the point x, y hits on screen s.  *index gets the service index
 * (KH_SERVICE, KH_M_SERVICE) or the digit (KH_PIN_DIGIT), else 0.  The
 * corner of KS_HOME is KH_CORNER (a long press there opens the PIN pad);
 * on KS_TICKET and KS_REFUSED any point is KH_ANYWHERE. */
enum kiosk_hit kiosk_layout_hit(const struct kiosk_layout *L,
                                enum kiosk_screen s, int x, int y, int *index);

/* The rect of a hit on screen s (for --print-layout and the tests); a
 * zero rect if that screen has no such button. */
SDL_Rect kiosk_layout_rect(const struct kiosk_layout *L, enum kiosk_screen s,
                           enum kiosk_hit h, int index);

/* A name for a hit ("service", "pin_ok"...), for --print-layout. */
const char *kiosk_hit_name(enum kiosk_hit h);

#endif
