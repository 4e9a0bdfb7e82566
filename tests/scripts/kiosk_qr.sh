#!/bin/sh
# kiosk_qr.sh - the kiosk's ticket screen carries the QR code of the
# visitor's link, <[serve] public_url>/t/<token>, drawn by kiosk/qr.c (and
# inside the paper ticket's picture beside it): a screenshot decodes
# (zbarimg) to exactly that URL; with no public_url there is no code.
. "$(dirname "$0")/../helpers/lib.sh"
. "$(dirname "$0")/../helpers/kiosk_lib.sh"
unset ANTRI_CONFIG

command -v zbarimg >/dev/null || { fail "zbarimg is missing"; finish; exit 1; }
DB="$OUT/kqr.db"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.layout"
"$ANTRI" --db "$DB" init --demo >/dev/null
printf '[serve]\npublic_url = http://192.168.1.10:8080\n[kiosk]\nreturn_s = 30\n' \
    >"$OUT/qr.conf"
printf '[kiosk]\nreturn_s = 30\n' >"$OUT/noqr.conf"

kstart --config "$OUT/qr.conf"
wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
mark
tap home service A
wait_frame "ticket A001 shown" "ticket A001" 5
grab kiosk-qr
TOKEN=$(sqlite3 "$DB" "SELECT token FROM tickets WHERE label = 'A001'")
URLS=$(zbarimg -q --raw "$OUT/kiosk-qr.png" 2>/dev/null | sort -u)
expect_eq "the screen's QR code is the ticket's link" "$URLS" \
    "http://192.168.1.10:8080/t/$TOKEN"
N=$(zbarimg -q "$OUT/kiosk-qr.png" 2>/dev/null | wc -l)
[ "$N" -ge 1 ] && pass || fail "no QR code on the screen"
echo "QR codes read off the screen: $N"
kstop

rm -f "$DB.layout"
kstart --config "$OUT/noqr.conf"
wait_frame "home drawn" "^frame [0-9]+ home - 0$" 15
mark
tap home service A
wait_frame "ticket A002 shown" "ticket A002" 5
grab kiosk-noqr
expect_exit 4 "no public_url: no QR code on the screen" zbarimg -q --raw "$OUT/kiosk-noqr.png"
kstop
finish
