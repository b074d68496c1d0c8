#!/usr/bin/env bash
# End-to-end smoke test of the dashboard in a real terminal (tmux): start it on
# the built-in scenario, wait for the plan, edit a node, check the plan on
# screen changed, resize (compact, too small, back), quit with q, and check
# that the process exited 0. Polls with timeouts; no fixed long sleeps.
set -euo pipefail
source "$(dirname "$0")/lib/tmux.sh"
e2e_init tui-smoke
swift build 2>&1 | tail -n 1
# The plan's epochs, one per line (the table runs in columns whose height depends on
# the lines above it, such as "changed: …" after an edit): "ep nodes r time energy loss",
# the first 8 (at least that many fit whatever the lines above).
plan_rows() {
  screen | grep -E '^│ +[0-9]+ ' | sed -E 's/^│//; s/│$//' \
    | awk '{ n = int(length($0) / 2); print substr($0, 1, n); print substr($0, n + 1) }' \
    | sed -E 's/^ +//; s/ +$//' | grep -E '^[0-9]+ ' | sort -n | head -n 8 || true
}

start_pact

wait_for "✓ feasible" 30
wait_settled
before=$(plan_rows)
[ -n "$before" ] || fail "no plan rows on screen"
header_before=$(screen | head -n 1)

# Edit: select jet1 (5th node) and scale its FLOP/s down one step.
keys j j j j -
wait_for "jet1.flops = 1.04 T" 10
wait_for "[modified]" 10
wait_settled
after=$(plan_rows)
[ "$before" != "$after" ] || fail "the plan on screen did not change after the edit"
screen | head -n 1 | grep -qE '[+−][0-9.]+ k?J' || fail "no energy delta in the header: $(screen | head -n 1)"

# Undo brings the first plan back.
keys u
wait_for "undone" 10
wait_settled
[ "$(plan_rows)" = "$before" ] || fail "undo did not restore the plan"

# Resize: compact layout, too small, back to full.
tmux -L "$sock" resize-window -t pane -x 80 -y 24
wait_for "Tab: [Nodes]" 10
tmux -L "$sock" resize-window -t pane -x 50 -y 15
wait_for "terminal too small" 10
tmux -L "$sock" resize-window -t pane -x 120 -y 40
wait_for "✓ feasible" 10
wait_for "Time-expanded graph" 10

# Help overlay opens and closes.
keys '?'
wait_for "Everywhere" 10
keys Escape
wait_gone "Everywhere" 10

keys q
code=$(wait_exit 10)
[ "$code" = "0" ] || fail "pact exited with $code"
echo "tui-smoke: ok (started, planned, edited, replanned, undid, resized, quit with 0)"
