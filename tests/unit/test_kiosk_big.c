/* test_kiosk_big.c - the kiosk's "large text" makes every visitor's text
 * larger, and nothing is cut.
 *
 * Each visitor's screen (home, please wait, the ticket inside and
 * outside, every refusal, the PIN pad, the check-in keypad, a ticket
 * checked in, a check-in refused) is drawn into a software renderer
 * with the real font, once in normal text and once in large text, at
 * 1080x1920, 1920x1080 and the smallest sizes (800x480, 480x800).  The
 * view keeps every text of the frame and its size (kiosk_view.seen): each
 * text of the large frame must be drawn larger than the same text in the
 * normal frame (at the smallest sizes at least as large: a sentence that
 * already fills the narrow width on one line of a short box has nowhere
 * to grow), and no text of either frame may end in an ellipsis -- the
 * office's name in the header included. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "kiosk/draw.h"

#define MAXSEEN 128

static int submit(void *ctx, const struct kiosk_job *j)
{
	(void)ctx;
	(void)j;
	return 0;
}

/* the demo office (antri init --demo) */
static void
office(struct kiosk *k)
{
	static const char *const names[] = { "Perizinan", "Non-Perizinan",
		"Konsultasi", "Pengambilan Dokumen", "Prioritas" };
	static const char codes[] = "ABCDP";

	memset(&k->st, 0, sizeof k->st);
	snprintf(k->st.office, sizeof k->st.office, "PTSP Kecamatan Menteng");
	k->st.nservices = 5;
	for (int i = 0; i < 5; i++) {
		struct q_service *s = &k->st.services[i];

		s->code = codes[i];
		snprintf(s->name_id, sizeof s->name_id, "%s", names[i]);
		snprintf(s->name_en, sizeof s->name_en, "%s", names[i]);
		s->open = 1;
		s->waiting = 3 * i;
		s->est_wait_s = 600 * i;
		s->priority = codes[i] == 'P';
	}
	k->db_err = Q_OK;
	kiosk_status(k);
}

struct shot {
	const char *what;
	enum kiosk_screen screen;
	int state, rc;           /* the ticket's state; a refusal's code */
	int checkin, how;        /* a check-in's, and what it did */
};

static void
frame(struct kiosk_view *v, struct kiosk *k, const struct shot *s, int big,
      struct kiosk_seen *seen, int *n)
{
	k->screen = s->screen;
	k->big = big;
	k->screen_since = 0;
	k->checkin = s->checkin;
	k->ci_how = s->how;
	snprintf(k->ci_code, sizeof k->ci_code, "47XK");
	if (s->screen == KS_TICKET) {
		memset(&k->t, 0, sizeof k->t);
		snprintf(k->t.label, sizeof k->t.label, "A012");
		k->t.service = 'A';
		k->t.state = (enum q_state)s->state;
		k->t.people_ahead = 11;
		k->t.est_wait_s = 2700;
		k->pstate = KP_NONE;
		k->t.slot_ms = (int64_t)time(NULL) * 1000;
	}
	if (s->screen == KS_REFUSED) {
		k->refused_rc = s->rc;
		k->refused_code = 'B';
	}
	v->seen = seen;
	v->maxseen = MAXSEEN;
	v->nseen = 0;
	kiosk_draw(v, k, 0);
	*n = v->nseen;
	v->seen = NULL;
}

static void
compare(int w, int h, const struct shot *s, struct kiosk_view *v,
        struct kiosk *k, int strict)
{
	static struct kiosk_seen norm[MAXSEEN], big[MAXSEEN];
	int nn, nb, larger = 0;

	/* the header's clock is the wall clock's: both frames in one minute */
	for (int tries = 0; tries < 3; tries++) {
		time_t m = time(NULL) / 60;

		frame(v, k, s, 0, norm, &nn);
		frame(v, k, s, 1, big, &nb);
		if (time(NULL) / 60 == m)
			break;
	}
	CHECK(nn > 0 && nb > 0);
	for (int i = 0; i < nn; i++) {
		if (norm[i].cut)
			fprintf(stderr, "%dx%d %s normal: '%s' cut\n", w, h,
			    s->what, norm[i].s);
		CHECK(!norm[i].cut);
	}
	for (int i = 0; i < nb; i++) {
		int found = 0;

		if (big[i].cut)
			fprintf(stderr, "%dx%d %s large: '%s' cut\n", w, h,
			    s->what, big[i].s);
		CHECK(!big[i].cut);
		for (int j = 0; j < nn && !found; j++) {
			if (strcmp(big[i].s, norm[j].s))
				continue;
			found = 1;
			if (big[i].px < norm[j].px + strict)
				fprintf(stderr, "%dx%d %s: '%s' %d px in large "
				    "text, %d in normal\n", w, h, s->what,
				    big[i].s, big[i].px, norm[j].px);
			CHECK(big[i].px >= norm[j].px + strict);
			larger += big[i].px > norm[j].px;
		}
	}
	/* the same texts are on both frames, larger (the large one names
	 * its button differently) */
	CHECK(larger >= (strict ? nn - 1 : nn / 2));
	printf("%dx%d %-16s %2d texts, %2d larger\n", w, h, s->what, nn,
	    larger);
}

