#!/usr/bin/env bash
# Every loss form of docs/MODEL.md, checked against pact: an independent Python
# implementation of the page recomputes each epoch's loss of pact's plans (pact-v1 on
# hospital-consortium, pact-v3 on digits-fedavg, pact-v2 on a digits variant that prunes
# through every level) and must agree to 1e-9 relative.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build 2>&1 | tail -n 1
pact=.build/debug/pact
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/v2.json" <<'PY'
import json, sys
s = json.load(open("sample-scenarios/digits-fedavg.json"))
s["loss"].update({"model": "pact-v2", "curvature": 0.8, "shockExponent": 1.4, "skewExponent": 1.7})
s["loss"].pop("curvatureSlope", None)
json.dump(s, open(sys.argv[1], "w"))
PY
for scenario in sample-scenarios/hospital-consortium.json sample-scenarios/digits-fedavg.json "$tmp/v2.json"; do
  "$pact" solve "$scenario" --json > "$tmp/plan.json"
  python3 Tests/e2e/lib/model_page_loss.py "$scenario" "$tmp/plan.json" \
    || { echo "model-page-forms: $scenario disagrees with docs/MODEL.md"; exit 1; }
done
echo "model-page-forms: ok (pact-v1, pact-v3, pact-v2 losses match the page)"
