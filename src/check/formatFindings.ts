// Turns a check report into text: for people (colour only on a terminal), JSON, or GitHub
// workflow annotations (`::error file=…,line=…::…`).
import type { CheckReport, Finding, FindingKind } from './finding.js';
import { displayPath } from '../messages/shellQuote.js';

export type OutputFormat = 'human' | 'json' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['human', 'json', 'github'];

/** Bumped when the JSON shape changes incompatibly; schemas/check-report.schema.json describes it. */
export const JSON_REPORT_VERSION = 1;

const TITLES: Record<FindingKind, string> = {
  'unstripped-notebook': 'Notebook not stripped',
  'invalid-notebook': 'Notebook cannot be read',
  'merge-conflict': 'Unresolved merge conflict',
  'pair-out-of-sync': 'Paired script out of sync',
  'file-too-large': 'File too large',
  'history-file-too-large': 'Large file in history',
  'history-unstripped-notebook': 'Unstripped notebook in history',
};

export function formatJson(report: CheckReport): string {
  const counts: Partial<Record<FindingKind, number>> = {};
  for (const f of report.findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return (
    JSON.stringify(
      { version: JSON_REPORT_VERSION, ok: report.findings.length === 0, checked: report.checked, counts, findings: report.findings },
      null,
      2,
    ) + '\n'
  );
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: CheckReport): string {
  const lines = report.findings.map((f) => {
    const props = [`file=${escapeProperty(f.path)}`];
    if (f.line !== undefined) props.push(`line=${f.line}`);
    props.push(`title=${escapeProperty(TITLES[f.kind])}`);
    return `::error ${props.join(',')}::${escapeData(`${f.message}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}. Fix: ${f.fix}`)}`;
  });
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

export interface Style {
  red: (s: string) => string;
  green: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: Style = { red: (s) => s, green: (s) => s, bold: (s) => s, dim: (s) => s };
export const ANSI: Style = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
};

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  return isTTY && !env.NO_COLOR ? ANSI : PLAIN;
}

export function formatHuman(report: CheckReport, style: Style): string {
  if (report.findings.length === 0) return style.green(`✓ ${summaryLine(report)}`) + '\n';
  const out: string[] = [];
  for (const f of report.findings) {
    const where = `${displayPath(f.path)}${f.line !== undefined ? `:${f.line}` : ''}${f.commit ? ` (commit ${f.commit.slice(0, 12)})` : ''}`;
    out.push(`${style.red('✗')} ${style.bold(where)}: ${f.message}`);
    out.push(`    ${style.dim('fix:')} ${f.fix}`);
  }
  out.push('', style.red(summaryLine(report)));
  return out.join('\n') + '\n';
}

function summaryLine(report: CheckReport): string {
  const n = report.findings.length;
  const files = `${report.checked} file${report.checked === 1 ? '' : 's'} checked`;
  return n === 0 ? `ml-hooks check: ${files}, nothing to fix` : `ml-hooks check: ${n} problem${n === 1 ? '' : 's'} found, ${files}`;
}

export function formatReport(report: CheckReport, format: OutputFormat, style: Style): string {
  if (format === 'json') return formatJson(report);
  if (format === 'github') return formatGithub(report);
  return formatHuman(report, style);
}

export type { Finding };
