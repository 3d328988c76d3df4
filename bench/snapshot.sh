#!/usr/bin/env bash
# Benchmarks of issue 7, through the launcher (CDS archive, C1, serial GC), median of 7 warm runs:
#  1. `aicr snapshot` in agent mode on the reference host-root fixtures, no cluster credentials
#     (target: < 0.5 s wall on the 2-core machine).
#  2. `aicr diff` of two snapshot files.
#  3. The Kubernetes client's cost: a cm:// input and the snapshot Job's first calls against a
#     loopback port that refuses at once (client start-up, one failed call, exit).
source "$(dirname "$0")/lib.sh"
cd "$bench_root"
fixtures=golden/snapshot/fixtures
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/refused.yaml" <<'YAML'
apiVersion: v1
kind: Config
clusters:
- cluster: {server: "https://127.0.0.1:1"}
  name: c
contexts:
- context: {cluster: c, user: u}
  name: x
current-context: x
users:
- name: u
  user: {token: abc}
YAML
for f in a100x8-rhel9 l40s-x2-ubuntu2204 cpu-only-debian12; do
  bench "snapshot agent mode $f" 7 -- env AICR_AGENT_MODE=true AICR_HOST_ROOT="$fixtures/$f" NODE_NAME=fixture-node \
    KUBECONFIG=/nonexistent ./aicr snapshot -o /dev/null
done
bench "snapshot agent mode, -t json" 7 -- env AICR_AGENT_MODE=true AICR_HOST_ROOT="$fixtures/a100x8-rhel9" \
  KUBECONFIG=/nonexistent ./aicr snapshot -t json -o /dev/null
bench "diff a100 vs l40s (yaml)" 7 -- ./aicr diff --baseline golden/diff/reference/a100x8-rhel9.snapshot.yaml \
  --target golden/diff/reference/l40s-x2-ubuntu2204.snapshot.yaml
bench "recipe (no cluster), for comparison" 7 -- ./aicr recipe --service eks --accelerator h100 --os ubuntu --intent training -o /dev/null
bench "recipe -s cm:// (client, refused)" 7 -- ./aicr recipe -s cm://default/snap -k "$tmp/refused.yaml"
bench "snapshot Job mode (client, refused)" 7 -- ./aicr snapshot -k "$tmp/refused.yaml" -o /dev/null
