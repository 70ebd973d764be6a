#!/usr/bin/env bash
# A guided tour in a throwaway repository: ml-hooks installed, then stripping, pairing and the
# large-file guard at work on real `git commit` and `git push`. Run with `npm run demo`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
demo="$(mktemp -d "${TMPDIR:-/tmp}/ml-hooks-demo.XXXXXX")"
trap 'rm -rf "$demo"' EXIT
ml_hooks() { node "$root/dist/cli.js" "$@"; }
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m'; off=$'\033[0m'; else bold=''; off=''; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$off"; }
show() { printf '$ %s\n' "$*"; }

export GIT_AUTHOR_NAME=Demo GIT_AUTHOR_EMAIL=demo@example.com GIT_COMMITTER_NAME=Demo GIT_COMMITTER_EMAIL=demo@example.com
git init -q --bare -b main "$demo/remote.git"
git init -q -b main "$demo/project"
cd "$demo/project"
git config commit.gpgSign false
git remote add origin "$demo/remote.git"
printf '[project]\nname = "churn-model"\n\n[tool.ml-hooks.pair]\nnotebooks = ["*.ipynb"]\n' > pyproject.toml

say "1. Install (once per clone; no package.json needed)"
show "npx ml-hooks install"
ml_hooks install

say "2. A notebook as Jupyter saves it: outputs, an image, execution counts, timing metadata"
node -e '
const png = Buffer.alloc(30000, 7).toString("base64");
const nb = { cells: [
  { cell_type: "markdown", id: "e5f6a7b8", metadata: {}, source: ["# Churn model"] },
  { cell_type: "code", execution_count: 3, id: "a1b2c3d4", metadata: { ExecuteTime: { start_time: "2026-11-28T10:00:00Z" }, scrolled: true },
    outputs: [ { name: "stdout", output_type: "stream", text: ["epoch 1 loss 0.52\n", "epoch 2 loss 0.31\n"] },
               { data: { "image/png": png, "text/plain": ["<Figure>"] }, metadata: {}, output_type: "display_data" } ],
    source: ["for epoch in (1, 2):\n", "    train(epoch)"] } ],
  metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" }, language_info: { name: "python" } },
  nbformat: 4, nbformat_minor: 5 };
require("fs").writeFileSync("train.ipynb", JSON.stringify(nb, null, 1) + "\n");'
echo "train.ipynb on disk: $(wc -c < train.ipynb) bytes"

say "3. Commit it: the notebook is stored stripped, and its paired script is created and staged"
show "git add -A && git commit -m 'Train the model'"
git add -A
git commit -q -m "Train the model"
git log --stat --format='%s' -1 | sed 's/^/  /'
echo "stored train.ipynb: $(git cat-file -s HEAD:train.ipynb) bytes; on disk still $(wc -c < train.ipynb) bytes (your outputs stay)"
show "git show HEAD:train.py"
git show HEAD:train.py

say "4. Review-friendly edits: change the script only, and the notebook follows at commit"
sed -i 's/train(epoch)/train(epoch, lr=0.01)/' train.py
show "sed -i 's/train(epoch)/train(epoch, lr=0.01)/' train.py && git commit -am 'Lower the learning rate'"
git commit -q -am "Lower the learning rate"
show "git show HEAD:train.ipynb | grep lr="
git show HEAD:train.ipynb | grep 'lr='
git diff --quiet && echo "working tree clean; train.ipynb on disk was updated too"

say "5. The large-file guard: a 6 MB checkpoint is blocked, with the commands to fix it"
mkdir -p models
head -c 6000000 /dev/urandom > models/model.pt
git add models/model.pt
show "git commit -m 'Add checkpoint'"
if git commit -q -m "Add checkpoint"; then echo "unexpected: the commit went through"; exit 1; fi
git rm -q --cached models/model.pt

say "6. On push, every pushed commit is scanned: what --no-verify let through is stopped"
git add models/model.pt
show "git commit --no-verify -m 'Sneak in the checkpoint' && git push origin main"
git commit -q --no-verify -m "Sneak in the checkpoint"
if git push -q origin main; then echo "unexpected: the push went through"; exit 1; fi
show "git reset --hard HEAD~1 && git push origin main"
git reset -q --hard HEAD~1
git push -q origin main
echo "pushed: $(git --git-dir="$demo/remote.git" log --oneline main | wc -l) commits, no checkpoint in history"

say "7. In CI: ml-hooks check verifies everything, read-only"
show "ml-hooks check"
ml_hooks check
say "Done. Everything happened in $demo (removed now)."
