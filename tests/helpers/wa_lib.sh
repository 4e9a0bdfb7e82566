# wa_lib.sh - the stand-in for the WhatsApp Cloud API (wa_endpoint.py)
# for a suite; source it after lib.sh.  wa_start ANSWER...: a throwaway
# self-signed certificate for 127.0.0.1 ($OUT/cert.pem, the notifier's
# ca_file), the answers to give in order ($OUT/answers), the endpoint
# started (WPID) for phone-number id 1234567 and token EAAtesttoken123,
# logging to $OUT/wa.log; WA_PORT once it listens.  The caller kills
# WPID.
wa_start() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$OUT/key.pem" \
	    -out "$OUT/cert.pem" -days 1 -subj /CN=127.0.0.1 \
	    -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 ||
	    fail "no test certificate"
	: >"$OUT/wa.log"
	printf '%s\n' "$@" >"$OUT/answers"
	/usr/bin/python3 "$(dirname "$0")/../helpers/wa_endpoint.py" \
	    "$OUT/cert.pem" "$OUT/key.pem" "$OUT/wa.port" "$OUT/wa.log" \
	    "$OUT/answers" 1234567 EAAtesttoken123 &
	WPID=$!
	wait_until "the HTTPS endpoint listens" 30 test -s "$OUT/wa.port"
	WA_PORT=$(cat "$OUT/wa.port")
}
