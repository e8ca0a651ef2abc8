#!/usr/bin/env bash
# Writes OUT, a Linux 6.x ftrace text capture (the tracing `trace` file with its `# tracer: nop`
# header, 12 lines) and LINES mm_page_alloc / mm_page_free lines: a steady workload on a 1 GiB machine, mostly
# order 0, several tasks and CPUs, that `labyrinth replay` reads without errors (labyrinth.bench.FtraceGen).
# Builds benchmarks/target/benchmarks.jar first when it is missing.
# Usage: benchmarks/gen-ftrace.sh OUT LINES   (10 M lines: about 1.2 GB)
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 OUT LINES" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -o -q -B package -pl benchmarks -am -DskipTests >&2)
fi
exec java -cp "$jar" labyrinth.bench.FtraceGen "$1" "$2"
