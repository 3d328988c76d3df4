# Shared helpers for the benchmark scripts: run a command N times, print median wall time and
# peak RSS. Uses /usr/bin/time (GNU time) for both numbers.
set -euo pipefail

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# bench NAME RUNS -- command...
bench() {
  local name="$1" runs="$2"; shift 3
  local times=() peak=0 out tmpf
  tmpf="$(mktemp)"
  "$@" >/dev/null 2>&1 || true   # warm-up: builds the jar and the CDS archive on first use
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmpf" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out="$(tail -1 "$tmpf")"
    times+=("${out% *}")
    local rss="${out#* }"
    [ "$rss" -gt "$peak" ] && peak="$rss"
  done
  rm -f "$tmpf"
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  printf '%-40s median %ss over %d runs (all: %s), peak RSS %d MB\n' "$name" "$median" "$runs" "${times[*]}" $((peak / 1024))
}
