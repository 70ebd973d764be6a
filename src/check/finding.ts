// What `ml-hooks check` reports: plain data, turned into text by the formatters.

export type FindingKind =
  | 'unstripped-notebook' // a notebook that `ml-hooks strip` would change
  | 'invalid-notebook' // a notebook that cannot be read
  | 'merge-conflict' // a notebook a merge left with conflict markers or listed metadata conflicts
  | 'pair-out-of-sync' // a notebook and its paired script disagree
  | 'file-too-large' // a file over the size limits
  | 'history-file-too-large' // a blob over the limits in a commit of --history
  | 'history-unstripped-notebook'; // a notebook committed unstripped in a commit of --history

export interface Finding {
  kind: FindingKind;
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  /** 1-based line the finding points at, when there is one (for annotations). */
  line?: number;
  /** The commit, for findings in history. */
  commit?: string;
  /** What is wrong, one line. */
  message: string;
  /** The command that fixes it. */
  fix: string;
}

export interface CheckReport {
  findings: Finding[];
  /** How many files (or blobs, for history) were looked at. */
  checked: number;
  /** Lines for the user that are not findings (a pair left alone, …): printed, not failing. */
  notices?: string[];
}

/** The first line where two texts differ (1-based), for pointing an annotation at a notebook. */
export function firstDifferentLine(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let line = 1;
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return line;
    if (a.charCodeAt(i) === 10) line++;
  }
  return line;
}
