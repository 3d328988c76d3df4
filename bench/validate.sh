#!/usr/bin/env bash
# Benchmarks of issue 3 (targets on the 2-core machine):
#  1. `aicr validate` of the eks/h100/ubuntu/training recipe against snapshot-satisfies.yaml,
#     offline, through the launcher (CDS archive, C1, serial GC): median of 7 <= 0.6 s wall.
#     Also: a --rules directory (compiled once, then loaded from the disk cache) and
#     `aicr rules list`.
#  2. One rule session: 10,000 constraints x 100,000 readings on the shipped rules, < 2 s of
#     session time (JVM flags as the launcher uses them).
source "$(dirname "$0")/lib.sh"
cd "$bench_root"
ref=golden/validate/reference

bench "validate eks/h100 satisfies --no-cluster" 7 -- ./aicr validate --recipe "$ref/recipe-eks-h100-ubuntu-training.yaml" \
  --snapshot "$ref/snapshot-satisfies.yaml" --no-cluster -o /dev/null

rules_dir="$(mktemp -d)"
cache_dir="$(mktemp -d)"
trap 'rm -rf "$rules_dir" "$cache_dir"' EXIT
cat > "$rules_dir/regex.yaml" <<'YAML'
id: site.regex
kind: constraint
severity: warning
summary: =~ matches the reading against a regular expression
reference: benchmark rule
operators: ["=~"]
rules:
  - id: site.regex
    when:
      - { given: Constraint, as: $c, having: [ 'failedStep == null', 'operator == "=~"' ] }
      - { given: Reading, as: $r, having: [ 'key == $c.key' ] }
    then: insert(Verdict.of($c, $r, $r.trimmed().matches($c.operand())));
YAML
export AICR_CACHE_DIR="$cache_dir"
/usr/bin/time -f 'validate --rules DIR, first run (compiles, fills the cache): %es wall' \
  ./aicr validate --recipe "$ref/recipe-eks-h100-ubuntu-training.yaml" --snapshot "$ref/snapshot-satisfies.yaml" \
  --no-cluster --rules "$rules_dir" -o /dev/null 2>&1 | tail -1
bench "validate --rules DIR (cached)" 7 -- ./aicr validate --recipe "$ref/recipe-eks-h100-ubuntu-training.yaml" \
  --snapshot "$ref/snapshot-satisfies.yaml" --no-cluster --rules "$rules_dir" -o /dev/null
bench "rules list" 7 -- ./aicr rules list

echo
echo "rule session benchmark:"
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp cli/target/aicr.jar aicr.validate.SessionBenchmark 10000 100000 5
