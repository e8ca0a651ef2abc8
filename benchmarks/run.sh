#!/usr/bin/env bash
# The performance targets of issues 8 and 21, measured side by side (docs/performance.md describes
# them). Generates its inputs with `labyrinth gen` into a scratch folder (never committed), then
# prints, one function a target (TARGETS names them):
#   lbt          .lbt replay end to end in events/s beside heaptrack_print on a recording of exactly
#                as many malloc/free events (when heaptrack and gcc are installed); the engine alone
#   json         replay against a Jackson pass that decodes every value and the bare token-skipping
#                floor, document and JSON Lines; warm in-process passes
#   memory       a BIG_EVENTS-event .lbt replay, and the JSON document's, under -Xmx256m
#   kernel-text  replay of an ftrace capture of EVENTS lines in MB/s beside `gzip -dc` of it
#                compressed (when benchmarks/gen-ftrace.sh is there)
#   repl         its first pass (repl -c info) against the replay, then 20 seeded random gotos
#                timed by the REPL's own `time` command with -Xmx512m: median and worst
#   triage       --jobs 2 against --jobs 1 on a folder of 200 traces
#   start-up     labyrinth --version and a replay of a 100-event trace (wall time)
# Every target line starts with "target" and ends in "met" or "NOT met". Timed runs give the median
# of RUNS runs, wall and CPU (user+sys) seconds. A step that fails (an exit code other than 0, or 0
# and 1 for a replay, which exits 1 on findings) stops the script with a message and exit code 1:
# no figure of a failed run is printed.
# Usage: benchmarks/run.sh [EVENTS (default 10000000)] [RUNS (default 3)]
#   SCRATCH=dir      keep the inputs there between runs (their names carry their sizes)
#   BIG_EVENTS=N     events of the memory target's .lbt (default 10 x EVENTS)
#   ENGINE_HEAP=SIZE -Xmx of the engine-only pass, which holds every event (default from EVENTS)
#   TARGETS="lbt json ..." only these, in this order (default: all, as listed above)
set -Eeuo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops it too
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-10000000}"
runs="${2:-3}"
big_events="${BIG_EVENTS:-$((events * 10))}"
# about 100 bytes an event held in memory, three times that so the collector stays out of the way
engine_heap="${ENGINE_HEAP:-$((events * 300 / 1048576 + 1024))m}"
all_targets="lbt json memory kernel-text repl triage start-up"
targets="${TARGETS:-$all_targets}"
scratch="${SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/labyrinth-bench.XXXXXX")}"
mkdir -p "$scratch"
cd "$root"
lab="$root/labyrinth"
bench="$root/benchmarks/target/benchmarks.jar"
opts="-Xmn32m" # what the launcher passes
trap 'echo "run.sh: FAILED at line $LINENO (in ${FUNCNAME[*]:-the script})" >&2' ERR

fail() {
  echo "run.sh: FAILED: $*" >&2
  exit 1
}

# the middle one of some numbers
middle() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
# millions of N (events or bytes) a second; a run shorter than time's resolution counts as 0.01 s
rate() { awk -v n="$1" -v t="$2" 'BEGIN { if (t < 0.01) t = 0.01; printf "%.2f", n / t / 1e6 }'; }

# target LABEL CONDITION FIGURES: one target line, "met" when the awk CONDITION holds
target() {
  local verdict="NOT met"
  if awk "BEGIN { exit !($2) }"; then verdict="met"; fi
  echo "target: $1: $3: $verdict"
}

# median CODES CMD...: runs CMD RUNS times and sets wall and cpu to the median wall and CPU seconds;
# standard output of the last run stays in $scratch/out.txt (median_out=/dev/null discards it). An
# exit code outside CODES ("0" or "0 1") is a failed step: it is reported and median returns 1,
# which stops the script unless the caller tests it.
median() {
  local codes=" $1 " rc i w u s
  shift
  local -a walls=() cpus=()
  for ((i = 0; i < runs; i++)); do
    rc=0
    /usr/bin/time -o "$scratch/time.txt" -f "%e %U %S" "$@" >"${median_out:-$scratch/out.txt}" 2>"$scratch/err.txt" || rc=$?
    if [[ $codes != *" $rc "* ]]; then
      echo "run.sh: $* exited $rc: $(last_error)" >&2
      return 1
    fi
    read -r w u s < <(tail -1 "$scratch/time.txt")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
  done
  wall=$(middle "${walls[@]}")
  cpu=$(middle "${cpus[@]}")
}

