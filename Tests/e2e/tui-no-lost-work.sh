#!/usr/bin/env bash
# No lost work, in a real terminal (issue 12, items 1, 2, 3 and 6):
#  1. edit a.json, open b.json (discarding at the prompt), undo: the header shows
#     a.json again with [modified]; save: a.json gets the edit, b.json is untouched;
#  2. Enter at "overwrite? (y/n)" writes nothing;
#  3. q on unsaved edits asks; Esc stays; SIGTERM exits 130 and writes the edits to
#     a.recovered.json beside a.json, which is unchanged;
#  6. a node id and a typed file name in CJK and emoji keep every border in place.
source "$(dirname "$0")/lib/tmux.sh"
e2e_init tui-no-lost-work

"$bin" bench --generate 4,6,3,2 > "$tmp/a.json"
"$bin" bench --generate 5,6,3,3 > "$tmp/b.json"
cp "$tmp/b.json" "$tmp/b.orig"

# ---- 1. undo across open ----
start_pact tui a.json
wait_for "✓ feasible" 30
wait_settled
keys +
wait_for "[modified]" 10
keys o
wait_for "unsaved changes to a.json" 10
keys d
wait_for "open scenario:" 10
keys b.json Enter
wait_for "b.json" 10
screen | head -n 1 | grep -q "\[modified\]" && fail "b.json shown as modified right after opening"
keys u
wait_for "back to a.json" 10
screen | head -n 1 | grep -q "a.json \[modified\]" || fail "undo did not return to a.json [modified]: $(screen | head -n 1)"
keys w Enter
wait_for "overwrite? (y/n)" 10
screen | tail -n 1 | grep -q "y overwrite" || fail "the footer does not describe the y/n question"
keys y
wait_for "saved a.json" 10
cmp -s "$tmp/b.json" "$tmp/b.orig" || fail "b.json was overwritten"
cmp -s "$tmp/a.json" "$tmp/a.json~" && fail "a.json did not get the edit"
"$bin" validate "$tmp/a.json" > /dev/null || fail "a.json is not a valid scenario after the save"

# ---- 2. Enter at overwrite? means no ----
cp "$tmp/a.json" "$tmp/a.saved"
keys +
wait_for "[modified]" 10
keys w Enter
wait_for "overwrite? (y/n)" 10
keys Enter
wait_for "not saved" 10
cmp -s "$tmp/a.json" "$tmp/a.saved" || fail "Enter at overwrite? wrote the file"

# ---- 3. guard on q, then SIGTERM writes a recovery file ----
keys q
wait_for "unsaved changes to a.json" 10
keys Escape
wait_for "the edits are kept" 10
[ -s "$tmp/exit" ] && fail "pact quit although the edits were unsaved"
kill -TERM "$(cat "$tmp/pid")"
code=$(wait_exit 10)
[ "$code" = "130" ] || fail "SIGTERM: exit $code, expected 130"
grep -q "unsaved edits written to a.recovered.json" "$tmp/stderr" || fail "no recovery message: $(cat "$tmp/stderr")"
cmp -s "$tmp/a.json" "$tmp/a.saved" || fail "SIGTERM changed a.json"
"$bin" validate "$tmp/a.recovered.json" > /dev/null || fail "the recovery file is not a valid scenario"
tmux -L "$sock" kill-server 2>/dev/null || true

# ---- 6. wide characters ----
sed 's/"id": "n0"/"id": "東京ノード1"/' "$tmp/a.saved" > "$tmp/wide.json"
start_pact tui wide.json
wait_for "✓ feasible" 30
wait_settled
row=$(screen | grep -F "┃東京ノード1" || true)
[ -n "$row" ] || fail "the node id 東京ノード1 is not drawn at the start of its row"
echo "$row" | grep -q "│$" || fail "the row of 東京ノード1 lost its right border: $row"
keys w C-u "日本語😀.json"
wait_for "日本語😀.json█" 10
# Every line is still 120 columns wide and the panels' right borders are in place.
screen | python3 -c '
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch): continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
bad = [l for l in sys.stdin.read().split("\n")[:39] if width(l.rstrip()) > 120]
sys.exit(1 if bad else 0)' || fail "a line is wider than the terminal"
screen | sed -n 2p | grep -q "╮$" || fail "the top border lost its corner: $(screen | sed -n 2p)"
keys Escape
wait_for "cancelled" 10
keys q
code=$(wait_exit 10)
[ "$code" = "0" ] || fail "q without edits: exit $code"
[ -e "$tmp/日本語😀.json" ] && fail "a file was written from a cancelled prompt"
echo "tui-no-lost-work: ok (undo across open, Enter keeps the file, guard + recovery on SIGTERM, wide characters)"
