#!/bin/sh
# voice.sh - regenerate every default voice clip with espeak-ng and sox
# (`make voice`): the display's announcements, the kiosk's answers and the
# chime.  Writes assets/voice/id/*.wav, assets/voice/en/*.wav and
# assets/sounds/chime.wav: 22050 Hz, mono, 16-bit, silence trimmed.  An
# office replaces any clip by dropping a recording of the same name into
# its voice_dir.  Clip names are listed in docs/display.md and
# docs/kiosk.md.
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

# Indonesian
say id nomor_antrian "nomor antrian"
say id silakan_menuju_loket "silakan menuju loket"
say id silakan_masuk "silakan masuk"
set -- a a b be c ce d de e e f ef g ge h ha i i j je k ka l el m em n en \
    o o p pe q ki r er s es t te u u v ve w we x eks y ye z zet
while [ $# -gt 0 ]; do say id "$1" "$2"; shift 2; done
set -- 0 nol 1 satu 2 dua 3 tiga 4 empat 5 lima 6 enam 7 tujuh 8 delapan \
    9 sembilan 10 sepuluh 11 sebelas 12 "dua belas" 13 "tiga belas" \
    14 "empat belas" 15 "lima belas" 16 "enam belas" 17 "tujuh belas" \
    18 "delapan belas" 19 "sembilan belas" 20 "dua puluh"
while [ $# -gt 0 ]; do say id "$1" "$2"; shift 2; done

# English
say en nomor_antrian "ticket number"
say en silakan_menuju_loket "please go to counter"
say en silakan_masuk "please come in, number"
for l in a b c d e f g h i j k l m n o p q r s t u v w x y z; do
	say en "$l" "$(echo "$l" | tr a-z A-Z)"
done
set -- 0 zero 1 one 2 two 3 three 4 four 5 five 6 six 7 seven 8 eight \
    9 nine 10 ten 11 eleven 12 twelve 13 thirteen 14 fourteen 15 fifteen \
    16 sixteen 17 seventeen 18 eighteen 19 nineteen 20 twenty
while [ $# -gt 0 ]; do say en "$1" "$2"; shift 2; done

# the kiosk's answers (docs/kiosk.md)
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

# the chime: two soft tones, ding-dong
mkdir -p assets/sounds
sox -D -n -r 22050 -c 1 -b 16 "$tmp/d1.wav" synth 0.45 sine 988 fade q 0.01 0.45 0.4 vol 0.5
sox -D -n -r 22050 -c 1 -b 16 "$tmp/d2.wav" synth 0.7 sine 784 fade q 0.01 0.7 0.6 vol 0.5
sox -D "$tmp/d1.wav" "$tmp/d2.wav" assets/sounds/chime.wav
echo "display and kiosk voice clips written to assets/voice/id, assets/voice/en, assets/sounds"
