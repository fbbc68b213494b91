#!/usr/bin/env bash
# Does this checkout understand every line exactly as another revision does (main by default)?
#
#   scripts/understanding-equality.sh [REVISION]
#
# Every utterance of tests/data/*.tsv and ../shared/eval/dev.tsv goes through
# `hearth understand --jsonl --explain` twice: with this checkout's code and with REVISION's
# (extracted with git archive into a temporary folder, run with this checkout's .venv). The
# outputs must be identical, scores included; the differing lines are printed otherwise.
# A speed change must not change what Hearth understands: run this before landing one.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
revision="${1:-main}"
python="$here/.venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir "$work/reference"
git -C "$here" archive "$revision" | tar -x -C "$work/reference"

"$python" - "$here" > "$work/lines.txt" <<'EOF'
"""Every distinct utterance of the labelled sets, once."""
import sys
from pathlib import Path

root = Path(sys.argv[1])
files = sorted((root / "tests" / "data").glob("*.tsv"))
files.append(root.parent / "shared" / "eval" / "dev.tsv")
seen = set()
for path in files:
    if not path.exists():
        continue
    rows = [line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")][1:]
    for row in rows:
        columns = row.split("\t")
        if path.name.startswith("answers_"):
            texts = columns[1:2]  # kind, answer, expected
        elif path.name.startswith("mirror_pairs"):
            texts = columns[0:2]  # speaker, mirror, label
        else:
            texts = columns[0:1]
        for text in texts:
            if text.strip() and text not in seen:
                seen.add(text)
                print(text)
EOF

run() {  # run TREE OUTPUT: the tree's own package, this checkout's environment
    (cd "$1" && PYTHONPATH="$1" "$python" -m assistant understand --jsonl --explain \
        < "$work/lines.txt" > "$2")
}
run "$work/reference" "$work/reference.jsonl"
run "$here" "$work/this.jsonl"

lines=$(wc -l < "$work/lines.txt")
if cmp -s "$work/reference.jsonl" "$work/this.jsonl"; then
    echo "same: all $lines lines understood exactly as $revision does"
else
    diff "$work/reference.jsonl" "$work/this.jsonl" | head -40
    echo "DIFFERENT: $(diff "$work/reference.jsonl" "$work/this.jsonl" | grep -c '^<') of" \
         "$lines lines differ from $revision"
    exit 1
fi
