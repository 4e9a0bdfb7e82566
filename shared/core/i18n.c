/* i18n.c - the catalogue of sentences (words[], see i18n.h), language
 * names, the one wait formatter, the time of day as each language writes
 * it, and the screens' words for queue result codes. */
#define _POSIX_C_SOURCE 200809L
#include "i18n.h"
#include "queue.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct { const char *key, *id, *en; } words[W_COUNT] = {
	[W_STATE_OUTSIDE] = { "state_outside", "Tunggu di luar",
		"Wait outside" },
	[W_STATE_ADMITTED] = { "state_admitted", "Silakan masuk ruangan",
		"Please enter the room" },
	[W_STATE_CALLED] = { "state_called", "Menuju loket %d sekarang",
		"Go to counter %d now" },
	[W_STATE_DONE] = { "state_done", "Selesai",
		"Done" },
	[W_STATE_NO_SHOW] = { "state_no_show", "Terlewat: tidak hadir saat dipanggil",
		"Missed: not there when called" },
	[W_STATE_CANCELLED] = { "state_cancelled", "Dibatalkan",
		"Cancelled" },
	[W_STATE_CANCELLED_WHY] = { "state_cancelled_why", "Dibatalkan: %s",
		"Cancelled: %s" },
	[W_T_YOUR_NUMBER] = { "t_your_number", "Nomor antrean",
		"Your number" },
	[W_T_AHEAD_DOOR] = { "t_ahead_door", "Di depan Anda di pintu",
		"Ahead of you at the door" },
	[W_T_AHEAD_SERVICE] = { "t_ahead_service", "Di depan Anda di layanan",
		"Ahead of you in the service" },
	[W_T_WAIT] = { "t_wait", "Perkiraan tunggu", "Estimated wait" },
	/* the kiosk's ticket screen and the paper ticket say the same */
	[W_T_GO_IN] = { "t_go_in", "Silakan masuk ke ruang layanan.",
		"Please go into the service room." },
	[W_T_GO_OUTSIDE] = { "t_go_outside", "Ruangan penuh: tunggu di luar. "
		"Nomor Anda akan tampil di layar.", "The room is full: wait "
		"outside. Your number will be shown on the screen." },
	[W_T_LAST_CALLED] = { "t_last_called", "Nomor terakhir dipanggil",
		"Last numbers called" },
	[W_T_GONE] = { "t_gone", "Nomor ini tidak ditemukan atau sudah "
		"berakhir (tautan berlaku sampai akhir hari).", "This ticket was "
		"not found or has ended (the link works until the end of the "
		"day)." },
	[W_T_OTHER_LANG] = { "t_other_lang", "English", "Bahasa Indonesia" },
	[W_ROOM_FULL_OUTSIDE] = { "room_full_outside", "Ruangan penuh: belum ada yang boleh masuk (%d menunggu di luar)",
		"The room is full and nobody has been admitted (%d waiting outside)" },
	[W_NOBODY_INSIDE] = { "nobody_inside", "Tidak ada yang menunggu di dalam",
		"Nobody waiting inside" },
	[W_E_NOCURRENT] = { "no_current", "Belum ada nomor yang dilayani",
		"No ticket being served" },
	[W_C_BUSY] = { "c_busy", "Database sibuk: tidak ada yang berubah, tekan lagi",
		"Database busy: nothing was done, press again" },
	[W_C_IS_CLOSED] = { "c_is_closed", "Loket tutup (P: buka)",
		"Counter is closed (P to open)" },
	[W_C_IS_PAUSED] = { "c_is_paused", "Loket sedang istirahat (P: buka lagi)",
		"Counter is paused (P to resume)" },
	[W_C_NOT_SERVED] = { "c_not_served", "Loket ini tidak melayani layanan yang buka",
		"This counter serves no open service" },
	[W_C_NO_COUNTER] = { "c_no_counter", "Loket %d tidak ada di database",
		"Counter %d does not exist in the database" },
	[W_C_BAD_STATE] = { "c_bad_state", "Tiket ini tidak dapat diubah sekarang",
		"That ticket cannot be changed now" },
	[W_C_NO_SERVICE] = { "c_no_service", "Layanan itu tidak ada",
		"No such service" },
	[W_C_NO_DB] = { "c_no_db", "Database tidak ada di %s: tidak ada yang dilakukan",
		"No database at %s: nothing was done" },
	[W_C_DB_ERROR] = { "c_db_error", "Kesalahan database",
		"Database error" },
	[W_C_DB_UNUSABLE] = { "c_db_unusable", "Database tidak dapat dipakai (%s): tidak ada yang dilakukan",
		"Cannot use the database (%s): nothing was done" },
	[W_C_DONE_BEFORE] = { "c_done_before", "%s selesai. ",
		"%s done. " },
	[W_C_CALLED] = { "c_called", "%s dipanggil ke loket %d",
		"%s called to counter %d" },
	[W_C_RECALLED] = { "c_recalled", "%s dipanggil ulang",
		"%s called again" },
	[W_C_FINISHED] = { "c_finished", "%s selesai dilayani",
		"%s done" },
	[W_C_NOSHOWED] = { "c_noshowed", "%s tidak datang",
		"%s marked no-show" },
	[W_C_MOVED] = { "c_moved", "%s dipindah ke layanan %s (%s)",
		"%s transferred to service %s (%s)" },
	[W_C_NOW_PAUSED] = { "c_now_paused", "Loket istirahat",
		"Counter paused" },
	[W_C_NOW_OPEN] = { "c_now_open", "Loket buka lagi",
		"Counter open again" },
	[W_C_NO_OTHER] = { "c_no_other", "Tidak ada layanan lain yang buka",
		"No other service is open" },
	[W_C_TRANSFER_ASK] = { "c_transfer_ask", "Pindahkan %s ke layanan mana? Tekan hurufnya (Esc: batal)",
		"Transfer %s to which service? Press its letter (Esc: cancel)" },
	[W_C_CHOOSE] = { "c_choose", "Pilih salah satu: %s (Esc: batal)",
		"Choose one of: %s (Esc: cancel)" },
	[W_C_TRANSFER_CANCELLED] = { "c_transfer_cancelled", "Pindah dibatalkan",
		"Transfer cancelled" },
	[W_C_TRANSFER_TO] = { "c_transfer_to", "Pindahkan ke layanan:",
		"Transfer to service:" },
	[W_B_CANCEL] = { "b_cancel", "Batal",
		"Cancel" },
	[W_B_NEXT] = { "b_next", "Berikutnya",
		"Next" },
	[W_B_RECALL] = { "b_recall", "Panggil ulang",
		"Recall" },
	[W_B_DONE] = { "b_done", "Selesai",
		"Done" },
	[W_B_NOSHOW] = { "b_noshow", "Tidak datang",
		"No-show" },
	[W_B_TRANSFER] = { "b_transfer", "Pindah layanan",
		"Transfer" },
	[W_B_PAUSE] = { "b_pause", "Istirahat",
		"Pause" },
	[W_B_RESUME] = { "b_resume", "Buka lagi",
		"Resume" },
	[W_COUNTER] = { "counter", "Loket",
		"Counter" },
	[W_COUNTER_N] = { "counter_n", "Loket %d",
		"Counter %d" },
	[W_PICK_COUNTER] = { "pick_counter", "Pilih loket",
		"Choose a counter" },
	[W_LOGOUT] = { "logout", "Keluar",
		"Log out" },
	[W_NOW_SERVING] = { "now_serving", "Nomor sekarang",
		"Now serving" },
	[W_NO_TICKET] = { "no_ticket", "Belum ada nomor",
		"No ticket" },
	[W_CSTATE_OPEN] = { "cstate_open", "Loket %d buka",
		"Counter %d open" },
	[W_CSTATE_PAUSED] = { "cstate_paused", "Loket istirahat",
		"Counter paused" },
	[W_CSTATE_CLOSED] = { "cstate_closed", "Loket tutup",
		"Counter closed" },
	[W_IN_ROOM] = { "in_room", "Di dalam ruangan:",
		"In the room:" },
	[W_WAITING_OUTSIDE] = { "waiting_outside", "Menunggu di luar:",
		"Waiting outside:" },
	[W_SERVICE] = { "service", "Layanan",
		"Service" },
	[W_INSIDE] = { "inside", "Di dalam",
		"Inside" },
	[W_OUTSIDE] = { "outside", "Di luar",
		"Outside" },
	[W_CLOSED] = { "closed", "tutup",
		"closed" },
	[W_CONN_LOST] = { "conn_lost", "Koneksi terputus, mencoba lagi\u2026",
		"Connection lost, retrying\u2026" },
	[W_D_NUMBER] = { "d_number", "NOMOR ANTRIAN",
		"NUMBER" },
	[W_D_COUNTER_N] = { "d_counter_n", "LOKET %d",
		"COUNTER %d" },
	[W_D_BREAK] = { "d_break", "istirahat",
		"break" },
	[W_D_LAST_CALLS] = { "d_last_calls", "Panggilan terakhir",
		"Last calls" },
	[W_D_PLEASE_ENTER] = { "d_please_enter", "Silakan masuk",
		"Please enter" },
	[W_D_IN_ROOM] = { "d_in_room", "Di dalam ruangan",
		"In the room" },
	[W_D_WAITING] = { "d_waiting", "Menunggu",
		"Waiting" },
	[W_D_OUTSIDE_N] = { "d_outside_n", "%d menunggu di luar",
		"%d waiting outside" },
	[W_D_SOUND] = { "d_sound", "Ketuk untuk mengaktifkan suara",
		"Tap to enable sound" },
	[W_M_TODAY] = { "m_today", "Hari ini",
		"Today" },
	[W_M_SETTINGS] = { "m_settings", "Pengaturan",
		"Settings" },
	[W_M_STAFF] = { "m_staff", "Petugas",
		"Staff" },
	[W_M_REPORTS] = { "m_reports", "Laporan",
		"Reports" },
	[W_M_POLICY] = { "m_policy", "Kebijakan",
		"Policy" },
	[W_M_PRINTER] = { "m_printer", "Printer",
		"Printer" },
	[W_M_SERVICES] = { "m_services", "Layanan",
		"Services" },
	[W_M_COUNTERS] = { "m_counters", "Loket",
		"Counters" },
	[W_M_NAME] = { "m_name", "Nama",
		"Name" },
	[W_M_ESTIMATE] = { "m_estimate", "Perkiraan",
		"Estimate" },
	[W_M_QUOTA] = { "m_quota", "Kuota",
		"Quota" },
	[W_M_STATE] = { "m_state", "Status",
		"Status" },
	[W_M_TICKET] = { "m_ticket", "Nomor",
		"Ticket" },
	[W_M_LAST_EVENTS] = { "m_last_events", "Kejadian terakhir",
		"Last events" },
	[W_M_LIMIT] = { "m_limit", "Batas isi ruangan (0 = tanpa batas)",
		"Occupancy limit (0 = none)" },
	[W_M_ROOM_FULL] = { "m_room_full", "Ruangan penuh",
		"Room full" },
	[W_M_HOLD] = { "m_hold", "tunggu di luar (hold)",
		"wait outside (hold)" },
	[W_M_REFUSE] = { "m_refuse", "tolak (refuse)",
		"refuse" },
	[W_M_NOTICE] = { "m_notice", "Pengumuman layar",
		"Display notice" },
	[W_M_PIN] = { "m_pin", "PIN kios baru (4-12 angka)",
		"New kiosk PIN (4-12 digits)" },
	[W_M_ROLE] = { "m_role", "Peran",
		"Role" },
	[W_M_PASSWORD] = { "m_password", "Kata sandi",
		"Password" },
	[W_M_ADD] = { "m_add", "Tambah",
		"Add" },
	[W_M_FROM] = { "m_from", "Dari",
		"From" },
	[W_M_TO] = { "m_to", "Sampai",
		"To" },
	[W_M_SHOW] = { "m_show", "Tampilkan",
		"Show" },
	[W_M_NAME_ID] = { "m_name_id", "nama Indonesia",
		"Indonesian name" },
	[W_M_NAME_EN] = { "m_name_en", "nama Inggris",
		"English name" },
	[W_LOGIN_TITLE] = { "login_title", "Masuk petugas",
		"Staff log-in" },
	[W_LOGIN] = { "login", "Masuk",
		"Log in" },
	[W_INDEX_QUEUE] = { "index_queue", "Antrian kantor",
		"The office's queue" },
	[W_DISPLAY] = { "display", "Layar",
		"Display" },
	[W_MANAGER] = { "manager", "Pengelola",
		"Manager" },
	[W_WAITING] = { "waiting", "Menunggu",
		"Waiting" },
	[W_M_SAVED] = { "m_saved", "tersimpan",
		"saved" },
	[W_M_DONE] = { "m_done", "ok",
		"done" },
	[W_M_OPEN] = { "m_open", "buka",
		"open" },
	[W_M_CLOSE] = { "m_close", "tutup",
		"close" },
	[W_M_PAUSE] = { "m_pause", "jeda",
		"pause" },
	[W_M_PAUSED] = { "m_paused", "jeda",
		"paused" },
	[W_M_CLOSED] = { "m_closed", "tutup",
		"closed" },
	[W_M_RENAME] = { "m_rename", "ubah nama",
		"rename" },
	[W_M_SAVE] = { "m_save", "simpan",
		"save" },
	[W_M_CANCEL] = { "m_cancel", "batal",
		"cancel" },
	[W_M_ACTIVE] = { "m_active", "aktif",
		"active" },
	[W_M_DISABLED] = { "m_disabled", "nonaktif",
		"disabled" },
	[W_M_LOCKED] = { "m_locked", "terkunci",
		"locked" },
	[W_M_ENABLE] = { "m_enable", "aktifkan",
		"enable" },
	[W_M_DISABLE] = { "m_disable", "nonaktifkan",
		"disable" },
	[W_M_SET] = { "m_set", "ganti",
		"set" },
	[W_M_NEW_PASSWORD] = { "m_new_password", "sandi baru",
		"new password" },
	[W_M_PEAK] = { "m_peak", "Puncak isi ruangan",
		"Peak occupancy" },
	[W_M_BUSINESS_DAYS] = { "m_business_days", "%d hari kerja",
		"%d business days" },
	[W_M_CHART_PER_HOUR] = { "m_chart_per_hour", "Tiket per jam",
		"Tickets per hour" },
	[W_M_CHART_WAIT_HOUR] = { "m_chart_wait_hour", "Waktu tunggu per jam ambil tiket",
		"Wait by hour of issue" },
	[W_M_CHART_SERVICES] = { "m_chart_services", "Per layanan",
		"Per service" },
	[W_M_CHART_COUNTERS] = { "m_chart_counters", "Per loket",
		"Per counter" },
	[W_M_ALL] = { "m_all", "semua",
		"all" },
	[W_M_SERVICE_X] = { "m_service_x", "layanan %s",
		"service %s" },
	[W_M_COUNTER_X] = { "m_counter_x", "loket %d",
		"counter %d" },
	[W_M_ISSUED] = { "m_issued", "diambil",
		"issued" },
	[W_M_SERVED] = { "m_served", "dilayani",
		"served" },
	[W_M_NO_SHOW] = { "m_no_show", "tidak hadir",
		"no-show" },
	[W_M_WAIT_MIN] = { "m_wait_min", "tunggu (menit)",
		"wait (min)" },
	[W_M_WAIT_P90] = { "m_wait_p90", "tunggu p90",
		"wait p90" },
	[W_M_SERVE_MIN] = { "m_serve_min", "layan (menit)",
		"serve (min)" },
	[W_M_LOCKS] = { "m_locks", "Batas log-in", "Log-in limits" },
	[W_M_LOCKS_NOTE] = { "m_locks_note", "Alamat yang salah kata sandi "
		"menunggu; akun tidak pernah dikunci.", "Addresses that gave "
		"wrong passwords wait; accounts are never locked." },
	[W_M_ADDRESS] = { "m_address", "Alamat", "Address" },
	[W_M_ACCOUNT] = { "m_account", "Akun", "Account" },
	[W_M_WRONG] = { "m_wrong", "Salah", "Wrong" },
	[W_M_LOCK_WAIT] = { "m_lock_wait", "Tunggu", "Wait" },
	[W_M_RELOAD] = { "m_reload", "Muat ulang", "Reload" },
	[W_M_LIFT] = { "m_lift", "Angkat", "Lift" },
	[W_M_ANY] = { "m_any", "(semua)", "(any)" },
	/* the reminders' outbox on /manage (GET /api/v1/notify) */
	[W_M_REMINDERS] = { "m_reminders", "Pengingat SMS dan WhatsApp",
		"SMS and WhatsApp reminders" },
	[W_M_REMINDERS_NOTE] = { "m_reminders_note", "Pesan di bawah gagal "
		"terkirim setelah semua percobaan. Periksa modem SMS atau token "
		"WhatsApp, lalu beri tahu pengunjung bila perlu.", "The messages "
		"below failed after every try. Check the SMS modem or the "
		"WhatsApp token, and tell the visitor if needed." },
	[W_M_PENDING] = { "m_pending", "menunggu kirim", "to send" },
	[W_M_SENT] = { "m_sent", "terkirim", "sent" },
	[W_M_DEAD] = { "m_dead", "gagal", "failed" },
	[W_M_NO_DEAD] = { "m_no_dead", "Tidak ada pesan yang gagal.",
		"No failed messages." },
	[W_M_WHEN] = { "m_when", "Waktu", "Time" },
	[W_M_MESSAGE] = { "m_message", "Pesan", "Message" },
	[W_M_CHANNEL] = { "m_channel", "Saluran", "Channel" },
	[W_M_TRIES] = { "m_tries", "Percobaan", "Tries" },
	[W_M_ERROR] = { "m_error", "Kesalahan", "Error" },
	/* antri-central's pages: /outlets for citizens, /hq for the head office */
	[W_CX_TITLE] = { "cx_title", "Antrean kantor layanan PTSP",
		"PTSP service office queues" },
	[W_CX_PICK] = { "cx_pick", "Pilih layanan",
		"Pick a service" },
	[W_CX_ANY] = { "cx_any", "Semua layanan",
		"All services" },
	[W_CX_NO_NEWS] = { "cx_no_news", "Tidak ada kabar sejak %s",
		"No news since %s" },
	[W_CX_OPEN] = { "cx_open", "Buka",
		"Open" },
	[W_CX_CLOSED] = { "cx_closed", "Tutup",
		"Closed" },
	[W_CX_WAITING_N] = { "cx_waiting_n", "%d menunggu",
		"%d waiting" },
	[W_CX_OUTSIDE_N] = { "cx_outside_n", "%d di luar",
		"%d outside" },
	[W_CX_WAIT] = { "cx_wait", "Perkiraan tunggu: %s",
		"Estimated wait: %s" },
	[W_CX_ROOM] = { "cx_room", "Ruangan %d/%d",
		"Room %d/%d" },
	[W_CX_NONE] = { "cx_none", "Belum ada gerai yang melayani layanan ini",
		"No outlet offers this service yet" },
	[W_CX_HQ] = { "cx_hq", "Kantor pusat",
		"Head office" },
	[W_CX_BOARD] = { "cx_board", "Semua gerai",
		"All outlets" },
	/* over_limit (central_outlet.c): more inside than the limit, or
	 * full with people held outside; its "room" says which */
	[W_CX_OVER_LIMIT] = { "cx_over_limit", "Melebihi batas ruangan",
		"Over the room limit" },
	[W_CX_ROOM_FULL] = { "cx_room_full", "Ruangan penuh",
		"Room full" },
	[W_CX_LONG_WAIT] = { "cx_long_wait", "Tunggu lama",
		"Long wait" },
	[W_CX_OFFLINE] = { "cx_offline", "Tidak terhubung",
		"Offline" },
	[W_CX_PRINTER] = { "cx_printer", "Masalah printer",
		"Printer problem" },
	[W_CX_OUTLETS_N] = { "cx_outlets_n", "%d gerai",
		"%d outlets" },
	[W_CX_BACK] = { "cx_back", "Kembali",
		"Back" },
	[W_CX_NO_CALLS] = { "cx_no_calls", "Belum ada panggilan",
		"No calls yet" },
	[W_CX_CALL_AT] = { "cx_call_at", "%s di loket %d, %s",
		"%s at counter %d, %s" },
	/* /hq's reports across outlets */
	[W_CX_BY_OFFICE] = { "cx_by_office", "Per gerai", "Per outlet" },
	[W_CX_BY_AREA] = { "cx_by_area", "Per wilayah", "Per area" },
	[W_CX_BY] = { "cx_by", "Rincian", "Break down" },
	[W_CX_SELECTION] = { "cx_selection", "Gerai atau wilayah",
		"Outlet or area" },
	[W_CX_AREA_X] = { "cx_area_x", "Wilayah %s", "Area %s" },
	[W_CX_TOTAL] = { "cx_total", "Jumlah", "Total" },
	[W_CX_REPORT_OF] = { "cx_report_of", "Laporan %s, %s sampai %s",
		"Report of %s, %s to %s" },
	/* reminders by SMS (antri-notify), short enough for one message */
	[W_N_BOOKED] = { "n_booked", "antri: janji temu Anda dikonfirmasi, "
		"pukul %s tanggal %s. Check-in di kiosk dengan kode Anda.",
		"antri: your appointment is confirmed for %s on %s. Check in at "
		"the kiosk with your code." },
	[W_N_COME] = { "n_come", "antri: nomor %s, giliran Anda sekitar %s "
		"menit lagi. Silakan datang sekarang dan check-in di kiosk.",
		"antri: number %s, your turn is in about %s minutes. Please "
		"come now and check in at the kiosk." },
	[W_N_AHEAD] = { "n_ahead", "antri: nomor %s, tinggal %s orang di "
		"depan Anda.", "antri: number %s, %s people are ahead of "
		"you." },
	[W_N_CALLED] = { "n_called", "antri: nomor %s dipanggil ke loket %s.",
		"antri: number %s is called to counter %s." },
	[W_N_MISSED] = { "n_missed", "antri: nomor %s terlewat karena tidak "
		"hadir saat dipanggil. Silakan ambil nomor baru.",
		"antri: number %s was missed: you were not there when called. "
		"Please take a new number." },
	[W_N_MISSED_BOOKING] = { "n_missed_booking", "antri: janji temu "
		"pukul %s terlewat karena belum check-in.", "antri: your "
		"appointment at %s was missed: you did not check in." },
	/* check-in of a remote ticket or booking at the kiosk: its button,
	 * its screen, what happened (enum q_checkin_how) */
	[W_CI_BUTTON] = { "ci_button", "Saya punya tiket online",
		"I have a booking" },
	[W_CI_TITLE] = { "ci_title", "Ketik kode check-in Anda atau pindai "
		"QR-nya", "Type your check-in code or scan its QR code" },
	[W_CI_IN_PLACE] = { "ci_in_place", "Check-in berhasil: Anda masuk "
		"antrean di tempat Anda.", "Checked in: you keep your place "
		"in the line." },
	[W_CI_LATE] = { "ci_late", "Giliran Anda sudah lewat: Anda masuk di "
		"akhir antrean.", "Your turn has passed: you join the end of "
		"the line." },
	[W_CI_SLOT] = { "ci_slot", "Janji Anda pukul %s: Anda dipanggil pada "
		"jam itu.", "Your appointment is at %s: you are called then." },
	[W_CI_SLOT_LATE] = { "ci_slot_late", "Anda datang setelah jadwal: "
		"Anda ikut antrean biasa.", "You came after your appointment "
		"time: you join the walk-in line." },
	[W_CI_NOT_DONE] = { "ci_not_done", "Check-in tidak dilakukan.",
		"You are not checked in." },
	/* remote tickets on the office's network: /take, the ticket page of
	 * an EXPECTED ticket, the web counter's check-in */
	[W_STATE_EXPECTED] = { "state_expected", "Tiket online: check-in "
		"saat Anda tiba", "Online ticket: check in when you arrive" },
	[W_T_COME_BY] = { "t_come_by", "Datanglah paling lambat pukul %s",
		"Come by %s" },
	[W_T_COME_NOW] = { "t_come_now", "Datanglah sekarang: giliran Anda "
		"sudah dekat", "Come now: your turn is near" },
	[W_T_CODE] = { "t_code", "Kode check-in", "Check-in code" },
	[W_T_CODE_HOW] = { "t_code_how", "Saat tiba, pindai kode QR ini di "
		"kiosk atau ketik kodenya.", "When you arrive, scan this QR code "
		"at the kiosk or type the code." },
	[W_T_AHEAD_ALL] = { "t_ahead_all", "Orang di depan Anda",
		"People ahead of you" },
	[W_TK_TITLE] = { "tk_title", "Ambil nomor antrean dari ponsel",
		"Take a number from your phone" },
	[W_TK_PICK] = { "tk_pick", "Pilih layanan. Anda check-in saat tiba "
		"di kantor.", "Choose a service. You check in when you arrive at "
		"the office." },
	[W_TK_NONE] = { "tk_none", "Tidak ada layanan yang buka saat ini.",
		"No service is open now." },
	[W_TK_OPEN_PAGE] = { "tk_open_page", "Buka halaman tiket Anda",
		"Open your ticket's page" },
	[W_TK_KEEP] = { "tk_keep", "Simpan kode ini: kode hanya tampil di "
		"ponsel ini.", "Keep this code: it is shown only on this phone." },
	[W_TK_TOO_MANY] = { "tk_too_many", "Ponsel ini sudah cukup mengambil "
		"nomor. Coba lagi dalam %d menit.", "This phone has taken enough "
		"numbers. Try again in %d min." },
	[W_CK_TITLE] = { "ck_title", "Check-in tiket online",
		"Check in an online ticket" },
	[W_CK_CODE] = { "ck_code", "Kode (6 huruf) atau pindai QR",
		"Code (6 characters) or scan the QR" },
	[W_CK_BUTTON] = { "ck_button", "Check-in", "Check in" },
	[W_CK_IN_PLACE] = { "ck_in_place", "%s: masuk antrean sesuai "
		"urutannya", "%s: joined the line at its place" },
	[W_CK_LATE] = { "ck_late", "%s: gilirannya sudah lewat, masuk di "
		"akhir antrean", "%s: its turn had passed, joined the end of the "
		"line" },
	[W_CK_SLOT] = { "ck_slot", "%s: janji temu, dipanggil pada jadwalnya",
		"%s: appointment, called at its slot" },
	[W_CK_SLOT_LATE] = { "ck_slot_late", "%s: terlambat dari jadwal, masuk "
		"antrean biasa", "%s: came after its slot, joined the walk-in "
		"queue" },
	[W_CK_BAD] = { "ck_bad", "Kode check-in terdiri dari 6 huruf dan "
		"angka (atau pindai kode QR-nya)", "A check-in code is 6 letters "
		"and digits (or scan its QR code)" },
	[W_T_CANCEL] = { "t_cancel", "Batalkan nomor ini",
		"Give this number back" },
	[W_T_CANCEL_AGAIN] = { "t_cancel_again", "Ketuk lagi untuk membatalkan "
		"(tidak bisa diurungkan)", "Tap again to give it back (it cannot "
		"be undone)" },
	[W_T_CANCEL_LATE] = { "t_cancel_late", "Nomor ini sudah check-in atau "
		"sudah selesai: tidak bisa dibatalkan dari sini", "This number has "
		"checked in or is over: it cannot be given back here" },
	/* a citizen's remote ticket and booking from the central's /outlets
	 * page (antri-central's /citizen) */
	[W_CZ_TAKE] = { "cz_take", "Ambil nomor",
		"Take a number" },
	[W_CZ_BOOK] = { "cz_book", "Buat janji",
		"Book a time" },
	[W_CZ_TAKE_TITLE] = { "cz_take_title", "Ambil nomor antrean online",
		"Take a number online" },
	[W_CZ_TAKE_HOW] = { "cz_take_how", "Nomor ini untuk hari ini. "
		"Anda check-in di kiosk saat tiba di kantor.",
		"This number is for today. You check in at the kiosk "
		"when you arrive at the office." },
	[W_CZ_BOOK_TITLE] = { "cz_book_title", "Buat janji temu",
		"Book an appointment" },
	[W_CZ_DAY] = { "cz_day", "Pilih hari",
		"Choose a day" },
	[W_CZ_TIME] = { "cz_time", "Pilih jam",
		"Choose a time" },
	[W_CZ_FREE_N] = { "cz_free_n", "%d tempat",
		"%d free" },
	[W_CZ_FULL] = { "cz_full", "Penuh",
		"Full" },
	[W_CZ_NO_SLOTS] = { "cz_no_slots", "Gerai ini tidak menerima "
		"janji temu untuk layanan ini.",
		"This outlet takes no appointments for this service." },
	[W_CZ_NO_SLOTS_DAY] = { "cz_no_slots_day", "Tidak ada jam kosong "
		"pada hari ini.",
		"No free time on this day." },
	[W_CZ_NAME] = { "cz_name", "Nama (boleh dikosongkan)",
		"Name (optional)" },
	[W_CZ_PHONE] = { "cz_phone", "Nomor ponsel untuk pengingat SMS "
		"(boleh dikosongkan)",
		"Mobile number for an SMS reminder (optional)" },
	[W_CZ_BAD_PHONE] = { "cz_bad_phone", "Nomor ponsel: 6 sampai 19 "
		"angka, boleh diawali +",
		"Mobile number: 6 to 19 digits, an optional leading +" },
	[W_CZ_CONFIRM] = { "cz_confirm", "Pesan jam %s",
		"Book %s" },
	[W_CZ_ASKING] = { "cz_asking", "Menghubungi gerai\u2026",
		"Asking the outlet\u2026" },
	[W_CZ_BOOKED] = { "cz_booked", "Janji temu Anda",
		"Your appointment" },
	[W_CZ_SLOT_AT] = { "cz_slot_at", "%s, pukul %s",
		"%s at %s" },
	[W_CZ_AHEAD_N] = { "cz_ahead_n", "Orang di depan Anda: %d",
		"People ahead of you: %d" },
	[W_CZ_NEAREST] = { "cz_nearest", "Gerai lain dengan tunggu singkat:",
		"Other outlets with a short wait:" },
	[W_CZ_OTHER] = { "cz_other", "Pilih gerai lain",
		"Choose another outlet" },
	[W_CZ_BUSY] = { "cz_busy", "Banyak yang sedang meminta nomor. "
		"Coba lagi sebentar lagi.", "Many people are asking right now. "
		"Please try again in a moment." },
	[W_CZ_LINK] = { "cz_link", "Ikuti giliran Anda di halaman tiket "
		"ini. Simpan tautannya untuk membukanya lagi.", "Follow your "
		"turn on this ticket's page. Keep its link to open it again." },
	[W_CZ_LINK_OPEN] = { "cz_link_open", "Buka halaman tiket",
		"Open the ticket's page" },
	[W_CZ_REMINDED] = { "cz_reminded", "Pengingat akan dikirim ke "
		"ponsel Anda saat giliran Anda sudah dekat.", "A reminder will "
		"be sent to your phone when your turn is near." },
	[W_CZ_OVER] = { "cz_over", "Tiket ini untuk tanggal %s dan sudah "
		"tidak berlaku.", "This ticket was for %s and is no longer "
		"valid." },
	[W_CZ_NOT_YET] = { "cz_not_yet", "Gerai belum mengabarkan keadaan "
		"tiket ini.", "The outlet has not sent this ticket's state "
		"yet." },
	[W_CZ_NO_TICKET] = { "cz_no_ticket", "Tiket tidak dikenal. Periksa "
		"tautan Anda.", "Unknown ticket. Please check your link." },
	[W_CZ_CODE_ELSEWHERE] = { "cz_code_elsewhere", "Kode check-in ada di "
		"ponsel yang Anda pakai untuk mengambil nomor.", "The check-in "
		"code is on the phone you took the number with." },
	[W_CZ_REFRESHED] = { "cz_refreshed", "Diperbarui pukul %s",
		"Updated at %s" },
	[W_CZ_WINDOW] = { "cz_window", "Check-in di kiosk antara pukul %s dan "
		"%s.", "Check in at the kiosk between %s and %s." },
	[W_CZ_WINDOW_GONE] = { "cz_window_gone", "Waktu check-in janji ini "
		"sudah lewat.", "The check-in time of this appointment has "
		"passed." },
	[W_CZ_MISSED] = { "cz_missed", "Janji temu ini terlewat: tidak ada "
		"check-in sampai %d menit setelah jadwal.", "This appointment "
		"was missed: nobody checked in by %d minutes after its time." },
	/* antri-serve's and antri-central's own refusals that a person
	 * reads: the log-in, who may do what, the manager's forms */
	[W_WEB_LOCKED] = { "web_locked", "Terlalu banyak kata sandi salah dari "
		"alamat ini. Coba lagi dalam %d detik.", "Too many wrong "
		"passwords from this address. Try again in %d s." },
	[W_WEB_BUSY] = { "web_busy", "Terlalu banyak yang masuk bersamaan. "
		"Coba lagi sebentar lagi.", "Too many log-ins at once. Try again "
		"in a second." },
	[W_WEB_MANAGER_ONLY] = { "web_manager_only", "Hanya manajer yang "
		"boleh melakukan ini.", "Only a manager may do that." },
	[W_WEB_ADMIN_ONLY] = { "web_admin_only", "Hanya admin yang boleh "
		"melakukan ini.", "Only an admin may do that." },
	[W_WEB_USER_RULES] = { "web_user_rules", "Nama: 1 sampai 31 huruf "
		"a-z, angka 0-9, '.', '_' atau '-', diawali huruf. Peran: clerk "
		"atau manager. Kata sandi: 8 sampai 128 karakter.", "A name is "
		"1 to 31 of a-z, 0-9, '.', '_' or '-', starting with a letter. "
		"The role is clerk or manager. A password is 8 to 128 "
		"characters." },
	[W_WEB_PIN_RULES] = { "web_pin_rules", "PIN terdiri dari 4 sampai 12 "
		"angka.", "A PIN is 4 to 12 digits." },
	[W_WEB_NAME_RULES] = { "web_name_rules", "Nama layanan: teks tanpa "
		"baris baru atau tab, paling banyak 63 byte; nama Indonesia "
		"wajib diisi.", "A service's name is text without a new line or "
		"tab, at most 63 bytes; the Indonesian name is required." },
	[W_WEB_DAYS] = { "web_days", "Tanggal ditulis TTTT-BB-HH, dan "
		"tanggal awal tidak sesudah tanggal akhir.", "Days are written "
		"YYYY-MM-DD, and the first is not after the last." },
};

