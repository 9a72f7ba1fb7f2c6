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
"$td" check examples/ > "$work/examples-check.txt" || fail "check reported errors on examples/: $(cat "$work/examples-check.txt")"
cat "$work/examples-check.txt"
grep -Eqx '[0-9]+ files, [0-9]+ orders: 0 errors, 0 warnings' "$work/examples-check.txt" && [ "$(wc -l < "$work/examples-check.txt")" -eq 1 ] ||
  fail "check reported problems on examples/: $(cat "$work/examples-check.txt")"

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
    *-PL.pdf) grep -q "装箱单" <<< "$text" || fail "$f lacks 装箱单";
              grep -q "PACKING LIST" <<< "$text" || fail "$f lacks PACKING LIST";
              grep -Eq "^SAY [A-Z -]+ (CARTONS?|PALLETS?|PACKAGES?|BAGS?|CASES?) ONLY" <<< "$text" || fail "$f lacks the package count in words";
              if grep -Eq "SAY TOTAL|单价|金额|Unit Price|Amount" <<< "$text"; then fail "$f prints a price or amount"; fi
              continue ;;
  esac
  grep -q "SAY TOTAL" <<< "$text" || fail "$f lacks the amount in English words"
done
echo "-- packing lists: one for each order with packing data, its totals those of the CI"
npl=$(ls "$work/out"/*-PL.pdf | wc -l)
[ "$npl" -ge 2 ] || fail "expected packing lists for the examples with packing data, got $npl"
grep -q ',PL,AMZ-2024-0611-PL.pdf,' "$work/out/manifest.csv" || fail "manifest does not list the packing list"
[ ! -e "$work/out/CSV-24-201-PL.pdf" ] || fail "a packing list for an order without packing data"
pl=$(pdftotext -layout "$work/out/AMZ-2024-0611-PL.pdf" -)
grep -q "SAY ONE HUNDRED TWENTY-FOUR CARTONS ONLY" <<< "$pl" || fail "AMZ-2024-0611 PL: wrong package count in words"
grep -q "壹佰贰拾肆箱" <<< "$pl" || fail "AMZ-2024-0611 PL: no Chinese package count"
grep -Eq "Total 合计 +124 +9,800 +1,454 +1,579.6 +5.836" <<< "$pl" || fail "AMZ-2024-0611 PL: totals row: $(grep 'Total 合计' <<< "$pl")"
ci=$(pdftotext "$work/out/AMZ-2024-0611-CI.pdf" - | tr -d ' \n')
# The CI's packing totals are a grid (caption over figure): each caption and
# each of the PL's figures must be on it.
for v in 总箱数 124 总净重（千克） 1,454 总毛重（千克） 1,579.6 总体积（立方米） 5.836; do
  grep -qF "$v" <<< "$ci" || fail "AMZ-2024-0611 CI packing totals differ from the PL's: no $v"
done
echo "-- the FOB example's CI: the supplier's own number, a FOB seller's charges, no FOB value line"
usdci=$(pdftotext "$work/out/HL-2024-0318-CI.pdf" - | tr -d ' \n')
for v in "InvoiceNo.发票号:BW-CI-240419" "包装费486.00" "内陆拖车费38.47" "Total合计(USD)17,744.73"; do
  grep -qF -- "$v" <<< "$usdci" || fail "HL-2024-0318 CI lacks '$v'"
done
if grep -qE "FOBvalue|海运费|保险费" <<< "$usdci"; then fail "HL-2024-0318 CI (FOB) carries main carriage or insurance"; fi
set +e; "$td" generate --docs pi,ci,pl examples/orders.csv -o "$work/pl-refused" --quiet >/dev/null 2> "$work/pl-refused.txt"; rc=$?; set -e
[ $rc -eq 1 ] || fail "--docs pl on an order without packing data exited $rc, want 1"
grep -q "CSV-24-201 has no packing data" "$work/pl-refused.txt" || fail "--docs pl refusal does not name the order: $(cat "$work/pl-refused.txt")"
fba_out=$("$td" check --fba examples/multi-order.xlsx || true)
grep -q "warning: a carton weighs 25.6 kg gross" <<<"$fba_out" || fail "check --fba does not warn about a 25.6 kg carton"
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

echo "-- a trading company's order: manufacturer, intermediary bank, Chinese units (issue 12)"
tc=testdata/trade/trading-company.xlsx
"$td" check "$tc" > "$work/tc-check.txt" || fail "check reported errors on $tc: $(cat "$work/tc-check.txt")"
grep -qF "$tc!Charges!C2: warning: freight charge" "$work/tc-check.txt" ||
  fail "check does not warn about the freight charge on an FOB order: $(cat "$work/tc-check.txt")"
"$td" generate "$tc" -o "$work/tc" --quiet >/dev/null 2>&1 || fail "generate failed on $tc"
tcci=$(pdftotext -enc UTF-8 -layout "$work/tc/PO-8812-CI.pdf" -)
tcsq=$(pdftotext -enc UTF-8 "$work/tc/PO-8812-CI.pdf" - | tr -d ' \n')
for s in "Manufacturer 生产厂家" "Ningbo Yinzhou Plastic & Hardware Factory" "18 Jinyuan Road, Yinzhou District, Ningbo" \
         "Port of entry 入境口岸" "Los Angeles-Long Beach (2704)" \
         "China (CN)" "United States (US)" "Invoice No. 发票号" "HD-CI-2405" "FOB value FOB货值" \
         "Rebates, drawbacks and bounties 回扣、退税及补贴" "Assists (moulds, tools, engineering)"; do
  grep -qF -- "$s" <<< "$tcci" || fail "CI lacks '$s'"
done
for s in "2,000pcs个" "500sets套" "1,200pairs双" "Manufacturer生产厂家:JinhuaWuchengGloveFactory" \
         "Exportcartons包装费18.50" "FOBvalueFOB货值2,067.50SeafreightNingbotoLongBeach海运费265.00Total合计(USD)2,332.50"; do
  grep -qF -- "$s" <<< "$tcsq" || fail "CI lacks '$s' (white space removed)"
done
[ "$(grep -o "China(CN)" <<< "$tcsq" | wc -l)" -ge 4 ] || fail "origin China (CN) is not on the header and every line"
grep -Eq "(^|[^A-Za-z])CN($|[^A-Za-z)])" <<< "$tcci" && fail "the CI prints a bare CN as origin"
tcpi=$(pdftotext -enc UTF-8 -layout "$work/tc/PO-8812-PI.pdf" -)
tcpisq=$(pdftotext -enc UTF-8 "$work/tc/PO-8812-PI.pdf" - | tr -d ' \n')
for s in "Beneficiaryaddress收款人地址" "Intermediarybank中转行" "JPMorganChaseBankN.A.,NewYork" "CHASUS33" "Bankcharges手续费" "OUR"; do
  grep -qF -- "$s" <<< "$tcpisq" || fail "PI bank block lacks '$s' (white space removed)"
done
"$td" memo "$tc" --stage deposit > "$work/tc-deposit.txt" || fail "memo --stage deposit failed on $tc"
printf '%s\n' "PAYMENT FOR GOODS 30PCT DEPOSIT" "PI HD-PI-2403 ORDER PO-8812" "Yiwu Hengda Trading Co., Ltd." |
  diff - "$work/tc-deposit.txt" || fail "deposit memo does not cite the PI number first"
"$td" memo "$tc" --stage balance > "$work/tc-balance.txt" || fail "memo --stage balance failed on $tc"
printf '%s\n' "PAYMENT FOR GOODS 70PCT BALANCE" "CI HD-CI-2405 ORDER PO-8812" "Yiwu Hengda Trading Co., Ltd." |
  diff - "$work/tc-balance.txt" || fail "balance memo does not cite the CI number first"
for s in "Beneficiary address: Room 1201, 99 Futian Road, Yiwu, Zhejiang, China" "Intermediary bank:   JPMorgan Chase Bank N.A., New York" \
         "Intermediary BIC:    CHASUS33" "Bank charges:        OUR (field 71A)"; do
  grep -qF -- "$s" "$work/tc/PO-8812-memo.txt" || fail "memo file lacks '$s'"
done
set +e; "$td" check "$tc" --amazon --account-name "HARBOR LANE GOODS LLC" \
  --account-address "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA" --as-of 2024-06-01 > "$work/tc-amazon.txt"; rc=$?; set -e
[ $rc -eq 0 ] || fail "check --amazon exit $rc on a ready order: $(cat "$work/tc-amazon.txt")"
[ "$(grep -c '^  met ' "$work/tc-amazon.txt")" -eq 8 ] || fail "check --amazon: $(cat "$work/tc-amazon.txt")"
set +e; "$td" check "$tc" --amazon --account-name "Harbor Lane Goods" \
  --account-address "2150 East Maple Avenue, Unit B, El Segundo, CA 90245, USA" --as-of 2025-06-01 > "$work/tc-amazon.txt"; rc=$?; set -e
[ $rc -eq 1 ] || fail "check --amazon exit $rc with an unmet requirement, want 1"
grep -q "NOT MET  buyer name matches the account" "$work/tc-amazon.txt" || fail "check --amazon: $(cat "$work/tc-amazon.txt")"

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
