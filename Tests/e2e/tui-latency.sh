#!/usr/bin/env bash
# Keystroke-to-new-plan-on-screen latency of the dashboard, release build, on
# the built-in scenario and every sample-scenarios/*.json. Opt-in (it needs a
# release build): PACT_MEASURE_LATENCY=1 bash Tests/e2e/tui-latency.sh [EDITS]
# The dashboard logs, per edit, the milliseconds from reading the key to
# flushing the first frame showing that edit's plan (PACT_TRACE_LATENCY=FILE):
# "draft" is the quick coarse-knob plan shown first, "full" the plan with the
# scenario's own knobs that replaces it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${PACT_MEASURE_LATENCY:-}" != "1" ]; then
  echo "tui-latency: skipped (set PACT_MEASURE_LATENCY=1 to measure; builds release)"
  exit 0
fi
edits=${1:-30}
swift build -c release --product pact 2>&1 | tail -n 1
bin="$PWD/.build/release/pact"
tmp=$(mktemp -d)
# One tmux server per scenario, so one ending never races the next one starting.
runs=0
sock="pact-tui-latency-$$-0"
cleanup() {
  for ((r = 0; r <= runs; r++)); do tmux -L "pact-tui-latency-$$-$r" kill-server 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }
fulls() { grep -c ' full ' "$1" 2>/dev/null || true; }

measure() {
  local label=$1 scenario=$2 log="$tmp/$(echo "$1" | tr '/ ' '__').log"
  runs=$((runs + 1))
  sock="pact-tui-latency-$$-$runs"
  tmux -L "$sock" new-session -d -s lat -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 PACT_TRACE_LATENCY='$log' '$bin' tui $scenario; sleep 2"
  local start=$SECONDS
  until [ "$(lines "$log")" -ge 1 ]; do
    if [ $((SECONDS - start)) -ge 120 ]; then echo "$label: no first plan after 120 s"; return; fi
    sleep 0.05
  done
  # Alternate + and - on the FLOP/s of successive nodes; wait for each plan.
  local keys=(+ - j + - j + - k)
  for ((i = 0; i < edits; i++)); do
    local key=${keys[$((i % ${#keys[@]}))]}
    local before
    before=$(fulls "$log")
    tmux -L "$sock" send-keys -t lat "$key"
    if [ "$key" = j ] || [ "$key" = k ]; then continue; fi
    start=$SECONDS
    # Wait for the full plan of this edit (the draft line, if any, comes first).
    until [ "$(fulls "$log")" -gt "$before" ]; do
      if [ $((SECONDS - start)) -ge 60 ]; then echo "$label: edit $i not shown after 60 s"; break 2; fi
      sleep 0.02
    done
  done
  tmux -L "$sock" send-keys -t lat q
  sleep 0.2
  # Edits left unsaved: q asks first; d discards them.
  tmux -L "$sock" send-keys -t lat d 2>/dev/null || true
  sleep 0.2
  # Generation 1 is the initial solve at start-up, not an edit.
  # "first": whichever plan of an edit reached the screen first (its draft, or the full plan).
  for kind in first draft full; do
    if [ "$kind" = first ]; then
      awk '$1 > 1 && !seen[$1]++ {print $3}' "$log" | sort -n > "$tmp/ms"
      awk '$1 > 1 && !seen[$1]++ {print $4}' "$log" | sort -n > "$tmp/solve"
    else
      awk -v k="$kind" '$1 > 1 && $2 == k {print $3}' "$log" | sort -n > "$tmp/ms"
      awk -v k="$kind" '$1 > 1 && $2 == k {print $4}' "$log" | sort -n > "$tmp/solve"
    fi
    local n
    n=$(wc -l < "$tmp/ms")
    if [ "$n" -eq 0 ]; then printf '%-34s %-5s none\n' "$label" "$kind"; continue; fi
    local median p90 max solve
    median=$(awk -v n="$n" 'NR == int((n + 1) / 2) {print}' "$tmp/ms")
    p90=$(awk -v n="$n" 'NR == int(n * 0.9 + 0.999) {print}' "$tmp/ms")
    max=$(tail -n 1 "$tmp/ms")
    solve=$(awk -v n="$n" 'NR == int((n + 1) / 2) {print}' "$tmp/solve")
    printf '%-34s %-5s %3d edits  median %7.1f ms  p90 %7.1f ms  max %7.1f ms  (solver median %6.1f ms)\n' \
      "$label" "$kind" "$n" "$median" "$p90" "$max" "$solve"
  done
}

measure "built-in (pact-demo)" ""
for f in sample-scenarios/*.json; do
  [ -e "$f" ] || continue
  measure "$f" "$f"
done