# the last line the last timed command wrote on standard error, or on standard output when it
# wrote none there (a JVM that cannot start may say why on either)
last_error() {
  local line
  line=$(awk 'NF { l = $0 } END { print l }' "$scratch/err.txt")
  [ -n "$line" ] || line=$(awk 'NF { l = $0 } END { print l }' "${median_out:-$scratch/out.txt}")
  echo "$line"
}

# once CODES CMD...: median of one run, for a command that takes its own medians or whose single
# pass is the measure
once() {
  local runs=1
  median "$@"
}

# the event count of the replay report in $scratch/out.txt
replayed() {
  local n
  n=$(sed -n 's/^Summary: \([0-9]*\) events replayed.*/\1/p' "$scratch/out.txt")
  [ -n "$n" ] || fail "no 'Summary: N events replayed' line in the replay's report"
  echo "$n"
}

# input FILE CMD...: runs CMD, which writes FILE, unless FILE is there already (SCRATCH keeps it)
input() {
  local file=$1
  shift
  [ -e "$file" ] && return 0
  "$@" 2>"$scratch/err.txt" || fail "$* exited $?: $(tail -1 "$scratch/err.txt")"
  [ -e "$file" ] || fail "$* wrote no $file"
}

# ---- inputs scaled by EVENTS, named by their size so a reused SCRATCH never mixes sizes
steady="$scratch/steady-$events"
inputs() {
  echo "inputs: $events events of gen steady in $scratch"
  input "$steady.json" "$lab" gen steady --events "$events" -o "$steady.json"
  input "$steady.ndjson" "$lab" gen steady --events "$events" -o "$steady.ndjson"
  input "$steady.lbt" "$lab" gen steady --events "$events" -o "$steady.lbt"
  ls -la "$steady".* | awk '{print "  " $5 " bytes  " $9}'
}

# ---- issue 21 #1 (and issue 8's binary target): .lbt replay against heaptrack_print
target_lbt() {
  echo "== .lbt replay"
  median "0 1" "$lab" replay "$steady.lbt"
  local n lw=$wall lrate
  n=$(replayed)
  lrate=$(rate "$n" "$lw")
  echo ".lbt replay: $n events, ${lw}s wall ${cpu}s cpu: $lrate M events/s (end to end)"
  if command -v heaptrack >/dev/null && command -v heaptrack_print >/dev/null && command -v gcc >/dev/null; then
    local ht
    ht=$(heaptrack_recording "$n")
    median 0 heaptrack_print "$ht"
    local hrate
    hrate=$(rate "$n" "$wall")
    echo "heaptrack_print: a recording of $n malloc/free events, ${wall}s wall ${cpu}s cpu: $hrate M events/s"
    # as many events each: the ratio of the rates is that of the times
    target "issue 21: .lbt replay end to end >= heaptrack_print, events/s" "$lw <= $wall" \
      "$lrate against $hrate M events/s, ratio $(ratio "$wall" "$lw")"
  else
    echo "target: issue 21: .lbt replay end to end >= heaptrack_print, events/s: skipped (needs heaptrack and gcc)"
  fi
  target "issue 8: .lbt replay >= 20 M events/s end to end" "$lrate >= 20" "$lrate M events/s"

  # the replay engine alone: every event in memory first, so no reading is timed
  once 0 java $opts "-Xmx$engine_heap" -cp "$bench" labyrinth.bench.Engine "$steady.lbt" 9
  echo "engine only, warm (labyrinth.bench.Engine, -Xmx$engine_heap): $(sed 's/^engine //' "$scratch/out.txt")"
  # h-engine's JMH benchmark of the engine, when it comes, prints its events/s here
  once 0 java $opts -cp "$bench" labyrinth.bench.Passes "$steady.lbt" "$runs" --no-floor
  sed 's/^/  warm: /' "$scratch/out.txt"
}

# heaptrack_recording N: the path of a heaptrack recording of exactly N malloc/free events, made
# once. The recorded program's start-up makes a few of its own (the C++ runtime heaptrack loads),
# counted first with an empty run, so the program makes N less those.
heaptrack_recording() {
  local n=$1 rec="$scratch/pairs-$1.ht"
  if ! ls "$rec".* >/dev/null 2>&1; then
    cat >"$scratch/pairs.c" <<'C'
#include <stdlib.h>
/* N malloc/free events: N/2 pairs, and one malloc more (never freed) when N is odd */
int main(int argc, char **argv) {
  long n = atol(argv[1]);
  for (long i = 0; i < n / 2; i++) { volatile char *p = malloc(64 + (i & 255)); p[0] = 1; free((void *)p); }
  if (n % 2) { volatile char *p = malloc(64); p[0] = 1; }
  return 0;
}
C
    gcc -O1 -o "$scratch/pairs" "$scratch/pairs.c" || fail "gcc of pairs.c exited $?"
    local base
    base=$(record "$scratch/pairs-base" 0)
    [ "$base" -le "$n" ] || fail "heaptrack's start-up alone makes $base events, more than $n"
    local made
    made=$(record "$scratch/pairs-part" $((n - base)))
    [ "$made" -eq "$n" ] || fail "the heaptrack recording has $made malloc/free events, not $n"
    local part
    part=$(ls "$scratch"/pairs-part.ht.*)
    mv "$part" "$rec.${part##*.}"
    rm -f "$scratch"/pairs-base.ht.*
  fi
  ls "$rec".*
}

