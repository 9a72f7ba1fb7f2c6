#!/usr/bin/env bash
# Whole-batch figures for tradedocs (issue: thousands of documents in seconds).
# Builds a 1,000-order workbook (20 bilingual lines each, fixed seed), times
# `tradedocs generate` on it and, in the same run, a baseline that writes the
# same tables with fpdf and a core font; then times one order end to end.
# Prints CPU time (user + sys) and wall time, documents per second, peak RSS,
# total bytes and the ratio of CPU per PDF to the baseline's, each the
# median of several alternating turns. Usage: [RUNS=5] scripts/bench.sh [ORDERS] [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${1:-1000}
lines=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/tradedocs" ./cmd/tradedocs
go build -o "$work/baseline" ./scripts/baseline
go run ./scripts/mkbench -o "$work/bench.xlsx" -orders "$orders" -lines "$lines" -seed 1

# measure CMD...: runs it and leaves "wall_s peak_rss_kb user_s sys_s" in
# $work/time.txt; a failing command stops the script with its error output.
measure() {
  if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"; then
    echo "bench: failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1
  fi
}

# median of the numbers on stdin (one a line)
median() { sort -g | awk '{v[NR]=$1} END{if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# tradedocs and the baseline take turns, RUNS times each (default 5), on a
# fresh output folder every time. Wall time on this shared machine swings
# by a factor of 2-5 with the other work on it, so the figures that count
# are CPU time (user + sys, which the neighbours hardly change) and the
# ratio of CPU per PDF to the baseline's in the same turn; each is the
# median over the turns, with the range. Each timed run starts after sync,
# so that it does not pay for writing back the previous run's files.
runs=${RUNS:-5}
: > "$work/runs.txt"
for i in $(seq "$runs"); do
  rm -rf "$work/out" "$work/base"
  sync
  measure "$work/tradedocs" generate "$work/bench.xlsx" -o "$work/out" --quiet
  read -r tw tr tu ts < "$work/time.txt"
  n=$(ls "$work/out"/*.pdf | wc -l)
  sync
  measure "$work/baseline" "$work/bench.xlsx" "$work/base"
  read -r bw br bu bs < "$work/time.txt"
  bn=$(ls "$work/base"/*.pdf | wc -l)
  echo "$i $tw $tr $tu $ts $n $bw $br $bu $bs $bn" >> "$work/runs.txt"
  awk -v i="$i" -v tw="$tw" -v tc="$(awk -v u="$tu" -v s="$ts" 'BEGIN{print u+s}')" -v n="$n" \
      -v bw="$bw" -v bc="$(awk -v u="$bu" -v s="$bs" 'BEGIN{print u+s}')" -v bn="$bn" 'BEGIN {
    printf "turn %d:    tradedocs %.2f s CPU (%.2f s wall), baseline %.2f s CPU (%.2f s wall): %.2fx CPU per PDF\n", i, tc, tw, bc, bw, (tc/n)/(bc/bn)
  }'
done
pdfs=$(ls "$work/out"/*.pdf | wc -l)
memos=$(ls "$work/out"/*-memo.txt | wc -l)
bytes=$(du -cb "$work/out"/*.pdf | tail -1 | cut -f1)
largest=$(ls -S "$work/out"/*.pdf | awk 'NR==1')
base_pdfs=$(ls "$work/base"/*.pdf | wc -l)
col() { awk -v c="$1" '{print $c}' "$work/runs.txt"; }
t_cpu=$(awk '{print $4+$5}' "$work/runs.txt" | median)
b_cpu=$(awk '{print $9+$10}' "$work/runs.txt" | median)
t_wall=$(col 2 | median); b_wall=$(col 7 | median)
t_rss=$(col 3 | sort -n | tail -1); b_rss=$(col 8 | sort -n | tail -1)
ratio=$(awk '{print (($4+$5)/$6)/(($9+$10)/$11)}' "$work/runs.txt" | median)
ratio_lo=$(awk '{print (($4+$5)/$6)/(($9+$10)/$11)}' "$work/runs.txt" | sort -g | head -1)
ratio_hi=$(awk '{print (($4+$5)/$6)/(($9+$10)/$11)}' "$work/runs.txt" | sort -g | tail -1)

# The compression-and-write floor of the last turn's output (issue 16):
# deflating its streams again at the same levels, hashing and writing its
# files (scripts/floor), against tradedocs' median CPU time.
go build -o "$work/floor" ./scripts/floor
sync
floor_cpu=$("$work/floor" -o "$work/floor-out" "$work/out" | sed -n 's/.* \([0-9.]*\) s CPU.*/\1/p')
rm -rf "$work/floor-out"
awk -v f="$floor_cpu" -v t="$t_cpu" 'BEGIN { printf "floor:      %.2f s CPU for the same output (tradedocs is %.1fx the floor)\n", f, t/f }'

# one order, process start included: 20 runs in a row under one clock (CPU
# time is counted in 10 ms steps, too coarse for a single run), 5 times;
# the median per run.
single="$work/single"
: > "$work/single.txt"
for i in 1 2 3 4 5; do
  rm -rf "$single"; mkdir -p "$single"
  measure sh -c 'for j in $(seq 20); do "$1" generate examples/usd-fob-30-70.xlsx -o "$2/$j" --quiet || exit 1; done' sh "$work/tradedocs" "$single"
  read -r w _ u s < "$work/time.txt"
  echo "$w $u $s" >> "$work/single.txt"
done
one_wall=$(awk '{print $1/20}' "$work/single.txt" | median)
one_cpu=$(awk '{print ($2+$3)/20}' "$work/single.txt" | median)

awk -v o="$orders" -v l="$lines" -v runs="$runs" -v tw="$t_wall" -v tc="$t_cpu" -v tr="$t_rss" -v bw="$b_wall" -v bc="$b_cpu" -v br="$b_rss" \
    -v n="$pdfs" -v m="$memos" -v bytes="$bytes" -v bn="$base_pdfs" -v ratio="$ratio" -v rlo="$ratio_lo" -v rhi="$ratio_hi" \
    -v ow="$one_wall" -v oc="$one_cpu" -v big="$(stat -c %s "$largest")" 'BEGIN {
  printf "input:      %d orders x %d lines; medians of %d alternating turns each\n", o, l, runs
  printf "tradedocs:  %d PDFs + %d memos in %.2f s CPU (%.2f ms CPU/PDF), %.2f s wall (%.0f PDFs/s), peak RSS %.0f MB, %.1f MB total (%.1f KB/PDF, largest %.1f KB)\n", n, m, tc, tc*1000/n, tw, n/tw, tr/1024, bytes/1048576, bytes/n/1024, big/1024
  printf "baseline:   %d PDFs (fpdf, Helvetica) in %.2f s CPU (%.2f ms CPU/PDF), %.2f s wall, peak RSS %.0f MB\n", bn, bc, bc*1000/bn, bw, br/1024
  printf "ratio:      %.2fx the core-font baseline in CPU per PDF (median of the turns; range %.2f-%.2fx)\n", ratio, rlo, rhi
  printf "one order:  PI + CI + packing list + memo in %.1f ms CPU, %.1f ms wall, process start included (median of 5 x 20 runs)\n", oc*1000, ow*1000
}'

# peak LABEL INPUT DESC: one generate run on INPUT, printed as its peak
# RSS, CPU and wall time after LABEL and DESC.
peak() {
  rm -rf "$work/out"
  sync
  measure "$work/tradedocs" generate "$2" -o "$work/out" --quiet
  read -r w rss u s < "$work/time.txt"
  awk -v label="$1" -v desc="$3" -v w="$w" -v rss="$rss" -v c="$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')" -v p="$(ls "$work/out"/*.pdf | wc -l)" 'BEGIN {
    printf "%-11s %s (%d PDFs): peak RSS %.0f MB, %.1f s CPU, %.1f s wall\n", label, desc, p, rss/1024, c, w
  }'
}

# BOOK="1000 3800" scripts/bench.sh adds the peak RSS of one generate run
# on a single workbook of N orders of LINES lines (3,800 of 20 is close to
# the million cells one workbook may take): its orders are read one by one
# (spreadsheet.ReadEach), each let go once issued.
for n in ${BOOK:-}; do
  go run ./scripts/mkbench -o "$work/book.xlsx" -orders "$n" -lines "$lines" -seed 1
  peak "one book:" "$work/book.xlsx" "$(printf '%6d orders x %d lines in one workbook' "$n" "$lines")"
done

# MEMORY="1000 2000 5000 10000" scripts/bench.sh adds the memory curve of
# issue 16: peak RSS of one generate run on a month-end folder of N orders
# of LINES lines, in workbooks of 1,000 orders. Flat means the batch does
# not grow the memory: one file is read at a time, order by order, and
# each order kept only as its number and problems (batch.LoadOptions.Light).
for n in ${MEMORY:-}; do
  rm -rf "$work/folder"
  go run ./scripts/mkbench -o "$work/folder" -orders "$n" -lines "$lines" -per-file 1000 -seed 1
  peak "memory:" "$work/folder" "$(printf '%6d orders x %d lines' "$n" "$lines")"
done
