#!/usr/bin/env bash
# Benchmark: `aicr serve` on loopback with wrk (Debian package `wrk`; installed here with
# `apt-get install -y wrk` when missing). Reports
#   - start time: launch to the first answered GET /health (median of 5 starts),
#   - sequential GET /v1/recipe latency (one connection, p50/p99) once warm,
#   - throughput of GET /v1/recipe with the rate limiter off at 16 concurrent connections.
# The issue's reference figures (aicrd on the same kind of machine): p50 ~0.5 ms sequential.
# Traffic goes to 127.0.0.1 only; every wrk run is bounded by -d.
source "$(dirname "$0")/lib.sh"
cd "$bench_root"
if ! command -v wrk >/dev/null 2>&1; then
  echo "[bench] installing wrk (Debian package)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null 2>&1 \
    || { echo "[bench] wrk is required: apt-get install wrk" >&2; exit 1; }
fi
./aicr --version >/dev/null   # builds the jar and the CDS archive on first use

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
url_path="/v1/recipe?service=eks&accelerator=h100&intent=training&os=ubuntu"
duration="${BENCH_SECONDS:-10}"

starts=()
for _ in 1 2 3 4 5; do
  port="$(free_port)"
  t0=$(date +%s%N)
  AICR_SKIP_BUILD=1 ./aicr serve --host 127.0.0.1 --port "$port" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.005
  done
  t1=$(date +%s%N)
  starts+=("$(( (t1 - t0) / 1000000 ))")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
printf 'server start to first /health: median %s ms (all: %s)\n' \
  "$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)" "${starts[*]}"

port="$(free_port)"
AICR_SKIP_BUILD=1 ./aicr serve --host 127.0.0.1 --port "$port" --rate-limit 0 >/dev/null 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.005; done
base="http://127.0.0.1:$port"
wrk -t2 -c16 -d"${duration}s" "$base$url_path" >/dev/null     # warm-up: JIT
wrk -t1 -c1 -d"${duration}s" "$base$url_path" >/dev/null
echo "sequential GET /v1/recipe (1 connection, ${duration}s):"
wrk -t1 -c1 -d"${duration}s" --latency "$base$url_path" | grep -E '^\s+(50|90|99)%|Requests/sec'
echo "GET /v1/recipe, limiter off, 16 connections (${duration}s):"
wrk -t2 -c16 -d"${duration}s" --latency "$base$url_path" | grep -E '^\s+(50|99)%|Requests/sec|Non-2xx'