static void
check_size(struct ui *u, int w, int h, int strict)
{
	static const struct shot shots[] = {
		{ "home", KS_HOME, 0, 0, 0, 0 },
		{ "wait", KS_WAIT, 0, 0, 0, 0 },
		{ "ticket inside", KS_TICKET, Q_ADMITTED, 0, 0, 0 },
		{ "ticket outside", KS_TICKET, Q_OUTSIDE, 0, 0, 0 },
		{ "refused full", KS_REFUSED, 0, Q_EFULL, 0, 0 },
		{ "refused closed", KS_REFUSED, 0, Q_ECLOSED, 0, 0 },
		{ "refused quota", KS_REFUSED, 0, Q_EQUOTA, 0, 0 },
		{ "pin", KS_PIN, 0, 0, 0, 0 },
		{ "checkin keypad", KS_CHECKIN, 0, 0, 0, 0 },
		{ "checked in late", KS_TICKET, Q_OUTSIDE, 0, 1,
		    Q_CHECKIN_LATE },
		{ "checked in", KS_TICKET, Q_ADMITTED, 0, 1,
		    Q_CHECKIN_IN_PLACE },
		{ "checked in early", KS_TICKET, Q_EXPECTED, 0, 1,
		    Q_CHECKIN_SLOT },
		{ "checkin unknown", KS_REFUSED, 0, Q_ECODE, 1, 0 },
		{ "checkin used", KS_REFUSED, 0, Q_ECODEUSED, 1, 0 },
		{ "checkin locked", KS_REFUSED, 0, Q_ECODELOCKED, 1, 0 },
	};
	static struct kiosk k;
	static struct kiosk_view v;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
	    SDL_PIXELFORMAT_ARGB8888);

	CHECK(surf != NULL);
	if (!surf)
		return;
	memset(&v, 0, sizeof v);
	v.ui = *u;
	v.ui.ren = SDL_CreateSoftwareRenderer(surf);
	v.ui.w = w;
	v.ui.h = h;
	CHECK(v.ui.ren != NULL);
	kiosk_init(&k, LANG_ID, 2000, 8, 0, submit, NULL);
	office(&k);
	kiosk_layout_compute(&v.L, w, h, k.st.nservices);
	for (size_t i = 0; i < sizeof shots / sizeof shots[0]; i++)
		compare(w, h, &shots[i], &v, &k, strict);
	kiosk_view_free(&v);
	/* the texts' textures belong to this renderer: drop them with it */
	for (int i = 0; i < UI_TEXTS; i++)
		if (v.ui.texts[i].tex) {
			SDL_DestroyTexture(v.ui.texts[i].tex);
			free(v.ui.texts[i].s);
		}
	memcpy(u->fonts, v.ui.fonts, sizeof u->fonts);
	SDL_DestroyRenderer(v.ui.ren);
	SDL_FreeSurface(surf);
}

int
main(void)
{
	static const int sizes[][3] = { { 1080, 1920, 1 }, { 1920, 1080, 1 },
		{ 1280, 800, 1 }, { 800, 480, 0 }, { 480, 800, 0 } };
	static struct ui u;

	if (TTF_Init() != 0 || ui_find_font(NULL, NULL, 0, u.font_path,
	    sizeof u.font_path) != 0 || ui_find_font(NULL, NULL, 1,
	    u.bold_path, sizeof u.bold_path) != 0) {
		fprintf(stderr, "no font or SDL_ttf: %s\n", SDL_GetError());
		CHECK(0);
		return check_done();
	}
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		check_size(&u, sizes[i][0], sizes[i][1], sizes[i][2]);
	for (int i = 0; i < UI_FONTS; i++)
		if (u.fonts[i].f)
			TTF_CloseFont(u.fonts[i].f);
	TTF_Quit();
	return check_done();
}
