#!/bin/sh
# kiosk_voice.sh - what antri-kiosk says with `[kiosk] voice = yes`,
# recorded through SDL's disk audio driver (SDL_AUDIODRIVER=disk): a tap
# that gives A001 plays exactly chime, "nomor antrian", "A", "nol", "nol",
# "satu", "silakan masuk ke ruang tunggu" - sample for sample, in order,
# nothing else but silence (display_clipcmp); with the room full under
# hold the ticket ends "ruangan penuh, silakan tunggu di luar"; in English
# the English clips; a refusal (quota reached, room full under refuse,
# service closed) says its reason; and with voice off nothing is said.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"
CMP="$BIN/tests/display_clipcmp"
export SDL_AUDIODRIVER=disk
# the disk driver writes a buffer every SDL_DISKAUDIODELAY ms (default: the
# buffer's own length, real time): 1 ms plays ~20 times faster; what is
# written, sample for sample, is the same
export SDL_DISKAUDIODELAY=1
DB="$OUT/voice.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout" "$OUT"/*.raw
"$ANTRI" --db "$DB" init --demo >/dev/null
printf '[kiosk]\nvoice = yes\nreturn_s = 2\n' >"$OUT/voice.conf"

# clips LANG LABEL LAST: the WAV files a ticket's answer plays, in order
clips() {
	V=assets/voice/$1
	l=$(echo "$2" | cut -c1 | tr A-Z a-z)
	printf '%s\n' assets/sounds/chime.wav $V/nomor_antrian.wav $V/$l.wav
	echo "$2" | cut -c2- | sed 's/./&\n/g' | grep . | sed "s|.*|$V/&.wav|"
	echo "$V/$3.wav"
}
# speak RAW: the kiosk with voice on, writing its sound to RAW
speak() {
	SDL_DISKAUDIOFILE="$1" kstart --config "$OUT/voice.conf"
	wait_frame "home drawn" "^frame [0-9]+ home - 0" 15
	if grep -q "^start audio=on" "$TRACE"; then pass
	else fail "kiosk did not start with audio: $(head -n 1 "$TRACE")"; fi
}
# said DESCRIPTION RAW CLIP...: after the sound, RAW is exactly those clips
said() {
	d=$1 raw=$2
	shift 2
	wait_frame "$d: played to the end" "^audio idle" 20
	sleep 0.3
	kstop
	check "$d: exactly these clips in order" "$CMP" "$raw" "$@"
}

# --- a ticket let in: its number, "silakan masuk ke ruang tunggu"
speak "$OUT/a001.raw"
mark
tap home service A
wait_frame "A001 shown" "ticket A001" 5
expect_match "the trace says what is said" "$TRACE" \
    "^say id chime nomor_antrian a 0 0 1 masuk_ruang_tunggu$"
said "A001 let in" "$OUT/a001.raw" $(clips id A001 masuk_ruang_tunggu)

# --- the room full under hold: "... tunggu di luar"
"$ANTRI" --db "$DB" limit 1 >/dev/null
speak "$OUT/b001.raw"
mark
tap home service B
wait_frame "B001 shown" "ticket B001" 5
said "B001 outside" "$OUT/b001.raw" $(clips id B001 tunggu_di_luar)

# --- in English for an English visitor
speak "$OUT/c001.raw"
tap home lang 0
sleep 0.3
mark
tap home service C
wait_frame "C001 shown" "ticket C001" 5
said "C001 in English" "$OUT/c001.raw" $(clips en C001 tunggu_di_luar)

# --- refusals, each with its reason
"$ANTRI" --db "$DB" service quota D 1 >/dev/null
"$ANTRI" --db "$DB" issue D >/dev/null
"$ANTRI" --db "$DB" service close P >/dev/null
speak "$OUT/refused.raw"
mark
tap home service D
wait_frame "quota: refused" "refused - -4$" 5
wait_frame "quota: said" "^audio idle" 20
sleep 2.3                             # the refused screen goes home
mark
tap home service P
wait_frame "closed: refused" "refused - -3$" 5
wait_frame "closed: said" "^audio idle" 20
sleep 2.3
"$ANTRI" --db "$DB" policy refuse >/dev/null
sleep 0.5
mark
tap home service A
wait_frame "room full: refused" "refused - -2$" 5
said "three refusals" "$OUT/refused.raw" assets/sounds/chime.wav \
    assets/voice/id/kuota_habis.wav assets/sounds/chime.wav \
    assets/voice/id/layanan_ditutup.wav assets/sounds/chime.wav \
    assets/voice/id/ruangan_penuh.wav
expect_eq "refusals gave no ticket" "$(issued A)" 1

# --- voice off (the default): nothing said, nothing played
"$ANTRI" --db "$DB" policy hold >/dev/null
"$ANTRI" --db "$DB" limit 0 >/dev/null
SDL_DISKAUDIOFILE="$OUT/off.raw" kstart
wait_frame "home drawn" "^frame [0-9]+ home - 0" 15
mark
tap home service A
wait_frame "A002 shown" "ticket A002" 5
sleep 1
kstop
if grep -q "^say" "$TRACE"; then fail "voice off: something was said"
else pass; fi
expect_match "voice off: no audio device" "$TRACE" "^start audio=off"
finish
