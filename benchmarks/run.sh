#!/usr/bin/env bash
# Performance targets of issue 8, measured side by side (docs/performance.md has the results).
# Generates its inputs with `labyrinth gen` into a scratch folder (never committed), then prints:
#   throughput  replay / floor (plain Jackson token pass), document and NDJSON, median of RUNS
#   memory      replay under -Xmx256m
#   repl        its first pass (repl -c info) against the replay, then 20 seeded random gotos timed
#               by the REPL's own `time` command with -Xmx512m: median and worst
#   binary      replay of the .lbt form in events/s, beside heaptrack_print on a recording of as
#               many malloc/free events (when heaptrack and gcc are installed)
#   triage      --jobs 2 against --jobs 1 on a folder of 200 traces
#   start-up    labyrinth --version and a replay of a 100-event trace (wall time)
# Usage: benchmarks/run.sh [EVENTS (default 10000000)] [RUNS (default 3)]. SCRATCH=dir to keep inputs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-10000000}"
runs="${2:-3}"
scratch="${SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/labyrinth-bench.XXXXXX")}"
mkdir -p "$scratch"
cd "$root"
./mvnw -B -o -q -pl cli,benchmarks -am package -DskipTests >&2
lab="$root/labyrinth"
bench="$root/benchmarks/target/benchmarks.jar"
opts="-Xmn32m" # what the launcher passes

# median wall seconds of RUNS runs of a command (output discarded); CPU seconds (user+sys) beside it
median() {
  local -a walls cpus
  for ((i = 0; i < runs; i++)); do
    local out
    /usr/bin/time -o "$scratch/time.txt" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$scratch/time.txt")
    walls+=("$(echo "$out" | awk '{print $1}')")
    cpus+=("$(echo "$out" | awk '{print $2 + $3}')")
  done
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "inputs: $events events of gen steady in $scratch"
[ -f "$scratch/steady.json" ] || "$lab" gen steady --events "$events" -o "$scratch/steady.json" 2>/dev/null
[ -f "$scratch/steady.ndjson" ] || "$lab" gen steady --events "$events" -o "$scratch/steady.ndjson" 2>/dev/null
[ -f "$scratch/steady.lbt" ] || "$lab" convert "$scratch/steady.json" -o "$scratch/steady.lbt" 2>/dev/null
ls -la "$scratch"/steady.* | awk '{print "  " $5 " bytes  " $9}'

for form in json ndjson; do
  read -r fw fc < <(median java $opts -cp "$bench" labyrinth.bench.TokenSkim "$scratch/steady.$form")
  read -r rw rc < <(median "$lab" replay "$scratch/steady.$form")
  echo "throughput ($form): floor ${fw}s wall ${fc}s cpu; replay ${rw}s wall ${rc}s cpu;" \
    "ratio wall $(ratio "$rw" "$fw") cpu $(ratio "$rc" "$fc") (target <= 1.3)"
done
echo "warm in-process passes (document form):"
java $opts -cp "$bench" labyrinth.bench.Passes "$scratch/steady.json" "$runs" 2>/dev/null | sed 's/^/  /'

if LABYRINTH_JAVA_OPTS=-Xmx256m "$lab" replay "$scratch/steady.json" >/dev/null 2>"$scratch/mem.err" \
    || [ "$?" -le 1 ]; then
  echo "memory: replay with -Xmx256m: ok"
else
  echo "memory: replay with -Xmx256m: FAILED ($(tail -1 "$scratch/mem.err"))"
fi

read -r pw _ < <(median "$lab" replay "$scratch/steady.json")
read -r qw _ < <(median "$lab" repl "$scratch/steady.json" -c info)
echo "repl: first pass ${qw}s against replay ${pw}s: ratio $(ratio "$qw" "$pw") (target <= 1.5)"
gotos=$(awk -v n="$events" 'BEGIN { srand(1); for (i = 0; i < 20; i++) printf "time goto %d; ", int(rand() * n) }')
LABYRINTH_JAVA_OPTS=-Xmx512m "$lab" repl "$scratch/steady.json" -c "$gotos" 2>&1 \
  | sed -n 's/^(\([0-9]*\) ms)$/\1/p' | sort -n > "$scratch/gotos.txt"
echo "repl: $(wc -l < "$scratch/gotos.txt") gotos with -Xmx512m: median $(sed -n 10p "$scratch/gotos.txt") ms," \
  "worst $(tail -1 "$scratch/gotos.txt") ms (target about 200)"

read -r bw bc < <(median "$lab" replay "$scratch/steady.lbt")
echo "binary: replay of $events events: ${bw}s wall -> $(awk -v n="$events" -v t="$bw" 'BEGIN{printf "%.1f", n/t/1e6}') M events/s (end to end, target >= 20)"
java $opts -cp "$bench" labyrinth.bench.Passes "$scratch/steady.lbt" "$runs" --no-floor 2>/dev/null | sed 's/^/  warm: /'

if command -v heaptrack >/dev/null && command -v gcc >/dev/null; then
  pairs=$((events / 2))
  cat > "$scratch/pairs.c" <<'C'
#include <stdlib.h>
int main(int argc, char **argv) {
  long n = atol(argv[1]);
  for (long i = 0; i < n; i++) { volatile char *p = malloc(64 + (i & 255)); p[0] = 1; free((void *)p); }
  return 0;
}
C
  gcc -O1 -o "$scratch/pairs" "$scratch/pairs.c"
  if [ ! -f "$scratch/pairs.ht.zst" ] && [ ! -f "$scratch/pairs.ht.gz" ]; then
    (cd "$scratch" && heaptrack -o "$scratch/pairs.ht" "$scratch/pairs" "$pairs" >/dev/null 2>&1)
  fi
  ht=$(ls "$scratch"/pairs.ht.* | head -1)
  read -r hw hc < <(median heaptrack_print "$ht")
  echo "heaptrack_print: $((pairs * 2)) alloc/free events in ${hw}s wall -> $(awk -v n="$((pairs * 2))" -v t="$hw" 'BEGIN{printf "%.1f", n/t/1e6}') M events/s"
fi

mkdir -p "$scratch/triage"
if [ ! -f "$scratch/triage/t199.json" ]; then
  for i in $(seq 0 199); do
    "$lab" gen random --seed "$i" --events 20000 -o "$scratch/triage/t$i.json" 2>/dev/null
  done
fi
read -r j1 _ < <(median "$lab" triage --jobs 1 "$scratch/triage")
read -r j2 _ < <(median "$lab" triage --jobs 2 "$scratch/triage")
echo "triage: 200 traces: --jobs 1 ${j1}s, --jobs 2 ${j2}s: speed-up $(ratio "$j1" "$j2") (target >= 1.7)"

"$lab" gen steady --events 100 -o "$scratch/s100.json" 2>/dev/null
read -r vw _ < <(median "$lab" --version)
read -r sw _ < <(median "$lab" replay "$scratch/s100.json")
echo "start-up: --version ${vw}s, replay of 100 events ${sw}s (target <= 0.5)"
[ -n "${SCRATCH:-}" ] || rm -rf "$scratch"
