#!/usr/bin/env bash
# What one run of `mcpward scan` costs on the inputs of the README's cost tables: mean
# wall time of N runs and the peak RSS, for one or more builds run alternately (so load
# on the machine falls on each alike).
#
#   scripts/scan-cost.sh [RUNS] BINARY [BINARY...]
#   scripts/scan-cost.sh 10 target/release/mcpward /tmp/old/mcpward
#
# Inputs (written to a temporary directory):
#   one-line       `hello world`: the engine's start alone
#   readme-10k     the first 10 KB of the corpus's npm-readmes.jsonl
#   readme-100k    the first 100 KB of it
#   emoji-10k      readme-10k with an emoji or a bullet at the start of each line
#   multilingual   every string of corpus/injected/payloads.json, blank-line separated
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    runs="$1"
    shift
fi
if [[ $# -eq 0 ]]; then
    echo "usage: $0 [RUNS] BINARY [BINARY...]" >&2
    exit 2
fi
for bin in "$@"; do
    [[ -x "$bin" ]] || { echo "$0: not an executable: $bin" >&2; exit 2; }
done

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
readmes="$root/crates/detect/corpus/benign/outputs/npm-readmes.jsonl"
echo "hello world" > "$dir/one-line"
head -c 10000 "$readmes" > "$dir/readme-10k"
head -c 100000 "$readmes" > "$dir/readme-100k"
python3 - "$dir" "$root/crates/detect/corpus/injected/payloads.json" <<'PY'
import json, sys
out, payloads = sys.argv[1], sys.argv[2]
text = open(f"{out}/readme-10k", encoding="utf-8", errors="ignore").read()
marks = ["✨ ", "🚀 ", "• ", "→ ", "✅ ", "📦 "]
# The JSONL escapes its line breaks: each README line starts after a `\\n`.
lines = [marks[i % len(marks)] + line for i, line in enumerate(text.split("\\n"))]
open(f"{out}/emoji-10k", "w", encoding="utf-8").write("\n".join(lines))
strings = []
def walk(x):
    if isinstance(x, str):
        strings.append(x)
    elif isinstance(x, dict):
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(json.load(open(payloads, encoding="utf-8")))
open(f"{out}/multilingual", "w", encoding="utf-8").write("\n\n".join(strings))
PY

printf '%-14s' "input"
for bin in "$@"; do printf '  %-28s' "$bin"; done
printf '\n'
for input in one-line readme-10k readme-100k emoji-10k multilingual; do
    printf '%-14s' "$input"
    declare -A total=() peak=()
    for ((i = 0; i < runs; i++)); do
        for bin in "$@"; do
            # `scan` exits 1 when it finds something: the cost is what is measured here.
            /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" scan "$dir/$input" > /dev/null 2>&1 || true
            read -r secs kb < <(grep -v '^Command' "$dir/time")
            total[$bin]="$(echo "${total[$bin]:-0} + $secs" | bc)"
            (( kb > ${peak[$bin]:-0} )) && peak[$bin]=$kb
        done
    done
    for bin in "$@"; do
        printf '  %-28s' "$(echo "scale=3; ${total[$bin]} / $runs" | bc) s, $(( ${peak[$bin]} / 1024 )) MB"
    done
    printf '\n'
    unset total peak
done
