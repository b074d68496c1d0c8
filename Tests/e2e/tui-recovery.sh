#!/usr/bin/env bash
# Recovery, as a person meets it: an edit, then SIGTERM, leaves NAME.recovered.json
# beside the file (the file untouched, the recovery file one line away from it);
# opening the file again offers it: v shows what differs, Esc keeps it, r restores
# the edits unsaved, w saves them as a one-line diff and deletes the recovery file;
# a second recovery file is deleted with x.
set -euo pipefail
source "$(dirname "$0")/lib/tmux.sh"
e2e_init tui-recovery
cp sample-scenarios/hospital-consortium.json "$tmp/h.json"
cp "$tmp/h.json" "$tmp/original.json"

edit_and_kill() {
  start_pact tui h.json
  wait_for "✓ feasible" 30
  keys Tab
  wait_for "┏━ Goal & knobs" 5
  keys Down
  sleep 0.3
  keys +
  wait_for "training.deadlineSeconds = $1" 10
  kill -TERM "$(cat "$tmp/pid")"
  [ "$(wait_exit 10)" = "130" ] || fail "SIGTERM did not end the dashboard with 130"
  tmux -L "$sock" kill-server 2>/dev/null || true; sleep 0.5
}

edit_and_kill 250
[ -f "$tmp/h.recovered.json" ] || fail "no recovery file after SIGTERM"
cmp -s "$tmp/h.json" "$tmp/original.json" || fail "the file changed without a save"
[ "$(diff "$tmp/original.json" "$tmp/h.recovered.json" | grep -c '^>')" = "1" ] \
  || fail "the recovery file is not the file plus the edit: $(diff "$tmp/original.json" "$tmp/h.recovered.json")"

start_pact tui h.json
wait_for "h.recovered.json is newer and holds unsaved edits (1 value differs)" 20
keys v
wait_for "differs: training.deadlineSeconds 200 → 250" 5
keys Escape
wait_for "it is offered again" 5
keys q
wait_exit 10 > /dev/null
tmux -L "$sock" kill-server 2>/dev/null || true; sleep 0.5

start_pact tui h.json
wait_for "holds unsaved edits" 20
keys r
wait_for "restored the edits" 5
screen | grep -q "deadline         250 s" || fail "the restored deadline is not shown"
keys w Enter y
wait_for "deleted" 5
[ -f "$tmp/h.recovered.json" ] && fail "the recovery file is still there after the save"
changed=$(diff "$tmp/original.json" "$tmp/h.json" | grep '^>' || true)
[ "$changed" = '>     "deadlineSeconds": 250,' ] || fail "the save is not a one-line diff: $(diff "$tmp/original.json" "$tmp/h.json")"
keys q
wait_exit 10 > /dev/null
tmux -L "$sock" kill-server 2>/dev/null || true; sleep 0.5

edit_and_kill 312.5
start_pact tui h.json
wait_for "holds unsaved edits" 20
keys x
wait_for "deleted" 5
[ -f "$tmp/h.recovered.json" ] && fail "x did not delete the recovery file"
echo "tui-recovery: ok (offered, shown, kept, restored, saved as a one-line diff, deleted)"
