#!/usr/bin/env bash
# A guided tour in a throwaway repository: what ml-hooks does to a notebook with outputs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="node $root/dist/cli.js"
demo="$(mktemp -d "${TMPDIR:-/tmp}/ml-hooks-demo.XXXXXX")"
trap 'rm -rf "$demo"' EXIT
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

cd "$demo"
git init -q -b main .
git config user.name "Demo"; git config user.email "demo@example.com"; git config commit.gpgSign false

say "A notebook as Jupyter saves it: outputs, execution counts, timing metadata"
node -e '
const png = Buffer.alloc(30000, 7).toString("base64");
const nb = { cells: [
  { cell_type: "code", execution_count: 3, id: "a1b2c3d4", metadata: { ExecuteTime: { start_time: "2026-11-28T10:00:00Z" }, scrolled: true },
    outputs: [ { name: "stdout", output_type: "stream", text: ["epoch 1 loss 0.52\n", "epoch 2 loss 0.31\n"] },
               { data: { "image/png": png, "text/plain": ["<Figure>"] }, metadata: {}, output_type: "display_data" } ],
    source: ["for epoch in (1, 2):\n", "    train(epoch)"] },
  { cell_type: "markdown", id: "e5f6a7b8", metadata: {}, source: ["## Results"] } ],
  metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" }, widgets: { state: {} } },
  nbformat: 4, nbformat_minor: 5 };
require("fs").writeFileSync("train.ipynb", JSON.stringify(nb, null, 1) + "\n");'
echo "train.ipynb: $(wc -c < train.ipynb) bytes"

say "ml-hooks strip -t shows what would be committed (nbstripout-identical bytes)"
run $cli strip -t train.ipynb

say "ml-hooks strip --verify fails in CI while a notebook carries outputs"
run $cli strip --verify train.ipynb || echo "(exit $?)"

say "ml-hooks strip rewrites it in place"
run $cli strip train.ipynb
echo "train.ipynb: $(wc -c < train.ipynb) bytes"
run $cli strip --verify train.ipynb && echo "(clean)"
