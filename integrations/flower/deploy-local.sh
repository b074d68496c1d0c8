#!/usr/bin/env bash
# Runs a pact plan with Flower's Deployment Engine on this machine: a local SuperLink,
# one SuperNode process per scenario node (its pact id in its node config, as on a
# real device), and `flwr run` of this Flower App. The same app and the same commands,
# with --superlink pointing at another host, are a real deployment (README.md).
#   integrations/flower/deploy-local.sh SCENARIO PLAN TRACE.csv
# Slower than `pact-flower run` (SuperNodes poll; each round starts ClientApp processes):
# measured 86–96 s for 3 rounds on 3 nodes here, against 17 s on the simulation engine.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 SCENARIO PLAN TRACE.csv" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
python=$("$here/setup-venv.sh")
bin=$(dirname "$python")
export PATH="$bin:$PATH"
abs() { "$python" -c 'import os,sys; print(os.path.abspath(sys.argv[1]))' "$1"; }
scenario=$(abs "$1"); plan=$(abs "$2"); trace=$(abs "$3")
"$python" -c 'import sys; from pact_flower.scenario import load_scenario, load_plan; s = load_scenario(sys.argv[1]); load_plan(sys.argv[2], s)' "$scenario" "$plan" \
  || exit 2
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
flower-superlink --insecure > "$work/superlink.log" 2>&1 & pids+=($!)
port=9094
for id in $("$python" -c 'import json,sys; print(" ".join(n["id"] for n in json.load(open(sys.argv[1]))["nodes"]))' "$scenario"); do
  flower-supernode --insecure --superlink 127.0.0.1:8000 --port "$port" --node-config "pact-node=\"$id\"" > "$work/supernode-$id.log" 2>&1 & pids+=($!)
  port=$((port + 1))
done
mkdir -p "$work/home"
printf '[superlink]\ndefault = "local"\n\n[superlink.local]\naddress = "127.0.0.1:8000"\ninsecure = true\n' > "$work/home/config.toml"
for _ in $(seq 1 60); do grep -q "Application startup complete" "$work/superlink.log" && break; sleep 0.5; done
cd "$here"
FLWR_HOME="$work/home" flwr run . local --stream \
  --run-config "scenario=\"$scenario\" plan=\"$plan\" trace=\"$trace\"" > "$work/run.log" 2>&1 || true
if grep -q "ServerApp raised an exception" "$work/run.log" || [ ! -s "$trace" ]; then
  grep -E "PlanError|ScenarioError|Error" "$work/run.log" | tail -n 5 >&2
  echo "deploy-local: the run failed; Flower's log is above" >&2
  exit 1
fi
echo "wrote $trace ($(($(wc -l < "$trace") - 1)) rows) with Flower's Deployment Engine" >&2