const char *
i18n_w(enum lang l, enum i18n_word w)
{
	if ((int)w < 0 || w >= W_COUNT)
		return "";
	return tr(l, words[w].id, words[w].en);
}

const char *
i18n_w_key(enum i18n_word w)
{
	return (int)w >= 0 && w < W_COUNT ? words[w].key : "";
}

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
	case Q_ENOCURRENT: return i18n_w(l, W_E_NOCURRENT);
	case Q_EBUSYCOUNTER: return tr(l, "Loket masih melayani",
		"Counter still serving");
	case Q_ESAME: return tr(l, "Sudah di layanan itu",
		"Already in that service");
	case Q_ESTATE: return tr(l, "Tiket itu tidak dalam keadaan yang "
		"mengizinkan ini", "That ticket is not in a state that allows "
		"this");
	case Q_ENOTSERVED: return tr(l, "Loket ini tidak melayani layanan "
		"yang buka", "This counter serves no open service");
	case Q_ELOGIN: return tr(l, "Nama atau kata sandi salah",
		"Wrong name or password");
	case Q_ELOCKED: return tr(l, "Terlalu banyak kata sandi salah. Tunggu "
		"beberapa menit.", "Too many wrong passwords. Please wait a few "
		"minutes.");
	case Q_ENOSESSION: return tr(l, "Silakan masuk dulu",
		"Please log in first");
	case Q_EINVAL: return tr(l, "Isian tidak sah", "Invalid value");
	case Q_ENOSERVICE: return tr(l, "Layanan itu tidak ada",
		"No such service");
	case Q_ENOCOUNTER: return tr(l, "Loket itu tidak ada",
		"No such counter");
	case Q_ENOTICKET: return tr(l, "Tiket itu tidak ada",
		"No such ticket");
	case Q_EEXIST: return tr(l, "Sudah ada", "It exists already");
	case Q_ENOUSER: return tr(l, "Akun itu tidak ada",
		"No such account");
	case Q_EPIN: return tr(l, "PIN salah", "Wrong PIN");
	case Q_EPINLOCKED: return tr(l, "Terlalu banyak salah. Tunggu sebentar.",
		"Too many wrong tries. Please wait.");
	case Q_ENOPIN: return tr(l, "PIN manajer belum diatur",
		"No manager PIN set");
	case Q_EBUSY: return tr(l, "Database sibuk, coba lagi",
		"Database busy, try again");
	case Q_ECLOCK: return tr(l, "Jam komputer tampaknya salah. Silakan "
		"hubungi petugas.", "The clock looks wrong. Please ask staff.");
	case Q_ECODE: return tr(l, "Kode tidak dikenal di kantor ini. "
		"Periksa kode Anda.", "Unknown code at this office. Please "
		"check your code.");
	case Q_ECODEUSED: return tr(l, "Kode ini sudah dipakai untuk check-in",
		"This code was already used to check in");
	case Q_ECODEDAY: return tr(l, "Kode ini untuk hari lain",
		"This code is for another day");
	case Q_ECODEEXPIRED: return tr(l, "Kode ini sudah tidak berlaku",
		"This code is no longer valid");
	case Q_ECODELOCKED: return tr(l, "Terlalu banyak kode salah. Tunggu "
		"beberapa menit.", "Too many wrong codes. Please wait a few "
		"minutes.");
	case Q_ESHARE: return tr(l, "Jatah tiket online layanan ini hari ini "
		"sudah habis", "Today's online tickets for this service are used up");
	case Q_ESLOTFULL: return tr(l, "Jadwal itu sudah penuh",
		"That time slot is full");
	case Q_EBOOKED: return tr(l, "Nomor telepon ini sudah memesan hari itu",
		"This phone number already has a booking that day");
	case Q_ENOSLOT: return tr(l, "Tidak ada jadwal pada waktu itu",
		"There is no slot at that time");
	case Q_EOFFLINE: return tr(l, "Kantor itu sedang tidak terhubung. "
		"Silakan coba lagi nanti atau pilih kantor lain.",
		"That office is offline. Please try again later or choose "
		"another office.");
	case Q_ENODB: case Q_ENOTDB: case Q_EREADONLY: case Q_EDISKFULL:
	case Q_EDB: case Q_ECORRUPT: case Q_ENEWER:
		return tr(l, "Tidak dapat melayani. Silakan hubungi petugas.",
		    "Out of service. Please ask staff.");
	default: return tr(l, "Terjadi kesalahan", "Something went wrong");
	}
}

