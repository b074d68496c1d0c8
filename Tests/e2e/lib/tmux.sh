# Shared helpers of the tmux end-to-end tests (sourced, not run by .ci/run).
#
#   e2e_init NAME       a temp folder ($tmp), a private tmux server, cleanup on exit
#   start_pact ARGS…    a 120×40 pane running `pact ARGS…` in $tmp; its pid goes to
#                       $tmp/pid, its exit status to $tmp/exit, its stderr to $tmp/stderr
#   screen              the pane's text
#   wait_for TEXT [S]   poll the screen until it shows TEXT (fail after S seconds, 20)
#   wait_gone TEXT [S]  poll until the screen no longer shows TEXT
#   wait_settled        no solve running (neither the first pass nor a refinement)
#   keys KEY…           tmux send-keys to the pane
#   wait_exit [S]       wait until pact exited and print its status
#   fail MESSAGE        print the message and the screen, exit 1
# Polls with timeouts; no long fixed sleeps.

e2e_init() {
  e2e_name=$1
  cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
  bin="$PWD/.build/debug/pact"
  [ -x "$bin" ] || swift build 2>&1 | tail -n 1
  [ -x "$bin" ] || { echo "$e2e_name: $bin not built"; exit 1; }
  tmp=$(mktemp -d)
  sock="pact-$e2e_name-$$"
  trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
}

start_pact() {
  rm -f "$tmp/pid" "$tmp/exit"
  local args=""
  for a in "$@"; do args="$args '$a'"; done
  tmux -L "$sock" -f /dev/null new-session -d -s pane -x 120 -y 40 -c "$tmp" \
    "sh -c 'echo \$\$ > \"$tmp/pid\"; exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \"$bin\" $args 2> \"$tmp/stderr\"'; echo \$? > \"$tmp/exit\"; sleep 60"
  tmux -L "$sock" set-option -t pane status off >/dev/null
}

screen() { tmux -L "$sock" capture-pane -p -t pane 2>/dev/null || true; }

fail() {
  echo "$e2e_name: FAIL: $*"
  echo "---- screen ----"
  screen
  [ -s "$tmp/stderr" ] && { echo "---- stderr ----"; cat "$tmp/stderr"; }
  exit 1
}

wait_for() {
  local text=$1 limit=${2:-20} start=$SECONDS
  until screen | grep -qF -- "$text"; do
    [ $((SECONDS - start)) -ge "$limit" ] && fail "no \"$text\" on screen after ${limit}s"
    sleep 0.1
  done
}

wait_gone() {
  local text=$1 limit=${2:-20} start=$SECONDS
  while screen | grep -qF -- "$text"; do
    [ $((SECONDS - start)) -ge "$limit" ] && fail "\"$text\" still on screen after ${limit}s"
    sleep 0.1
  done
}

wait_settled() {
  wait_gone "solving…" 30
  wait_gone "refining…" 30
  wait_gone "proving…" 30
}

keys() { tmux -L "$sock" send-keys -t pane "$@"; }

wait_exit() {
  local limit=${1:-10} start=$SECONDS
  until [ -s "$tmp/exit" ]; do
    [ $((SECONDS - start)) -ge "$limit" ] && fail "pact did not exit within ${limit}s"
    sleep 0.1
  done
  cat "$tmp/exit"
}
