#!/usr/bin/env bash
# Checks the CI reports with real consumers (not run in CI: it needs npm and Debian packages):
# Microsoft's SARIF multitool with its GitHub rules on replay and triage SARIF of sample-traces/, and
# Debian's python3-junitparser on their JUnit. Exit 0 when neither reports an error.
#   one-time set-up: npm install --prefix ~/.cache/labyrinth-ci @microsoft/sarif-multitool@5.7.0
#                    apt-get install -y python3-junitparser
#   run:             scripts/check-ci-reports.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools="${LABYRINTH_CI_TOOLS:-$HOME/.cache/labyrinth-ci}"
multitool="$tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [[ ! -x "$multitool" ]]; then
  echo "check-ci-reports: no SARIF multitool at $multitool" >&2
  echo "  install it: npm install --prefix $tools @microsoft/sarif-multitool@5.7.0" >&2
  exit 2
fi
if ! /usr/bin/python3 -c 'import junitparser' 2>/dev/null; then
  echo "check-ci-reports: no junitparser for /usr/bin/python3; install it: apt-get install -y python3-junitparser" >&2
  exit 2
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
jar=cli/target/labyrinth.jar
[[ -f "$jar" ]] || ./mvnw -o -B -q package -pl cli -am -DskipTests
run() { java -jar "$jar" "$@" || true; } # exit 1 is expected: the samples have findings
run replay --format sarif -o "$out/replay.sarif" sample-traces/double-free.json
run replay --format sarif -o "$out/rx-storm.sarif" sample-traces/rx-storm-panic.json
run triage --format sarif -o "$out/triage.sarif" sample-traces
run replay --format junit -o "$out/replay.xml" sample-traces/rx-storm-panic.json
run triage --format junit -o "$out/triage.xml" sample-traces

# --rule-kind Gh adds the rules of GitHub code scanning's ingestion to the SARIF ones
"$multitool" validate --rule-kind "Gh;Sarif" --level "Error;Warning" --output "$out/validation.sarif" \
  "$out"/*.sarif >"$out/multitool.log" 2>&1 || true
errors=$(grep -c ': error ' "$out/multitool.log" || true)
warnings=$(grep -c ': warning ' "$out/multitool.log" || true)
grep -E ': (error|warning) ' "$out/multitool.log" || true
echo "sarif-multitool 5.7 (GitHub and SARIF rules): $errors errors, $warnings warnings"

/usr/bin/python3 - "$out/replay.xml" "$out/triage.xml" <<'PY'
import sys
from junitparser import JUnitXml
for path in sys.argv[1:]:
    xml = JUnitXml.fromfile(path)
    cases = [c for suite in xml for c in suite]
    failed = [c for c in cases if c.result]
    missing = [c.name for c in cases if not c._elem.get("file")]
    if missing:
        sys.exit(f"junitparser: {path}: test cases without a file attribute: {missing}")
    print(f"junitparser: {path.rsplit('/', 1)[-1]}: {len(cases)} cases, {len(failed)} failed, tests={xml.tests}")
PY
[[ "$errors" == 0 ]]
