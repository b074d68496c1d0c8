#!/usr/bin/env bash
# End-to-end smoke test of the dashboard in a real terminal (tmux): start it on
# the built-in scenario, wait for the plan, edit a node, check the plan on
# screen changed, resize (compact, too small, back), quit with q, and check
# that the process exited 0. Polls with timeouts; no fixed long sleeps.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build 2>&1 | tail -n 1
bin="$PWD/.build/debug/pact"
[ -x "$bin" ] || { echo "tui-smoke: $bin not built"; exit 1; }

tmp=$(mktemp -d)
sock="pact-tui-smoke-$$"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

screen() { tmux -L "$sock" capture-pane -p -t smoke 2>/dev/null || true; }
fail() {
  echo "tui-smoke: FAIL: $*"
  echo "---- screen ----"
  screen
  exit 1
}
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT.
wait_for() {
  local text=$1 limit=${2:-20} start=$SECONDS
  until screen | grep -qF -- "$text"; do
    [ $((SECONDS - start)) -ge "$limit" ] && fail "no \"$text\" on screen after ${limit}s"
    sleep 0.1
  done
}
# wait_gone TEXT [SECONDS]: poll until the screen no longer shows TEXT.
wait_gone() {
  local text=$1 limit=${2:-20} start=$SECONDS
  while screen | grep -qF -- "$text"; do
    [ $((SECONDS - start)) -ge "$limit" ] && fail "\"$text\" still on screen after ${limit}s"
    sleep 0.1
  done
}
# wait_settled: no solve running (neither the first pass nor the refinement of a draft).
wait_settled() {
  wait_gone "solving…" 30
  wait_gone "refining…" 30
}
plan_rows() { screen | grep -E '^│ +[0-9]+ ' || true; }

tmux -L "$sock" new-session -d -s smoke -x 120 -y 40 \
  "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$bin'; echo \$? > '$tmp/exit'; sleep 5"

wait_for "✓ feasible" 30
wait_settled
before=$(plan_rows)
[ -n "$before" ] || fail "no plan rows on screen"
header_before=$(screen | head -n 1)

# Edit: select jet1 (5th node) and scale its FLOP/s down one step.
tmux -L "$sock" send-keys -t smoke j j j j -
wait_for "jet1.flops = 1.04 T" 10
wait_for "[modified]" 10
wait_settled
after=$(plan_rows)
[ "$before" != "$after" ] || fail "the plan on screen did not change after the edit"
screen | head -n 1 | grep -qE '[+−][0-9.]+ k?J' || fail "no energy delta in the header: $(screen | head -n 1)"

# Undo brings the first plan back.
tmux -L "$sock" send-keys -t smoke u
wait_for "undone" 10
wait_settled
[ "$(plan_rows)" = "$before" ] || fail "undo did not restore the plan"

# Resize: compact layout, too small, back to full.
tmux -L "$sock" resize-window -t smoke -x 80 -y 24
wait_for "Tab: [Nodes]" 10
tmux -L "$sock" resize-window -t smoke -x 50 -y 15
wait_for "terminal too small" 10
tmux -L "$sock" resize-window -t smoke -x 120 -y 40
wait_for "✓ feasible" 10
wait_for "Time-expanded graph" 10

# Help overlay opens and closes.
tmux -L "$sock" send-keys -t smoke '?'
wait_for "any key closes" 10
tmux -L "$sock" send-keys -t smoke Escape
wait_gone "any key closes" 10

tmux -L "$sock" send-keys -t smoke q
start=$SECONDS
until [ -s "$tmp/exit" ]; do
  [ $((SECONDS - start)) -ge 10 ] && fail "pact did not exit after q"
  sleep 0.1
done
code=$(cat "$tmp/exit")
[ "$code" = "0" ] || fail "pact exited with $code"
echo "tui-smoke: ok (started, planned, edited, replanned, undid, resized, quit with 0)"
