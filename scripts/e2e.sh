#!/usr/bin/env bash
# End-to-end checks of the tradedocs binary on the shipped examples and the
# broken workbooks, with real PDF readers (poppler, qpdf).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "E2E FAIL: $*" >&2; exit 1; }

go build -o "$work/tradedocs" ./cmd/tradedocs
td="$work/tradedocs"

echo "-- check passes every example"
"$td" check examples/ || fail "check reported errors on examples/"

echo "-- generate on examples/"
SOURCE_DATE_EPOCH= "$td" generate examples/ -o "$work/out" --quiet | tee "$work/summary.txt"
grep -Eq '^[0-9]+ orders, [0-9]+ PDFs, [0-9]+ memos, 0 errors in ' "$work/summary.txt" || fail "unexpected summary line"
npdf=$(ls "$work/out"/*.pdf | wc -l)
[ "$npdf" -ge 6 ] || fail "expected at least 6 PDFs, got $npdf"
[ -f "$work/out/manifest.csv" ] || fail "no manifest.csv"
for f in "$work/out"/*.pdf; do
  qpdf --check "$f" >/dev/null || fail "qpdf --check failed on $f"
  fonts=$(pdffonts "$f" | tail -n +3)
  [ -n "$fonts" ] || fail "no fonts in $f"
  if awk '{print $(NF-4)}' <<< "$fonts" | grep -qv yes; then fail "a font is not embedded in $f"; fi
  text=$(pdftotext -enc UTF-8 "$f" -)
  case "$f" in
    *-PI.pdf) grep -q "形式发票" <<< "$text" || fail "$f lacks 形式发票";
              grep -qi "PROFORMA INVOICE" <<< "$text" || fail "$f lacks PROFORMA INVOICE" ;;
    *-CI.pdf) grep -q "商业发票" <<< "$text" || fail "$f lacks 商业发票";
              grep -qi "COMMERCIAL INVOICE" <<< "$text" || fail "$f lacks COMMERCIAL INVOICE" ;;
  esac
  grep -q "SAY TOTAL" <<< "$text" || fail "$f lacks the amount in English words"
done
# every PDF listed in the manifest with its true SHA-256
tail -n +2 "$work/out/manifest.csv" | while IFS=, read -r order doc file sha total cur; do
  [ "$(sha256sum "$work/out/$file" | cut -d' ' -f1)" = "$sha" ] || fail "manifest hash of $file is wrong"
done
# memo lines obey SWIFT field 70 rules
"$td" memo examples/usd-fob-30-70.xlsx --stage deposit > "$work/memo.txt" || fail "memo --stage deposit failed"
[ "$(wc -l < "$work/memo.txt")" -le 4 ] || fail "memo has more than 4 lines"
grep -Evq "^[A-Za-z0-9/?:().,'+ -]{1,35}$" "$work/memo.txt" && fail "memo line outside the SWIFT X set: $(cat "$work/memo.txt")"
grep -q "DEPOSIT" "$work/memo.txt" || fail "deposit memo does not say DEPOSIT"

echo "-- the same input gives the same bytes"
"$td" generate examples/ -o "$work/again" --quiet >/dev/null
(cd "$work/out" && sha256sum *.pdf *.txt) > "$work/a.sum"
(cd "$work/again" && sha256sum *.pdf *.txt) > "$work/b.sum"
diff "$work/a.sum" "$work/b.sum" || fail "output differs between two runs"

echo "-- existing output is not overwritten without --force"
before=$(sha256sum "$work/out"/*.pdf)
if "$td" generate examples/ -o "$work/out" --quiet 2> "$work/refuse.txt"; then fail "generate overwrote without --force"; fi
grep -q "already exists" "$work/refuse.txt" || fail "refusal does not say the file exists"
[ "$before" = "$(sha256sum "$work/out"/*.pdf)" ] || fail "files changed although generate refused"
"$td" generate examples/ -o "$work/out" --quiet --force >/dev/null || fail "--force did not overwrite"

echo "-- words"
"$td" words 1409.50 --currency CNY > "$work/words.txt"
sed -n 2p "$work/words.txt" | grep -q "壹仟肆佰零玖元伍角" || fail "words: $(cat "$work/words.txt")"

echo "-- check reports the right cell for each broken workbook"
if [ -f testdata/broken/expected.tsv ]; then
  (cd testdata/broken && for f in $(cut -f1 expected.tsv | sort -u); do
     set +e; "$td" check "$f" > "$work/check-$f.txt" 2>&1; rc=$?; set -e
     grep -P "^\Q$f\E\t" expected.tsv | while IFS=$'\t' read -r file loc sev msg; do
       grep -F "$loc: " "$work/check-$f.txt" | grep -F -- "$msg" >/dev/null ||
         fail "$f: expected '$loc: ... $msg' in: $(cat "$work/check-$f.txt")"
       if [ "$sev" = error ] && [ $rc -ne 1 ]; then fail "$f: exit $rc, want 1"; fi
     done
   done)
fi
if "$td" check /nonexistent.xlsx >/dev/null 2>&1; then fail "check of a missing file exited 0"; fi
set +e; "$td" check --no-such-flag >/dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "usage error exited $rc, want 2"

echo "E2E OK"