# record NAME N: runs the pairs program for N events under heaptrack into NAME.ht.*, prints the
# number of malloc ("+") and free ("-") lines the recording holds
record() {
  rm -f "$1".ht.*
  (cd "$scratch" && heaptrack -o "$1.ht" "$scratch/pairs" "$2" >/dev/null 2>"$scratch/err.txt") \
    || fail "heaptrack of pairs $2 exited $?: $(tail -1 "$scratch/err.txt")"
  local file
  file=$(ls "$1".ht.*)
  case $file in
    *.zst) zstd -dc "$file" ;;
    *.gz) gzip -dc "$file" ;;
    *) cat "$file" ;;
  esac | awk '/^[-+] / { n++ } END { print n + 0 }'
}

# ---- issue 21 #2 (and issue 8's throughput target): JSON replay against Jackson passes
target_json() {
  local form name
  for form in json ndjson; do
    if [ "$form" = json ]; then name="JSON document"; else name="JSON Lines (secondary)"; fi
    echo "== $name"
    median 0 java $opts -cp "$bench" labyrinth.bench.TokenSkim "$steady.$form"
    local fw=$wall fc=$cpu
    median 0 java $opts -cp "$bench" labyrinth.bench.ValuePass "$steady.$form"
    local vw=$wall vc=$cpu
    median "0 1" "$lab" replay "$steady.$form"
    local rw=$wall rc=$cpu
    echo "$form: floor (TokenSkim) ${fw}s wall ${fc}s cpu; values (ValuePass) ${vw}s wall ${vc}s cpu;" \
      "replay ${rw}s wall ${rc}s cpu ($(replayed) events)"
    target "issue 21: $name replay <= 1.15x the values pass (wall)" "$rw <= 1.15 * $vw" \
      "ratio $(ratio "$rw" "$vw") (cpu $(ratio "$rc" "$vc"))"
    target "issue 8: $name replay <= 1.3x the floor (wall)" "$rw <= 1.3 * $fw" \
      "ratio $(ratio "$rw" "$fw") (cpu $(ratio "$rc" "$fc"))"
  done
  echo "warm in-process passes (document form):"
  once 0 java $opts -cp "$bench" labyrinth.bench.Passes "$steady.json" "$runs"
  sed 's/^/  /' "$scratch/out.txt"
}

# ---- issue 21 #3 (and issue 8's memory target): constant memory under -Xmx256m
target_memory() {
  echo "== memory"
  local big="$scratch/steady-$big_events.lbt"
  input "$big" "$lab" gen steady --events "$big_events" -o "$big"
  echo "input: $big_events events of gen steady, $(wc -c <"$big") bytes  $big"
  if median "0 1" env LABYRINTH_JAVA_OPTS=-Xmx256m "$lab" replay "$big"; then
    local n state=ok
    n=$(replayed)
    [ "$n" -eq "$big_events" ] || state="only $n of $big_events events replayed"
    target "issue 21: $big_events-event .lbt replay with -Xmx256m" "$n == $big_events" \
      "$state, ${wall}s wall ${cpu}s cpu: $(rate "$n" "$wall") M events/s"
  else
    target "issue 21: $big_events-event .lbt replay with -Xmx256m" 0 "failed ($(last_error))"
  fi
  if once "0 1" env LABYRINTH_JAVA_OPTS=-Xmx256m "$lab" replay "$steady.json"; then
    target "issue 8: $events-event JSON document replay with -Xmx256m" 1 "ok, ${wall}s wall"
  else
    target "issue 8: $events-event JSON document replay with -Xmx256m" 0 "failed ($(last_error))"
  fi
}

