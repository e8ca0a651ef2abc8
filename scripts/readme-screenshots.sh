#!/usr/bin/env bash
# Makes the two report pictures the README and docs/html-report.md show: the rx-storm sample
# (601 events) and a 200,000-event fragmentation workload made by `labyrinth gen` in a scratch
# folder (never committed: 30 MB). Each report is loaded in headless Chromium first; see
# scripts/check-report.py. Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/scripts/screenshot-report.sh" "$root/sample-traces/rx-storm-panic.json" "$root/docs/rx-storm-report.png" 1600
"$root/labyrinth" gen fragmentation --events 200000 --seed 1 -o "$work/fragmentation-200k.json"
"$root/scripts/screenshot-report.sh" "$work/fragmentation-200k.json" "$root/docs/fragmentation-200k-report.png" 1700
