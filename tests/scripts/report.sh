#!/bin/sh
# report.sh - `antri report` over a generated month: the figures, and the
# same report as a PDF (cairo) and as PNG charts; bad destinations are
# refused with a message and write nothing.  The pages are kept in OUT as
# PNG (pdftoppm) to be looked at.
. tests/helpers/lib.sh
DB=$OUT/month.db
rm -f "$DB"* "$OUT"/page-*.png; rm -rf "$OUT/png"; mkdir -p "$OUT/png"
A() { "$ANTRI" --db "$DB" "$@"; }

check "a month of tickets in a demo office (30 days x 40)" "$BIN/tests/bench_core" "$DB" year 30 40
from=$(date -d '30 days ago' +%Y-%m-%d)
to=$(date -d 'yesterday' +%Y-%m-%d)
check "report --json" A --json report --from "$from" --to "$to"
cp "$OUT/last.out" "$OUT/report.json"
expect_eq "1,200 tickets in the month" "$(jq .total.issued "$OUT/report.json")" 1200
expect_eq "30 business days" "$(jq .days "$OUT/report.json")" 30

check "report --pdf" A report --from "$from" --to "$to" --pdf "$OUT/month.pdf"
expect_match "says where it went" "$OUT/last.err" "report written to .*month.pdf"
expect_eq "three pages: figures, two charts each" \
	"$(pdfinfo "$OUT/month.pdf" | awk '/^Pages:/ {print $2}')" 3
pdftotext -f 1 -l 1 -layout "$OUT/month.pdf" "$OUT/page1.txt"
expect_match "titled with the office" "$OUT/page1.txt" "Laporan antrian - PTSP"
expect_match "the total as antri report says" "$OUT/page1.txt" \
	"semua +1200 +$(jq .total.served "$OUT/report.json") "
pdftotext -f 2 -l 3 "$OUT/month.pdf" "$OUT/charts.txt"
for t in "Tiket per jam" "Waktu tunggu per jam" "Per layanan" "Per loket"; do
	expect_match "chart: $t" "$OUT/charts.txt" "$t"
done
check "pages render" pdftoppm -r 60 -png "$OUT/month.pdf" "$OUT/page"
expect_eq "three page images" "$(ls "$OUT"/page-*.png | wc -l)" 3

check "report --png" A report --from "$from" --to "$to" --png "$OUT/png"
for f in per_hour wait_hour services counters; do
	expect_eq "$f.png is 1200x700" \
		"$(identify -format '%wx%h' "$OUT/png/$f.png" 2>/dev/null)" 1200x700
done
expect_exit 2 "--png to a file that is no folder" A report --png "$OUT/month.pdf"
expect_match "says so" "$OUT/last.err" "is not a folder"
expect_exit 3 "--pdf into a missing folder" A report --pdf /nonexistent/x.pdf
expect_match "says why" "$OUT/last.err" "cannot write the PDF"
expect_exit 2 "--pdf without a file" A report --pdf
finish