# ---- issue 21 #4: kernel text (ftrace) replay in MB/s, gzip -dc of the same capture beside it
target_kernel_text() {
  echo "== kernel text"
  local gen="$root/benchmarks/gen-ftrace.sh" txt="$scratch/ftrace-$events.txt"
  if [ ! -f "$gen" ]; then
    echo "kernel text: skipped (no benchmarks/gen-ftrace.sh)"
    return 0
  fi
  input "$txt" write_then_move "$txt" bash "$gen" "$txt.part" "$events"
  input "$txt.gz" write_then_move "$txt.gz" sh -c 'gzip -c "$1" >"$2"' gzip "$txt" "$txt.gz.part"
  local size
  size=$(wc -c <"$txt")
  median "0 1" "$lab" replay "$txt"
  local rw=$wall rc=$cpu n mbs
  n=$(replayed)
  mbs=$(rate "$size" "$rw")
  median_out=/dev/null median 0 gzip -dc "$txt.gz"
  local gbs
  gbs=$(rate "$size" "$wall")
  echo "kernel text: $events lines, $(rate "$size" 1) MB ($(wc -c <"$txt.gz") bytes gzipped), $n events;" \
    "replay ${rw}s wall ${rc}s cpu: $mbs MB/s; gzip -dc ${wall}s wall ${cpu}s cpu: $gbs MB/s"
  target "issue 21: kernel text replay >= 100 MB/s" "$mbs >= 100" \
    "$mbs MB/s, $(ratio "$mbs" 100)x the target, $(ratio "$wall" "$rw")x gzip -dc's rate"
}

# write_then_move FILE CMD...: CMD writes FILE.part, kept as FILE only when CMD succeeds, so a
# stopped run leaves no half input for SCRATCH to reuse
write_then_move() {
  local file=$1
  shift
  "$@" || return
  mv "$file.part" "$file"
}

# ---- issue 8: the REPL's first pass and its gotos
target_repl() {
  echo "== repl"
  median "0 1" "$lab" replay "$steady.json"
  local pw=$wall
  median 0 "$lab" repl "$steady.json" -c info
  local qw=$wall
  target "issue 8: repl first pass <= 1.5x the replay" "$qw <= 1.5 * $pw" \
    "${qw}s against ${pw}s, ratio $(ratio "$qw" "$pw")"
  local gotos
  gotos=$(awk -v n="$events" 'BEGIN { srand(1); for (i = 0; i < 20; i++) printf "time goto %d; ", int(rand() * n) }')
  LABYRINTH_JAVA_OPTS=-Xmx512m "$lab" repl "$steady.json" -c "$gotos" >"$scratch/out.txt" 2>&1 \
    || fail "repl with 20 gotos exited $?: $(tail -1 "$scratch/out.txt")"
  sed -n 's/^(\([0-9]*\) ms)$/\1/p' "$scratch/out.txt" | sort -n >"$scratch/gotos.txt"
  [ "$(wc -l <"$scratch/gotos.txt")" -eq 20 ] || fail "repl timed $(wc -l <"$scratch/gotos.txt") of 20 gotos"
  local med worst
  med=$(sed -n 10p "$scratch/gotos.txt")
  worst=$(tail -1 "$scratch/gotos.txt")
  target "issue 8: repl goto about 200 ms with -Xmx512m (median)" "$med <= 200" \
    "20 gotos: median $med ms, worst $worst ms"
}

# ---- issue 8: triage on two cores
target_triage() {
  echo "== triage"
  mkdir -p "$scratch/triage"
  local i
  for i in $(seq 0 199); do
    input "$scratch/triage/t$i.json" "$lab" gen random --seed "$i" --events 20000 -o "$scratch/triage/t$i.json"
  done
  median "0 1" "$lab" triage --jobs 1 "$scratch/triage"
  local j1=$wall
  median "0 1" "$lab" triage --jobs 2 "$scratch/triage"
  target "issue 8: triage of 200 traces, --jobs 2 >= 1.7x --jobs 1" "$j1 >= 1.7 * $wall" \
    "${j1}s and ${wall}s, speed-up $(ratio "$j1" "$wall")"
}

# ---- issue 8: start-up
target_start_up() {
  echo "== start-up"
  input "$scratch/s100.json" "$lab" gen steady --events 100 -o "$scratch/s100.json"
  median 0 "$lab" --version
  target "issue 8: labyrinth --version <= 0.5 s" "$wall <= 0.5" "${wall}s"
  median "0 1" "$lab" replay "$scratch/s100.json"
  target "issue 8: replay of 100 events <= 0.5 s" "$wall <= 0.5" "${wall}s"
}

for t in $targets; do
  declare -F "target_${t//-/_}" >/dev/null || fail "no target '$t' (TARGETS may name: $all_targets)"
done
./mvnw -B -o -q -pl cli,benchmarks -am package -DskipTests >&2
inputs
for t in $targets; do
  "target_${t//-/_}"
done
[ -n "${SCRATCH:-}" ] || rm -rf "$scratch"
