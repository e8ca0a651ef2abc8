#!/usr/bin/env bash
# Builds the HTML report of a trace, loads it in headless Chromium (load time, console errors) and
# takes a screenshot of its top, for the README.
#
#   scripts/screenshot-report.sh [TRACE] [PNG] [HEIGHT]
#
# TRACE defaults to sample-traces/rx-storm-panic.json, PNG to docs/rx-storm-report.png, HEIGHT (of
# the picture, in pixels; 1400 wide) to 1600. Needs Chromium: on Debian or Ubuntu,
# `apt-get update && apt-get install -y chromium`. The page is opened from a local file and loads
# nothing else; scripts/check-report.py drives the browser. Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trace="${1:-$root/sample-traces/rx-storm-panic.json}"
png="${2:-$root/docs/rx-storm-report.png}"
height="${3:-1600}"

if [ ! -f "$trace" ]; then
  echo "screenshot-report: no trace at $trace; give one as the first argument" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
html="$work/$(basename "$trace" | sed 's/\.[^.]*$//').html"
# run beside the trace so that the report names it as people would type it; a panicking trace
# exits 1 by design, hence --fail-on never: only the report matters here
(cd "$(dirname "$trace")" && "$root/labyrinth" replay -q --fail-on never --html "$html" -o "$work/report.txt" \
  "$(basename "$trace")")
mkdir -p "$(dirname "$png")"
python3 "$root/scripts/check-report.py" --screenshot "$png" --height "$height" "$html"
