#!/usr/bin/env bash
# Optional: do the repository's copies of the contract data still match the originals?
# The tests read only the copies (a plain clone must pass); this compares them, byte for byte,
# with a checkout of the shared project documents, so a change there is noticed and copied in.
#
#   scripts/check-contract-copies.sh SHARED_DIR     (the shared documents' checkout)
#
# Exit 1 when a copy differs or is missing, 2 when SHARED_DIR is not given or not a folder.
# Never run by the tests or CI: a clone stands alone, so the folder is always named.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: scripts/check-contract-copies.sh SHARED_DIR (a folder holding docs/examples, real-traces and schemas)" >&2
  exit 2
fi
shared="$(cd "$1" && pwd)"

status=0
same() { # ORIGINAL COPY
  if ! cmp -s "$1" "$2"; then
    echo "differs from the original or is missing: ${2#"$root"/} (original: $1)"
    status=1
  fi
}

# The examples' README is the project's own; the traces and expected.json are copies.
for f in "$shared"/docs/examples/*; do
  [ "$(basename "$f")" = README.md ] || same "$f" "$root/cli/src/test/resources/examples/$(basename "$f")"
done
# The top-level README of the real traces says where the copies are used; the rest are copies.
while IFS= read -r f; do
  rel="${f#"$shared"/real-traces/}"
  [ "$rel" = README.md ] || same "$f" "$root/trace-format/src/test/resources/real-traces/$rel"
done < <(find "$shared/real-traces" -type f | sort)
for f in sarif-schema-2.1.0.json junit-10.xsd; do
  same "$shared/schemas/$f" "$root/cli/src/test/resources/schemas/$f"
done
same "$shared/real-traces/lkml-2010-01-13-li-hong-mm_page_free_direct.txt" \
  "$root/sample-traces/lkml-2010-01-13-li-hong-mm_page_free_direct.txt"

[ "$status" -ne 0 ] || echo "the copies match $shared"
exit "$status"
