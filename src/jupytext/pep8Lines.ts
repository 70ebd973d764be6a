// How many blank lines go between two cells of a script: one, or two where PEP 8 wants two
// around a top-level `def`/`class`/`async` block (only in `.py` files). Jupytext's rule, so that
// scripts match.
import { StringParser } from './StringParser.js';

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';
/** `async def`, `async with`, `async for` count as `def` does. */
const startsBlock = (line: string): boolean => line.startsWith('def ') || line.startsWith('class ') || line.startsWith('async ');

function nextInstructionIsFunctionOrClass(lines: readonly string[]): boolean {
  const parser = new StringParser('python');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!parser.readOutsideString(line)) continue;
    if (!line.trim()) {
      if (i > 0 && isBlank(lines[i - 1])) return false;
      continue;
    }
    if (startsBlock(line)) return true;
    if (line.startsWith('#') || line.startsWith('@') || line.startsWith(' ') || line.startsWith(')')) continue;
    return false;
  }
  return false;
}

function cellEndsWithFunctionOrClass(lines: readonly string[]): boolean {
  const nonQuoted: string[] = [];
  const parser = new StringParser('python');
  for (const line of lines) {
    if (parser.readOutsideString(line)) nonQuoted.push(line);
  }
  const reversed = nonQuoted.reverse();
  for (let i = 0; i < reversed.length; i++) {
    const line = reversed[i]!;
    if (!line.trim()) {
      if (i > 0 && isBlank(reversed[i - 1])) return false;
      continue;
    }
    if (line.startsWith('#') || line.startsWith(' ') || line.startsWith(')')) continue;
    return startsBlock(line);
  }
  return false;
}

function cellEndsWithCode(lines: readonly string[]): boolean {
  if (lines.length === 0) return false;
  const last = lines[lines.length - 1]!;
  return last.trim() !== '' && !last.startsWith('#');
}

function cellHasCode(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    const stripped = lines[i]!.trim();
    if (stripped.startsWith('#')) continue;
    if (!stripped) {
      if (i > 0 && isBlank(lines[i - 1])) return false;
      continue;
    }
    return true;
  }
  return false;
}

export function pep8LinesBetweenCells(prevLines: readonly string[], nextLines: readonly string[], ext: string): number {
  if (nextLines.length === 0) return 1;
  if (prevLines.length === 0) return 0;
  if (ext !== '.py') return 1;
  if (cellEndsWithFunctionOrClass(prevLines)) return cellHasCode(nextLines) ? 2 : 1;
  if (cellEndsWithCode(prevLines) && nextInstructionIsFunctionOrClass(nextLines)) return 2;
  return 1;
}
