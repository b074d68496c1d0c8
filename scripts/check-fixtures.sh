#!/usr/bin/env bash
# Checks (or with --fix, restores) that the core tests' fixture copies of the
# sample scenarios (and their figure pages) are identical to sample-scenarios/*.json and *.md. Tests must not read
# outside their bundle, so they read the copies in Tests/PACTCoreTests/Fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=Tests/PACTCoreTests/Fixtures/samples
status=0
mkdir -p "$fixtures"
for f in sample-scenarios/*.json sample-scenarios/*.md; do
  copy="$fixtures/$(basename "$f")"
  if ! cmp -s "$f" "$copy"; then
    if [ "${1:-}" = "--fix" ]; then
      cp "$f" "$copy"
      echo "updated $copy"
    else
      echo "out of sync: $copy (run scripts/check-fixtures.sh --fix)"
      status=1
    fi
  fi
done
for copy in "$fixtures"/*.json "$fixtures"/*.md; do
  [ -e "$copy" ] || continue
  if [ ! -e "sample-scenarios/$(basename "$copy")" ]; then
    echo "stale fixture: $copy (no sample-scenarios/$(basename "$copy"))"
    status=1
  fi
done
exit $status
