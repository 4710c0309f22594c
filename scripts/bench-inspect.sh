#!/usr/bin/env bash
# Benchmark: `mcpward inspect` on N servers at once takes about as long as the slowest
# server, not the sum of all of them.
#
# N copies of the `mcpward-test-slow` fixture server are configured; copy i waits
# (i * STEP_MS) ms before answering, so the slowest takes N * STEP_MS. Measured in the
# same run:
#   alone  - wall time of `mcpward inspect` on the slowest server by itself (the baseline)
#   all    - wall time of `mcpward inspect` on all N servers
#   sum    - the sum of the N per-server times mcpward reports (what a sequential run costs)
# and the ratios all/alone (≈ 1 means parallel) and sum/all (the speed-up).
#
# Usage: scripts/bench-inspect.sh [N] [STEP_MS] [--release]
#   defaults: N=20, STEP_MS=100 (the slowest server takes 2 s); median of 3 runs each.
set -euo pipefail

n=${1:-20}
step=${2:-100}
profile=debug
cargo_flags=()
for arg in "$@"; do
  if [ "$arg" = "--release" ]; then profile=release; cargo_flags+=(--release); fi
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --quiet -p mcpward -p mcpward-testservers --bins "${cargo_flags[@]}"
bin="$root/target/$profile/mcpward"
slow="$root/target/$profile/mcpward-test-slow"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MCPWARD_HOME="$tmp/state"

config="$tmp/claude_desktop_config.json"
{
  echo '{"mcpServers": {'
  for i in $(seq 1 "$n"); do
    sep=","
    [ "$i" = "$n" ] && sep=""
    printf '  "slow%02d": {"command": "%s", "env": {"MCPWARD_SLOW_MS": "%d"}}%s\n' "$i" "$slow" $((i * step)) "$sep"
  done
  echo '}}'
} >"$config"
slowest=$(printf 'slow%02d' "$n")

now_ms() { date +%s%3N; }

# Runs `mcpward inspect` with the given servers; prints "<wall ms> <sum ms> <max ms>".
measure() {
  local start end out
  start=$(now_ms)
  out=$("$bin" inspect --path "$config" --yes --format json --fail-on never "$@" </dev/null 2>/dev/null)
  end=$(now_ms)
  local times
  times=$(printf '%s' "$out" | grep -o '"elapsed_ms": [0-9]*' | grep -o '[0-9]*$')
  local sum=0 max=0
  for t in $times; do
    sum=$((sum + t))
    [ "$t" -gt "$max" ] && max=$t
  done
  echo "$((end - start)) $sum $max"
}

median() { sort -n | sed -n '2p'; }

# One warm-up run so that file caches do not favour either side.
measure "$slowest" >/dev/null

alone_runs=(); all_runs=(); sums=(); maxes=()
for _ in 1 2 3; do
  read -r wall _ _ < <(measure "$slowest")
  alone_runs+=("$wall")
  read -r wall sum max < <(measure)
  all_runs+=("$wall"); sums+=("$sum"); maxes+=("$max")
done
alone=$(printf '%s\n' "${alone_runs[@]}" | median)
all=$(printf '%s\n' "${all_runs[@]}" | median)
sum=$(printf '%s\n' "${sums[@]}" | median)
max=$(printf '%s\n' "${maxes[@]}" | median)

echo "mcpward inspect, $n servers (waiting ${step}..$((n * step)) ms each), $profile build, median of 3"
printf '  %-28s %6d ms wall\n' "slowest server alone:" "$alone"
printf '  %-28s %6d ms wall (slowest of them: %d ms)\n' "all $n servers in parallel:" "$all" "$max"
printf '  %-28s %6d ms\n' "sum of per-server times:" "$sum"
awk -v all="$all" -v alone="$alone" -v sum="$sum" 'BEGIN {
  printf "  all / slowest alone = %.2fx   sum / all = %.1fx speed-up over one at a time\n", all / alone, sum / all
}'
