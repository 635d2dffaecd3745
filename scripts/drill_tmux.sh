#!/usr/bin/env bash
# Run a drill in a real terminal: tmux, 80 x 24 columns, keys sent as a trainee would press them;
# prints the screen after stepping and deciding, and again after the grade.
#   scripts/drill_tmux.sh [DRILL.yaml]      (needs tmux and `interdict` on PATH)
set -euo pipefail
drill="${1:-interdict/examples/drills/bowers-2001.yaml}"
session="interdict-drill-$$"
tmux new-session -d -s "$session" -x 80 -y 24 "interdict drill $drill; sleep 30"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
sleep 4
for _ in $(seq 1 30); do tmux send-keys -t "$session" n; sleep 0.2; done
tmux send-keys -t "$session" a
tmux send-keys -t "$session" -l "query_flight_plans units=iquitos-twr,lima-acc"
tmux send-keys -t "$session" Enter
sleep 2
echo "== the drill at t = 300 s, after a decision"
tmux capture-pane -t "$session" -p
tmux send-keys -t "$session" q
sleep 6
echo "== after q: the grade"
tmux capture-pane -t "$session" -p
