// Reporting sync outcomes, shared by `ml-hooks sync` and `ml-hooks pair`.
import type { CommandContext } from '../context.js';
import type { PairOutcome } from '../syncWorkingTree.js';
import { formatToString, parseFormats } from '../../jupytext/formats.js';
import * as msg from '../../messages/pairing.js';
import { notebookConflictsLeft, scriptConflictsLeft } from '../../messages/merge.js';

/** Writes one line per change or problem; returns true when a pair needs the user. */
export function reportOutcomes(outcomes: readonly PairOutcome[], ctx: CommandContext, check: boolean, quietUpdates = false): boolean {
  let problem = false;
  for (const { pair, plan, written, skipped, notOwned } of outcomes) {
    if (skipped !== undefined) {
      ctx.stderr.write(msg.pairLeftAlone(skipped.path, skipped.reason));
    } else if (notOwned) {
      ctx.stderr.write(msg.pairWouldOverwrite(pair.notebook, pair.script, elsewhereFormat(pair.formats), formatToString(scriptOf(pair.formats))));
      problem = true;
    } else if (plan.kind === 'conflict') {
      ctx.stderr.write(msg.conflict(pair.notebook, pair.script, plan.reason));
      problem = true;
    } else if (plan.kind === 'unresolved') {
      ctx.stderr.write(plan.side === 'script' ? scriptConflictsLeft(pair.script, pair.notebook, plan.conflicts, plan.otherMarked) : notebookConflictsLeft(pair.notebook, pair.script, plan.cells, plan.otherMarked));
      problem = true;
    } else if (plan.kind === 'error') {
      ctx.stderr.write(msg.badSide(plan.side === 'notebook' ? pair.notebook : pair.script, plan.reason));
      problem = true;
    } else if (plan.kind === 'update') {
      if (check) {
        ctx.stdout.write(msg.outOfSync(pair.notebook, pair.script));
        problem = true;
        continue;
      }
      if (!quietUpdates) for (const path of written) ctx.stdout.write(msg.updated(path, path === pair.notebook ? pair.script : pair.notebook));
    }
  }
  return problem;
}

/** A --format for `ml-hooks pair` that puts the script of `formats` in a scripts/ folder instead (or gives it a suffix when it has a folder already). */
const scriptOf = (formats: string) => parseFormats(formats).find((f) => f.extension !== '.ipynb')!;

function elsewhereFormat(formats: string): string {
  const script = scriptOf(formats);
  return formatToString(script.prefix === undefined ? { ...script, prefix: 'scripts/' } : { ...script, suffix: `${script.suffix ?? ''}_script` });
}
