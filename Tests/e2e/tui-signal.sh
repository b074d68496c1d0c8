#!/usr/bin/env bash
# SIGTERM while the dashboard runs restores the terminal and exits 130: the shell
# behind it gets a normal screen back (no alternate screen, cursor visible).
set -euo pipefail
source "$(dirname "$0")/lib/tmux.sh"
e2e_init tui-signal
start_pact
wait_for "✓ feasible" 30
kill -TERM "$(cat "$tmp/pid")"
code=$(wait_exit 10)
[ "$code" = "130" ] || fail "SIGTERM: exit $code, expected 130"
screen | grep -q "Goal & knobs" && fail "dashboard still on screen after SIGTERM"
echo "tui-signal: ok (SIGTERM restored the terminal, exit 130)"
