/* words.c - what the kiosk's screens say, and in which colours when the
 * text is large; see words.h.  Pure: no SDL call (SDL_Color is a plain
 * struct), tested in tests/unit/test_kiosk.c. */
#include "words.h"

#include <math.h>
#include <stdio.h>

int
words_staff_line(const struct kiosk *k, int64_t now, char *buf, size_t len)
{
	char wal[512];
	int clock = k->db_err == Q_OK && k->st.clock_wrong;
	int recent = k->wal_at && now - k->wal_at < KIOSK_WAL_NOTE_MS;

	if (recent)
		i18n_wal_removed(k->lang_default, k->wal_hhmm, wal, sizeof wal);
	snprintf(buf, len, "%s%s%s", clock ?
	    i18n_clock_wrong(k->lang_default) : "", clock && recent ?
	    "  ·  " : "", recent ? wal : "");
	return clock || recent;
}

const char *
words_home_banner(const struct kiosk *k, char *buf, size_t len,
                  enum kiosk_tone *tone)
{
	int full = k->st.limit > 0 && k->st.occupancy >= k->st.limit;
	const char *msg, *more = "";

	*tone = KT_INFO;
	if (k->db_err == -1) {
		msg = tr(k->lang, "Memuat...", "Loading...");
	} else if (k->db_err) {
		msg = i18n_error(k->lang, k->db_err);
		*tone = KT_BAD;
	} else if (full && k->st.policy == Q_POLICY_REFUSE) {
		msg = tr(k->lang, "Ruangan penuh: belum ada nomor baru. Silakan "
		    "coba lagi nanti.", "The room is full: no new numbers now. "
		    "Please try again later.");
		*tone = KT_BAD;
	} else if (full) {
		msg = tr(k->lang, "Ruangan penuh: ambil nomor, lalu tunggu di "
		    "luar sampai dipanggil.", "The room is full: take a number "
		    "and wait outside until it is shown.");
		if (kiosk_printer_blocked(k))
			more = words_home_printer_notice(k);
		*tone = KT_WARN;
	} else if (kiosk_printer_blocked(k)) {
		msg = words_home_printer_notice(k);
		*tone = KT_WARN;
	} else {
		msg = tr(k->lang, "Sentuh layanan yang Anda perlukan",
		    "Touch the service you need");
	}
	snprintf(buf, len, "%s%s%s", msg, *more ? " " : "", more);
	return buf;
}

const char *
words_home_printer_notice(const struct kiosk *k)
{
	return tr(k->lang, "Tiket kertas tidak tersedia: nomor Anda akan "
	    "ditampilkan di layar.", "No paper ticket: your number will be "
	    "shown on screen.");
}

void
words_tile_count(const struct kiosk *k, const struct q_service *s, char *in,
                 size_t inlen, char *out, size_t outlen)
{
	if (s->outside > 0) {
		snprintf(in, inlen, tr(k->lang, "%d di dalam", "%d inside"),
		    s->waiting);
		snprintf(out, outlen, tr(k->lang, "%d di luar", "%d outside"),
		    s->outside);
	} else {
		snprintf(in, inlen, tr(k->lang, "%d menunggu", "%d waiting"),
		    s->waiting);
		out[0] = 0;
	}
}

int
words_printer_lines(const struct kiosk *k, char *state, size_t slen,
                    char *says, size_t mlen)
{
	says[0] = 0;
	if (!k->has_printer) {
		snprintf(state, slen, "Printer: %s", tr(k->lang, "tidak diatur",
		    "none configured"));
		return 0;
	}
	if (k->ps_rc == 1) {
		snprintf(state, slen, "Printer: ...");
		return 0;
	}
	/* the state in the screen's language; what the printer itself says
	 * (in its own words, often English) on a line of its own */
	snprintf(state, slen, "Printer: %s", k->ps_rc ? tr(k->lang,
	    "tidak menjawab", "not answering") : print_state_text(k->lang,
	    &k->ps));
	if (k->ps_rc && k->ps_msg[0])       /* why no answer came */
		snprintf(says, mlen, "Detail: %s", k->ps_msg);
	else if (!k->ps_rc && k->ps.message[0])
		snprintf(says, mlen, "%s: %s", tr(k->lang, "Pesan printer",
		    "Printer says"), k->ps.message);
	return kiosk_printer_blocked(k);
}

SDL_Color
words_hc_colour(enum kiosk_hc c)
{
	static const SDL_Color pal[KHC_COUNT] = {
		{ 0, 0, 0, 255 },          /* background: black */
		{ 255, 255, 255, 255 },    /* text: white, 21:1 */
		{ 215, 215, 215, 255 },    /* softer text, 14:1 */
		{ 255, 224, 0, 255 },      /* was coloured: yellow, 15:1 */
	};
	return pal[c >= 0 && c < KHC_COUNT ? c : KHC_TEXT];
}

/* relative luminance of an sRGB colour (WCAG 2) */
static double
luminance(SDL_Color c)
{
	double v[3] = { c.r / 255.0, c.g / 255.0, c.b / 255.0 };

	for (int i = 0; i < 3; i++)
		v[i] = v[i] <= 0.03928 ? v[i] / 12.92 :
		    pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double
words_contrast(SDL_Color a, SDL_Color b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
