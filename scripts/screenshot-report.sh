#!/usr/bin/env bash
# Builds the HTML report of a trace and takes a screenshot of it with headless Chromium, for the
# README (docs/rx-storm-report.png by default).
#
#   scripts/screenshot-report.sh [TRACE] [PNG]
#
# TRACE defaults to sample-traces/rx-storm-panic.json. Needs Chromium: on Debian or Ubuntu,
# `apt-get update && apt-get install -y chromium`. The page is opened from a local file and loads
# nothing else; Chromium's own background networking is switched off.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trace="${1:-$root/sample-traces/rx-storm-panic.json}"
png="${2:-$root/docs/rx-storm-report.png}"

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser="$candidate"
    break
  fi
done
if [ -z "$browser" ]; then
  echo "screenshot-report: Chromium is not installed; install it with:" >&2
  echo "  apt-get update && apt-get install -y chromium" >&2
  exit 1
fi
if [ ! -f "$trace" ]; then
  echo "screenshot-report: no trace at $trace; give one as the first argument" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
html="$work/report.html"
# run beside the trace so that the report names it as people would type it; a panicking trace
# exits 1 by design, hence --fail-on never: only the report matters here
(cd "$(dirname "$trace")" && "$root/labyrinth" replay --fail-on never --html "$html" -o "$work/report.txt" \
  "$(basename "$trace")")

mkdir -p "$(dirname "$png")"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$work/profile" \
  --screenshot="$png" --window-size=1400,1600 "file://$html" 2>"$work/chromium.log" || {
  echo "screenshot-report: $browser failed:" >&2
  cat "$work/chromium.log" >&2
  exit 1
}
echo "wrote $png"
