/* i18n.c - language names, the one wait formatter, and the screens' words
 * for queue result codes. */
#include "i18n.h"
#include "queue.h"

#include <stdio.h>
#include <string.h>

enum lang
i18n_parse(const char *s)
{
	return s && !strcmp(s, "en") ? LANG_EN : LANG_ID;
}

const char *
i18n_code(enum lang l)
{
	return l == LANG_EN ? "en" : "id";
}

const char *
i18n_error(enum lang l, int err)
{
	switch (err) {
	case Q_OK: return tr(l, "Berhasil", "Done");
	case Q_ENOWAIT: return tr(l, "Tidak ada yang menunggu di dalam",
		"Nobody waiting inside");
	case Q_EFULL: return tr(l, "Ruangan penuh. Silakan coba lagi nanti.",
		"The room is full. Please try again later.");
	case Q_ECLOSED: return tr(l, "Layanan ditutup", "Service closed");
	case Q_EQUOTA: return tr(l, "Kuota hari ini sudah habis",
		"Today's quota is used up");
	case Q_EPAUSED: return tr(l, "Loket sedang istirahat atau tutup",
		"Counter paused or closed");
	case Q_ENOCURRENT: return tr(l, "Belum ada nomor yang dilayani",
		"No ticket being served");
	case Q_EBUSYCOUNTER: return tr(l, "Loket masih melayani",
		"Counter still serving");
	case Q_ESAME: return tr(l, "Sudah di layanan itu",
		"Already in that service");
	case Q_EPIN: return tr(l, "PIN salah", "Wrong PIN");
	case Q_EPINLOCKED: return tr(l, "Terlalu banyak salah. Tunggu sebentar.",
		"Too many wrong tries. Please wait.");
	case Q_ENOPIN: return tr(l, "PIN manajer belum diatur",
		"No manager PIN set");
	case Q_EBUSY: return tr(l, "Database sibuk, coba lagi",
		"Database busy, try again");
	case Q_ECLOCK: return tr(l, "Jam komputer tampaknya salah. Silakan "
		"hubungi petugas.", "The clock looks wrong. Please ask staff.");
	case Q_ENODB: case Q_ENOTDB: case Q_EREADONLY: case Q_EDISKFULL:
	case Q_EDB: case Q_ECORRUPT: case Q_ENEWER:
		return tr(l, "Tidak dapat melayani. Silakan hubungi petugas.",
		    "Out of service. Please ask staff.");
	default: return tr(l, "Terjadi kesalahan", "Something went wrong");
	}
}

const char *
i18n_wait(enum lang l, int s, char *buf, size_t len)
{
	int m = (s + 30) / 60;

	if (s < 0)
		snprintf(buf, len, "%s", tr(l, "belum diketahui", "unknown"));
	else if (m < 1)
		snprintf(buf, len, "%s", tr(l, "< 1 menit", "< 1 min"));
	else if (m < 60)
		snprintf(buf, len, "%d %s", m, tr(l, "menit", "min"));
	else if (m % 60 == 0)
		snprintf(buf, len, "%d %s", m / 60, tr(l, "jam", "h"));
	else
		snprintf(buf, len, "%d %s %02d %s", m / 60, tr(l, "jam", "h"),
		    m % 60, tr(l, "menit", "min"));
	return buf;
}

const char *
i18n_nowait(enum lang l, int outside, char *buf, size_t len)
{
	if (outside > 0)
		snprintf(buf, len, tr(l, "Ruangan penuh: belum ada yang boleh "
		    "masuk (%d menunggu di luar)", "The room is full and nobody "
		    "has been admitted (%d waiting outside)"), outside);
	else
		snprintf(buf, len, "%s", tr(l, "Tidak ada yang menunggu di "
		    "dalam", "Nobody waiting inside"));
	return buf;
}

const char *
i18n_clock_wrong(enum lang l)
{
	return tr(l, "Jam komputer tampaknya salah: periksa tanggal dan jam "
	    "(hari tetap, tidak ada yang dibatalkan)",
	    "The clock looks wrong: check the date and time (day kept, "
	    "nothing cancelled)");
}

const char *
i18n_wal_removed(enum lang l, const char *hhmm, char *buf, size_t len)
{
	snprintf(buf, len, tr(l, "Berkas -wal database dihapus pukul %s; "
	    "datanya sudah disimpan", "Database -wal file removed at %s; "
	    "its data was saved"), hhmm);
	return buf;
}
