// Asks CPython's own `json` module (python3 is on every machine here) what it makes of documents,
// in one process for a whole batch.
import { spawnSync } from 'node:child_process';

export interface OracleRequest {
  text: string;
  indent: number | null;
  sortKeys: boolean;
  ensureAscii: boolean;
}

const SCRIPT = `
import json, sys
reqs = json.load(sys.stdin)
out = []
for r in reqs:
    try:
        v = json.loads(r["text"])
        out.append({"ok": json.dumps(v, indent=r["indent"], sort_keys=r["sortKeys"], ensure_ascii=r["ensureAscii"], separators=(",", ": ") if r["indent"] is not None else None)})
    except ValueError as e:
        out.append({"error": str(e)})
sys.stdout.write(json.dumps(out))
`;

export type OracleAnswer = { ok: string } | { error: string };

export function pythonJson(requests: OracleRequest[]): OracleAnswer[] {
  const r = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(requests), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString('utf8')) as OracleAnswer[];
}

/** Python's str.splitlines(keepends) for each string. */
export function pythonSplitLines(texts: string[], keepEnds: boolean): string[][] {
  const script = `import json, sys\nsys.stdout.write(json.dumps([t.splitlines(${keepEnds ? 'True' : 'False'}) for t in json.load(sys.stdin)]))`;
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString('utf8')) as string[][];
}
