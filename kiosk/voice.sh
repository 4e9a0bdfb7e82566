#!/bin/sh
# voice.sh - regenerate the kiosk's own voice clips with espeak-ng and sox,
# the same way display/voice.sh makes the display's (which the kiosk also
# uses: the chime, "nomor antrian", letters and digits).  Writes
# assets/voice/id/*.wav and assets/voice/en/*.wav: 22050 Hz, mono, 16-bit,
# silence trimmed.  An office replaces any clip by dropping a recording of
# the same name into [kiosk] voice_dir.  Clip names: docs/kiosk.md.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# say LANG NAME TEXT: one clip, trimmed at both ends
say() {
	mkdir -p "assets/voice/$1"
	espeak-ng -v "$1" -s 140 -w "$tmp/raw.wav" "$3"
	sox -D "$tmp/raw.wav" -r 22050 -c 1 -b 16 "assets/voice/$1/$2.wav" \
	    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

say id masuk_ruang_tunggu "silakan masuk ke ruang tunggu"
say id tunggu_di_luar "ruangan penuh, silakan tunggu di luar"
say id ruangan_penuh "ruangan penuh, belum ada nomor baru, silakan coba lagi nanti"
say id kuota_habis "kuota layanan ini hari ini sudah habis, silakan datang lagi besok"
say id layanan_ditutup "layanan ini ditutup, silakan pilih layanan lain"
say id tidak_dapat_melayani "maaf, tidak dapat melayani, silakan hubungi petugas"
say id printer_bermasalah "tiket kertas tidak dapat dicetak, silakan ingat nomor Anda"

say en masuk_ruang_tunggu "please enter the waiting room"
say en tunggu_di_luar "the room is full, please wait outside"
say en ruangan_penuh "the room is full, no new numbers now, please try again later"
say en kuota_habis "no more numbers for this service today, please come back tomorrow"
say en layanan_ditutup "this service is closed, please choose another one"
say en tidak_dapat_melayani "sorry, out of service, please ask staff"
say en printer_bermasalah "no paper ticket, please remember your number"
echo "kiosk voice clips written to assets/voice/id and assets/voice/en"
