#!/usr/bin/env bash
# Terminal abuse of the dashboard in tmux:
#  1. 1,000 seeded random keys (arrows, hjkl, Tab, + - e Enter Esc, digits, letters,
#     ?, t, u, x …; never q/Q/Ctrl-C/w/o) interleaved with resizes between 10×4 and
#     250×80 (both extremes included); the save (w) and open (o) prompts opened and
#     cancelled with Esc, nothing written; then Esc Esc q: the process exits 0 and the
#     pane's tty settings (stty -a) are the same as before it started;
#  2. during an exact solve (x on a 12-node, 40-epoch scenario): the Ctrl-C key, then
#     SIGTERM, then SIGINT to the process: it exits (0 for the key, 130 for the signals)
#     within a few seconds and stty matches again.
# Polls with timeouts; no long fixed sleeps. Whole script well under 90 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$PWD/.build/debug/pact"
[ -x "$bin" ] || swift build 2>&1 | tail -n 1
[ -x "$bin" ] || { echo "tui-abuse: $bin not built"; exit 1; }

tmp=$(mktemp -d)
sock="pact-tui-abuse-$$"
T() { tmux -L "$sock" "$@"; }
cleanup() {
  T kill-server 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
session=
screen() { T capture-pane -p -t "$session" 2>/dev/null || true; }
fail() {
  echo "tui-abuse: FAIL: $*"
  echo "---- screen ($session) ----"
  screen
  exit 1
}
# poll SECONDS COMMAND…: run COMMAND every 50 ms until it succeeds; fail after SECONDS.
poll() {
  local limit=$1
  shift
  local tries=$((limit * 20))
  until "$@"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.05
  done
}
shows() { screen | grep -qF -- "$1"; }
alive() { kill -0 "$(cat "$tmp/$session.pid")" 2>/dev/null; }
exited() { [ -s "$tmp/$session.exit" ]; }
tty_state() { stty -a < "$(T display -p -t "$session" '#{pane_tty}')"; }

# start NAME [ARGS…]: a pane whose shell waits for a go file, then runs pact with
# ARGS and writes EXIT=status; the pane's stty is recorded before pact starts.
start() {
  session=$1
  shift
  T -f /dev/null new-session -d -s "$session" -x 120 -y 40 -c "$tmp" \
    "sh -c 'while [ ! -e $tmp/$session.go ]; do sleep 0.02; done; echo \$\$ > $tmp/$session.pid; \
exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $bin $*' ; echo EXIT=\$? > $tmp/$session.exit; sleep 120"
  T set-option -t "$session" status off >/dev/null
  tty_state > "$tmp/$session.stty-before"
  touch "$tmp/$session.go"
  poll 10 test -s "$tmp/$session.pid" || fail "pact did not start"
}
# finish EXPECTED: wait for the exit status, compare it and the tty settings.
finish() {
  local expected=$1
  poll 5 exited || fail "still running 5 s after the quit/signal"
  local got
  got=$(cat "$tmp/$session.exit")
  [ "$got" = "EXIT=$expected" ] || fail "$got, expected EXIT=$expected"
  tty_state > "$tmp/$session.stty-after"
  diff "$tmp/$session.stty-before" "$tmp/$session.stty-after" > "$tmp/$session.diff" ||
    fail "stty -a differs after exit: $(cat "$tmp/$session.diff")"
}

# ---- 1. random keys and resizes on the built-in scenario ----
start keys
poll 30 shows "✓ feasible" || fail "no plan on screen"
RANDOM=${TUI_ABUSE_SEED:-2026}
keys=(Up Down Left Right h j k l Tab BTab + - = _ e Enter Escape 0 1 2 3 4 5 6 7 8 9 . ? H t u U C-r
  x b g p n d r a NPage PPage Home End BSpace y z m c v f s i)
sizes=("10 4" "250 80")
total=0
resizes=0
extremes=0
while [ "$total" -lt 1000 ]; do
  batch=()
  n=$((RANDOM % 12 + 1))
  [ $((total + n)) -le 1000 ] || n=$((1000 - total))
  for ((i = 0; i < n; i++)); do batch+=("${keys[RANDOM % ${#keys[@]}]}"); done
  T send-keys -t "$session" -- "${batch[@]}"
  total=$((total + n))
  if [ $((RANDOM % 3)) -eq 0 ]; then
    if [ "$extremes" -lt 2 ] && [ "$total" -gt $((extremes * 400 + 200)) ]; then
      size=${sizes[$extremes]}
      extremes=$((extremes + 1))
    else
      size="$((RANDOM % 241 + 10)) $((RANDOM % 77 + 4))"
    fi
    T resize-window -t "$session" -x "${size% *}" -y "${size#* }"
    resizes=$((resizes + 1))
    if [ "$size" = "10 4" ] || [ "$size" = "250 80" ]; then
      # Let it draw at the extreme size before more keys arrive.
      sleep 0.3
      alive || fail "pact died at ${size/ /×} ($(cat "$tmp/$session.exit" 2>/dev/null))"
    fi
  fi
  if [ $((total % 100)) -lt "$n" ]; then
    alive || fail "pact died after $total keys ($(cat "$tmp/$session.exit" 2>/dev/null))"
  fi
done
[ "$extremes" -eq 2 ] || fail "the extreme sizes were not both used"
alive || fail "pact died during the abuse ($(cat "$tmp/$session.exit" 2>/dev/null))"
T resize-window -t "$session" -x 120 -y 40
if [ -n "${TUI_ABUSE_SCREEN:-}" ]; then sleep 1; screen; fi
# The save and open prompts: opened with w / o, cancelled with Esc, nothing written.
for key in w o w; do
  T send-keys -t "$session" Escape
  sleep 0.1
  T send-keys -t "$session" Escape
  poll 5 sh -c "! tmux -L '$sock' capture-pane -p -t '$session' | grep -qE 'save as|open scenario'" ||
    fail "a prompt stayed open after Esc"
  T send-keys -t "$session" "$key"
  # o on unsaved edits asks first (Esc there keeps them and closes the question).
  poll 5 sh -c "tmux -L '$sock' capture-pane -p -t '$session' | grep -qE 'save as|open scenario|unsaved changes'" ||
    fail "$key did not open its prompt"
  sleep 0.1
  T send-keys -t "$session" Escape
  poll 5 sh -c "! tmux -L '$sock' capture-pane -p -t '$session' | grep -qE 'save as|open scenario|unsaved changes'" ||
    fail "Esc did not close the $key prompt"
done
written=$(find "$tmp" -name '*.json' | wc -l)
[ "$written" -eq 0 ] || fail "a file was saved during the abuse: $(find "$tmp" -name '*.json')"
# Close whatever is open (prompt, help, exact solve), then quit. Each Esc is sent alone
# so the terminal cannot read Esc + next key as Alt-key.
for attempt in 1 2 3; do
  T send-keys -t "$session" Escape
  sleep 0.1
  T send-keys -t "$session" Escape
  sleep 0.1
  T send-keys -t "$session" q
  # The random edits are unsaved: q asks, d discards them and quits.
  if poll 2 shows "unsaved changes"; then T send-keys -t "$session" d; fi
  poll 3 exited && break
done
finish 0
echo "tui-abuse: $total keys, $resizes resizes (incl. 10×4 and 250×80): exit 0, stty unchanged"

# ---- 2. quit and signals in the middle of an exact solve ----
"$bin" bench --generate 12,40,6,3 > "$tmp/slow.json"
exact_then() {
  local how=$1 expected=$2
  start "$how" tui "$tmp/slow.json"
  poll 40 shows "✓ feasible" || fail "no plan on screen"
  T send-keys -t "$session" x
  poll 5 shows "exact…" || fail "the exact solve did not start"
  sleep 0.5
  alive || fail "pact died during the exact solve"
  local sent
  sent=$(date +%s.%N)
  case $how in
    ctrlc) T send-keys -t "$session" C-c ;;
    term) kill -TERM "$(cat "$tmp/$session.pid")" ;;
    int) kill -INT "$(cat "$tmp/$session.pid")" ;;
  esac
  finish "$expected"
  local took
  took=$(awk -v a="$sent" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  echo "tui-abuse: $how during the exact solve: EXIT=$expected after ${took} s, stty unchanged"
}
exact_then ctrlc 0
exact_then term 130
exact_then int 130
echo "tui-abuse: $total keys, $resizes resizes: ok"
