#!/usr/bin/env bash
# Benchmark: `aicr recipe` and `aicr query` through the launcher (CDS archive, C1, serial GC),
# median of 7 warm runs. Target from issue 2: recipe <= 0.45 s wall on the 2-core machine.
source "$(dirname "$0")/lib.sh"
cd "$bench_root"
bench "recipe eks/h100/ubuntu/training" 7 -- ./aicr recipe --service eks --accelerator h100 --os ubuntu --intent training -o /dev/null
bench "recipe -t json" 7 -- ./aicr recipe --service eks --accelerator h100 --os ubuntu --intent training -t json -o /dev/null
bench "query values selector" 7 -- ./aicr query --service eks --accelerator h100 --os ubuntu --intent training --selector components.gpu-operator.values.driver.version
bench "recipe list" 7 -- ./aicr recipe list
