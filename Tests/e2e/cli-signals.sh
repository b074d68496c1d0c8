#!/usr/bin/env bash
# Ctrl-C (SIGINT) and SIGTERM stop a long `pact solve --exact` cleanly and quickly:
# exit code 130, a message on stderr, within 2 s of the signal (the solver stops at
# its next poll; if a step runs longer, pact exits after a 1.5 s grace period or at
# a second signal). compare, sweep and plot stop the same way and write no file.
# A time budget of 1 s ends the same way in about a second.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/.build/debug/pact"
[ -x "$bin" ] || swift build 2>&1 | tail -n 1
tmp=$(mktemp -d)
pid=
cleanup() { if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "cli-signals: FAIL: $*"; [ -s "$tmp/err" ] && sed 's/^/  stderr: /' "$tmp/err"; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

"$bin" bench --generate 12,40,6,3 > "$tmp/f.json" || fail "bench --generate failed"

# Starts the exact solve, sends signal $1 after $2 s, checks exit 130 + message within 2 s.
signal_test() {
  local sig=$1 delay=$2
  "$bin" solve "$tmp/f.json" --exact --time-budget 600 > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  sleep "$delay"
  kill -0 "$pid" 2>/dev/null || fail "SIG$sig: the solve ended before the signal (too easy a scenario?)"
  local sent; sent=$(now)
  kill -s "$sig" "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.05; waited=$((waited + 1))
    [ "$waited" -lt 100 ] || fail "SIG$sig: still running 5 s after the signal"
  done
  local status=0
  wait "$pid" || status=$?
  pid=
  local took; took=$(elapsed "$sent" "$(now)")
  [ "$status" -eq 130 ] || fail "SIG$sig: exit $status, expected 130"
  grep -q "interrupted" "$tmp/err" || fail "SIG$sig: no \"interrupted\" message"
  awk -v t="$took" 'BEGIN { exit !(t < 2) }' || fail "SIG$sig: took $took s to stop (limit 2 s)"
  echo "cli-signals: SIG$sig after ${delay}s: exit 130 in ${took}s ($(head -n 1 "$tmp/err"))"
}

signal_test INT 1
signal_test TERM 1
signal_test INT 3

# The other long-running commands stop the same way and write no half file.
for cmd in "compare --exact --time-budget 600" "sweep --knob lossBins=64,256,1024 --time-budget 600" \
  "plot --svg $tmp/o.svg --exact"; do
  "$bin" ${cmd%% *} "$tmp/f.json" ${cmd#* } > "$tmp/out" 2> "$tmp/err" &
  pid=$!
  sleep 1.5
  kill -0 "$pid" 2>/dev/null || fail "$cmd: ended before the signal"
  sent=$(now)
  kill -INT "$pid"
  status=0
  wait "$pid" || status=$?
  pid=
  took=$(elapsed "$sent" "$(now)")
  [ "$status" -eq 130 ] || fail "$cmd: exit $status after SIGINT, expected 130"
  [ -s "$tmp/err" ] || fail "$cmd: no message after SIGINT"
  awk -v t="$took" 'BEGIN { exit !(t < 2) }' || fail "$cmd: took $took s to stop (limit 2 s)"
  [ ! -e "$tmp/o.svg" ] || fail "$cmd: wrote its output although interrupted"
  echo "cli-signals: pact ${cmd%% *} SIGINT: exit 130 in ${took}s ($(tail -n 1 "$tmp/err"))"
done

start=$(now)
status=0
"$bin" solve "$tmp/f.json" --exact --time-budget 1 > "$tmp/out" 2> "$tmp/err" || status=$?
took=$(elapsed "$start" "$(now)")
[ "$status" -eq 130 ] || fail "--time-budget 1: exit $status, expected 130"
grep -q "time budget of 1 s ran out" "$tmp/err" || fail "--time-budget 1: no budget message"
awk -v t="$took" 'BEGIN { exit !(t < 3) }' || fail "--time-budget 1 took $took s (limit 3 s)"
echo "cli-signals: --time-budget 1: exit 130 in ${took}s ($(head -n 1 "$tmp/err"))"
echo "cli-signals: ok"
