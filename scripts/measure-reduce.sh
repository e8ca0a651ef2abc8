#!/bin/sh
# Measures `labyrinth reduce` on a generated rx-storm trace: events before and after, tries, seconds.
# Usage: scripts/measure-reduce.sh [EVENTS] [SEED]   (after ./mvnw -o -q package -DskipTests)
set -eu
events=${1:-20000}
seed=${2:-1}
jar=${LABYRINTH_JAR:-$(dirname "$0")/../cli/target/labyrinth.jar}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
java -jar "$jar" gen rx-storm --events "$events" --seed "$seed" -o "$dir/rx-storm.ndjson"
start=$(date +%s.%N)
java -jar "$jar" reduce "$dir/rx-storm.ndjson" -o "$dir/reduced.json"
end=$(date +%s.%N)
echo "wall clock including JVM start and reading: $(echo "$end - $start" | bc) s"
java -jar "$jar" triage "$dir/rx-storm.ndjson" "$dir/reduced.json"
