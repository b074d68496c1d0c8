#!/usr/bin/env bash
# SIGTERM while the dashboard runs restores the terminal and exits 130: the shell
# behind it gets a normal screen back (no alternate screen, cursor visible).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/.build/debug/pact"
[ -x "$bin" ] || swift build 2>&1 | tail -n 1
tmp=$(mktemp -d)
sock="pact-tui-signal-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
screen() { tmux -L "$sock" capture-pane -p -t sig 2>/dev/null || true; }
wait_for() {
  local text=$1 limit=${2:-20} start=$SECONDS
  until screen | grep -qF -- "$text"; do
    if [ $((SECONDS - start)) -ge "$limit" ]; then echo "tui-signal: FAIL: no \"$text\""; screen; exit 1; fi
    sleep 0.1
  done
}
tmux -L "$sock" new-session -d -s sig -x 100 -y 32 \
  "sh -c 'echo \$\$ > $tmp/pid; exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $bin'; echo \"exited \$?\"; sleep 5"
wait_for "✓ feasible" 30
kill -TERM "$(cat "$tmp/pid")"
wait_for "exited 130" 10
screen | grep -q "Goal & knobs" && { echo "tui-signal: FAIL: dashboard still on screen after SIGTERM"; exit 1; }
echo "tui-signal: ok (SIGTERM restored the terminal, exit 130)"
