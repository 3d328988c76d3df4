#!/usr/bin/env bash
# Benchmark: `aicr bundle` of the golden EKS/H100/Ubuntu/training recipe through the launcher
# (CDS archive, C1, serial GC), median of 7 warm runs per deployer.
# Target from issue 4: the helm bundle <= 0.6 s wall on the 2-core machine.
source "$(dirname "$0")/lib.sh"
cd "$bench_root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
recipe=golden/bundle/recipe.yaml
bench "bundle helm (golden recipe)" 7 -- ./aicr bundle -r "$recipe" -o "$out/helm"
bench "bundle argocd-helm" 7 -- ./aicr bundle -r "$recipe" -d argocd-helm -o "$out/argocd-helm"
bench "bundle flux" 7 -- ./aicr bundle -r "$recipe" -d flux -o "$out/flux"
bench "bundle helm, readiness + scheduling flags" 7 -- ./aicr bundle -r "$recipe" -o "$out/opts" --readiness-hooks \
  --accelerated-node-selector nvidia.com/gpu.present=true --system-node-toleration dedicated=system:NoSchedule \
  --dynamic certmanager:replicaCount --storage-class gp3