const char *
i18n_hhmm(enum lang l, int64_t ms, char *buf, size_t len)
{
	time_t sec = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&sec, &tm))
		memset(&tm, 0, sizeof tm);
	snprintf(buf, len, "%02d%c%02d", tm.tm_hour, l == LANG_EN ? ':' : '.',
	    tm.tm_min);
	return buf;
}

const char *
i18n_come(enum lang l, int now, int64_t by_ms, char *buf, size_t len)
{
	char hhmm[16];

	if (now)
		snprintf(buf, len, "%s", i18n_w(l, W_T_COME_NOW));
	else if (by_ms)
		snprintf(buf, len, i18n_w(l, W_T_COME_BY), i18n_hhmm(l, by_ms,
		    hhmm, sizeof hhmm));
	else if (len)
		buf[0] = 0;                /* no estimate: no advice */
	return buf;
}

const char *
i18n_state(enum lang l, int state, int counter, const char *reason,
           char *buf, size_t len)
{
	switch (state) {
	case Q_OUTSIDE:
		snprintf(buf, len, "%s", i18n_w(l, W_STATE_OUTSIDE));
		break;
	case Q_ADMITTED:
		snprintf(buf, len, "%s", i18n_w(l, W_STATE_ADMITTED));
		break;
	case Q_CALLED:
		snprintf(buf, len, i18n_w(l, W_STATE_CALLED), counter);
		break;
	case Q_DONE:
		snprintf(buf, len, "%s", i18n_w(l, W_STATE_DONE));
		break;
	case Q_NO_SHOW:
		snprintf(buf, len, "%s", i18n_w(l, W_STATE_NO_SHOW));
		break;
	case Q_EXPECTED:
		snprintf(buf, len, "%s", i18n_w(l, W_STATE_EXPECTED));
		break;
	default:
		if (reason && *reason)
			snprintf(buf, len, i18n_w(l, W_STATE_CANCELLED_WHY),
			    reason);
		else
			snprintf(buf, len, "%s", i18n_w(l, W_STATE_CANCELLED));
		break;
	}
	return buf;
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
		snprintf(buf, len, i18n_w(l, W_ROOM_FULL_OUTSIDE), outside);
	else
		snprintf(buf, len, "%s", i18n_w(l, W_NOBODY_INSIDE));
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
