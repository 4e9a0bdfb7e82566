/* kiosk.h - the kiosk's state, shared by main.c (events, what happens) and
 * screens.c (what is drawn).
 *
 * Start reading at main.c.  One struct kiosk lives in main(); the UI thread
 * alone touches it.  The database and the printer are reached only through
 * worker.h, whose results arrive as SDL user events.
 */
#ifndef ANTRI_KIOSK_H
#define ANTRI_KIOSK_H

#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "i18n.h"
#include "layout.h"
#include "print.h"
#include "queue.h"
#include "ui.h"
#include "worker.h"

enum kiosk_print { KP_NONE, KP_PRINTING, KP_PRINTED, KP_FAILED };

/* texture slots: the number, people ahead, the wait, then two per service */
enum { KSLOT_NUMBER, KSLOT_AHEAD, KSLOT_WAIT, KSLOT_SERVICE,
	KIOSK_SLOTS = KSLOT_SERVICE + 2 * Q_MAX_SERVICES };

struct kiosk {
	struct ui ui;
	struct kiosk_layout L;
	const config *cfg;
	kiosk_worker *w;
	uint32_t evtype;
	struct print_opts po;
	int has_printer;
	char actor[Q_ACTOR_MAX];
	enum lang lang, lang_default;
	int guard_ms, return_s;

	enum kiosk_screen screen;
	uint64_t screen_since;         /* SDL ticks when it was entered */
	int dirty;                     /* draw a frame */
	uint64_t anim_next;            /* next frame of the wait animation */
	int quit;

	/* the queue, as the watcher last saw it */
	struct q_status st;
	int db_err;                    /* Q_OK, Q_E*, or -1 before the first */
	unsigned gen;

	/* the ticket screen and the refused screen */
	struct q_ticket t;
	int t_repeat;
	enum kiosk_print pstate;
	char pmsg[256];
	int refused_rc;
	char refused_code;
	uint32_t pending_tag;          /* issue in flight: its tap time, or 0 */
	uint64_t last_issue_tap;       /* repeat guard, UI side */
	SDL_Texture *preview;          /* the paper ticket's picture */
	int64_t preview_id;
	int preview_w, preview_h;
	/* texts that change with every ticket or count (the number, people
	 * ahead, waits): one texture per place, replaced when the text
	 * changes, so memory stays flat however many tickets a day brings
	 * (ui.c's cache would keep hundreds of them) */
	struct kiosk_slot {
		SDL_Texture *tex;
		char s[160];
		int px, bold, w, h;
		SDL_Color c;
	} slots[KIOSK_SLOTS];

	/* the PIN pad */
	char pin[16];
	int pin_rc;                    /* last answer, Q_OK when none */
	int pin_locked_s;
	int pin_busy;

	/* the manager's screen */
	char m_msg[600];
	int m_ok;                      /* m_msg is good news */
	struct printer_state ps;
	int ps_rc;                     /* 0 answered, -1 not, 1 not asked */
	char ps_msg[256];

	/* long press in the corner */
	int press;
	uint64_t press_start;

	/* ANTRI_TRACE: tap and present times */
	FILE *trace;
	uint32_t trace_tap;            /* tap time of the issue being shown */
};

/* Draw the current screen into the back buffer (screens.c). */
void kiosk_draw(struct kiosk *k);
/* The service of the home button i, or NULL. */
const struct q_service *kiosk_service_at(const struct kiosk *k, int i);
/* The reason a service cannot be taken now (Q_ECLOSED, Q_EQUOTA), else 0. */
int kiosk_service_unavailable(const struct q_service *s);
/* Free the texture slots (screens.c). */
void kiosk_slots_free(struct kiosk *k);
/* Make the preview texture for k->t, if it can be rendered (screens.c). */
void kiosk_preview(struct kiosk *k);

#endif
