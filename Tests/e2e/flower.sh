#!/usr/bin/env bash
# The Flower integration end to end on this machine: its virtual environment (pinned
# requirements, created once under .build/), its unit tests, then a 3-round plan on 3
# nodes run by Flower's own simulation engine. Checks: the trace parses as pact's trace
# CSV, each round trained exactly the plan's nodes at the plan's remaining fraction,
# `pact calibrate` accepts the trace; and a plan naming a node the federation lacks is
# an error naming it, with the trace file left as it was.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build 2>&1 | tail -n 1
pact=$PWD/.build/debug/pact
python=$(integrations/flower/setup-venv.sh)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "-- unit tests"
(cd integrations/flower/tests && "$python" -m unittest -q 2>&1 | tail -n 3)

echo "-- a 3-round plan on 3 nodes, Flower simulation engine"
"$python" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
s = json.load(open("sample-scenarios/digits-fedavg.json"))
s["name"] = "digits-three"
s["nodes"] = s["nodes"][:3]
s["training"]["epochs"] = 3
json.dump(s, open(f"{tmp}/three.json", "w"), indent=1)
ids = [n["id"] for n in s["nodes"]]
plan = {"scenario": "digits-three", "epochs": [
    {"epoch": 1, "nodes": [ids[0], ids[2]], "level": 0, "remaining": 1.0},
    {"epoch": 2, "nodes": [ids[1]], "level": 1, "remaining": 0.8},
    {"epoch": 3, "nodes": ids, "level": 2, "remaining": 0.64}]}
json.dump(plan, open(f"{tmp}/plan.json", "w"))
PY
start=$(date +%s)
"$python" -m pact_flower run "$tmp/three.json" "$tmp/plan.json" --out "$tmp/trace.csv" 2> "$tmp/run.err" \
  || { cat "$tmp/run.err"; exit 1; }
echo "   ran in $(( $(date +%s) - start )) s: $(grep -v -i deprecat "$tmp/run.err" | grep rounds)"
"$python" - "$tmp" <<'PY'
import csv, json, sys
tmp = sys.argv[1]
plan = json.load(open(f"{tmp}/plan.json"))
with open(f"{tmp}/trace.csv", newline="") as f:
    reader = csv.DictReader(f)
    assert reader.fieldnames == "run,alpha,seed,policy,schedule,round,nodes,samples,remaining,train_loss,test_loss,test_acc".split(","), reader.fieldnames
    rows = list(reader)
assert [int(r["round"]) for r in rows] == [0, 1, 2, 3], [r["round"] for r in rows]
scenario = json.load(open(f"{tmp}/three.json"))
samples = {n["id"]: n["samples"] for n in scenario["nodes"]}
for row, epoch in zip(rows[1:], plan["epochs"]):
    assert row["nodes"].split(";") == epoch["nodes"], (row["nodes"], epoch["nodes"])
    assert abs(float(row["remaining"]) - epoch["remaining"]) < 1e-9, row["remaining"]
    assert int(row["samples"]) == sum(samples[n] for n in epoch["nodes"]), row["samples"]
losses = [float(r["train_loss"]) for r in rows]
assert abs(losses[0] - scenario["training"]["initialLoss"]) < 0.05, losses[0]
assert all(0 < l < 5 for l in losses) and losses[-1] < losses[0], losses
print("   trace: rounds 0-3, the plan's nodes, remaining and samples in every round; train loss", " → ".join(f"{l:.3f}" for l in losses))
PY
"$pact" calibrate "$tmp/trace.csv" --nodes "$tmp/three.json" --scenario "$tmp/three.json" --model pact-v1 > "$tmp/calibrate.txt"
grep -q '"loss": { "model": "pact-v1"' "$tmp/calibrate.txt" || { cat "$tmp/calibrate.txt"; exit 1; }
echo "   pact calibrate read it: $(grep -m1 '^calibrated' "$tmp/calibrate.txt")"

echo "-- a plan node missing from the federation"
printf 'keep me\n' > "$tmp/keep.csv"
"$python" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
s = json.load(open(f"{tmp}/three.json"))
ids = [n["id"] for n in s["nodes"]]
json.dump({"epochs": [{"epoch": 1, "nodes": [ids[0], "a1-s0-n9"], "remaining": 1.0}]}, open(f"{tmp}/bad-plan.json", "w"))
PY
if "$python" -m pact_flower run "$tmp/three.json" "$tmp/bad-plan.json" --out "$tmp/keep.csv" 2> "$tmp/bad.err"; then
  echo "FAIL: a plan with an unknown node ran"; exit 1
fi
grep -q "a1-s0-n9" "$tmp/bad.err" || { echo "FAIL: the error does not name the node"; cat "$tmp/bad.err"; exit 1; }
[ "$(cat "$tmp/keep.csv")" = "keep me" ] || { echo "FAIL: the trace file was touched"; exit 1; }
echo "   $(grep -m1 pact-flower "$tmp/bad.err")"
echo "flower e2e passed"
