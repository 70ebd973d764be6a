#!/bin/sh
# Re-records expected.tsv and the expected-*.out files from nbstripout itself (run by hand;
# the tests only read what it wrote). Usage: NBSTRIPOUT=/path/to/nbstripout ./regenerate.sh
# Each case runs in a fresh folder with outputs.ipynb copied to nb.ipynb; `stdin.ipynb` on the
# input; stdout and the exit status are recorded, and nb.ipynb if the command changed it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nbstripout=${NBSTRIPOUT:-nbstripout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# flags (shell words)\tstatus\tstdout\tnb.ipynb afterwards\n' > "$here/expected.tsv"
i=0
grep -v '^#' "$here/cases.txt" | while IFS= read -r flags; do
  [ -n "$flags" ] || continue
  i=$((i + 1))
  rm -rf "$work/case" && mkdir "$work/case" && cp "$here/outputs.ipynb" "$work/case/nb.ipynb"
  status=0
  (cd "$work/case" && eval "\"$nbstripout\" $flags" < "$here/stdin.ipynb" > "$work/stdout" 2> /dev/null) || status=$?
  out=-; after=unchanged
  if [ -s "$work/stdout" ]; then out="expected-$i.stdout"; cp "$work/stdout" "$here/$out"; fi
  if ! cmp -s "$here/outputs.ipynb" "$work/case/nb.ipynb"; then after="expected-$i.ipynb"; cp "$work/case/nb.ipynb" "$here/$after"; fi
  printf '%s\t%s\t%s\t%s\n' "$flags" "$status" "$out" "$after" >> "$here/expected.tsv"
done
