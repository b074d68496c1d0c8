#!/usr/bin/env bash
# End-to-end test of issue 20's lessons and slides in a real terminal (tmux), on the
# lossBins teaching scenario: the knob view shows coarse values losing energy and the
# finest finding the optimum, with each value's own graph; the layer view keeps its
# axes when + changes the grid; P pins the plan and, after an edit, the plan panel says
# the difference and why the plan changed.
set -euo pipefail
source "$(dirname "$0")/lib/tmux.sh"
e2e_init tui-lessons
swift build 2>&1 | tail -n 1
cp sample-scenarios/teach-lossBins.json "$tmp/teach.json"
# Tab until PANEL has the focus (its title drawn with the heavy border).
focus() {
  for _ in 1 2 3 4 5 6; do
    screen | grep -qF "┏━ $1" && return 0
    keys Tab
    sleep 0.2
  done
  fail "could not focus $1"
}

start_pact tui teach.json
wait_for "✓ feasible" 30
wait_settled

# The knob view on lossBins: a loss at 2 buckets, the optimum from 128.
keys s
wait_for "Knob: lossBins" 10
wait_for "the exact optimum" 30
wait_gone "solving " 120
screen | grep -qE "┃ +2 +\+1[0-9]\.[0-9]+ %" || fail "knob view: lossBins 2 does not lose energy"
screen | grep -qE "┃ +2048 +\+0\.00 %" || fail "knob view: lossBins 2048 is not the optimum"
screen | grep -q "graph: vertices at the value's own grid" || fail "knob view: the graph column is not explained"
keys Escape
wait_gone "Knob: lossBins" 5

# The layer view: + changes lossBins, the axes stay (same labels), a fits them.
focus "Time-expanded graph"
keys Right Right Enter
wait_for "kept ●" 10
# The time axis' end labels (the bottom row: "1.25 s … 76.2 s").
time_axis() { screen | grep -E "^┃ +[0-9.]+ +m?s .*[0-9] m?s┃$" | sed -E 's/^┃ +([0-9.]+ m?s).* ([0-9.]+ m?s)┃$/\1 \2/' | tail -n 1; }
axes_before=$(time_axis)
keys +
wait_for "(from the layer view)" 10
wait_settled
wait_for "kept ●" 10
axes_after=$(time_axis)
[ -n "$axes_before" ] && [ "$axes_before" = "$axes_after" ] || fail "the layer view's time axis moved: '$axes_before' → '$axes_after'"
keys a
keys Escape
wait_gone "kept ●" 5

# Pin, then tighten the deadline: the plan panel says the difference and why.
keys P
wait_for "pinned" 5
focus "Goal & knobs"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do keys k; done
# The deadline below the plan's 9.87 s: the plan must change.
keys j e C-u
keys -l 9
keys Enter
wait_for "training.deadlineSeconds" 10
wait_settled
wait_for "vs pinned: deadline" 10
wait_for "changed: " 10
keys q
wait_for "unsaved changes" 5
keys d
status=$(wait_exit 10)
[ "$status" = 0 ] || fail "exit status $status"
echo "tui-lessons: ok (knob view lesson, layer axes kept across +, pin and the difference, why the plan changed)"
