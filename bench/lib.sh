# Shared helpers for the benchmark scripts: run a command N times, print median wall time and
# peak RSS. Uses /usr/bin/time (GNU time) for both numbers.
# With AICR_REF=/path/to/reference-aicr, each run of ./aicr alternates with the same command line
# run by the reference binary, and the line adds the reference's median and the ratio.
set -euo pipefail

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# median of the numbers given as arguments
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# bench NAME RUNS -- command...
bench() {
  local name="$1" runs="$2"; shift 3
  local times=() ref_times=() peak=0 out tmpf ref=() a
  tmpf="$(mktemp)"
  if [ -n "${AICR_REF:-}" ]; then
    for a in "$@"; do [ "$a" = ./aicr ] && ref+=("$AICR_REF") || ref+=("$a"); done
    "${ref[@]}" >/dev/null 2>&1 || true
  fi
  "$@" >/dev/null 2>&1 || true   # warm-up: builds the jar and the CDS archive on first use
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmpf" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out="$(tail -1 "$tmpf")"
    times+=("${out% *}")
    local rss="${out#* }"
    [ "$rss" -gt "$peak" ] && peak="$rss"
    if [ ${#ref[@]} -gt 0 ]; then
      /usr/bin/time -o "$tmpf" -f '%e' "${ref[@]}" >/dev/null 2>&1 || true
      ref_times+=("$(tail -1 "$tmpf")")
    fi
  done
  rm -f "$tmpf"
  local median
  median="$(median_of "${times[@]}")"
  printf '%-40s median %ss over %d runs (all: %s), peak RSS %d MB' "$name" "$median" "$runs" "${times[*]}" $((peak / 1024))
  if [ ${#ref_times[@]} -gt 0 ]; then
    local ref_median
    ref_median="$(median_of "${ref_times[@]}")"
    printf '; reference %ss, ratio %s' "$ref_median" "$(awk -v a="$median" -v b="$ref_median" 'BEGIN {printf (b > 0 ? "%.1fx" : "n/a"), (b > 0 ? a / b : 0)}')"
  fi
  printf '\n'
}
