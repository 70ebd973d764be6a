import { test, expect } from '@jest/globals';
import { DEFAULT_GUARD_POLICY, isBinaryContent, isLfsPointer, judgeBlob, needsHead, type GuardPolicy } from '../../src/guard/sizePolicy.js';
import { compilePathRules } from '../../src/config/pathRules.js';

const policy: GuardPolicy = { ...DEFAULT_GUARD_POLICY };
const text = (n: number): Uint8Array => Buffer.alloc(Math.min(n, 8000), 'a');
const binary = (n: number): Uint8Array => { const b = Buffer.alloc(Math.min(n, 8000), 'a'); b[100] = 0; return b; };
const POINTER = 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 6291456\n';

test('binary over 1 MB is blocked by the binary limit, text between the limits passes', () => {
  const v = judgeBlob({ path: 'model.pt', size: 6_000_000, head: binary(6_000_000) }, policy);
  expect(v).toMatchObject({ ok: false, limitKind: 'binary', size: 6_000_000, binary: true });
  expect(judgeBlob({ path: 'data.csv', size: 6_000_000, head: text(6_000_000) }, policy)).toEqual({ ok: true, reason: 'under-limit' });
  expect(judgeBlob({ path: 'small.bin', size: 1_000_000, head: binary(1_000_000) }, policy)).toEqual({ ok: true, reason: 'under-limit' });
});

test('any file over 10 MB is blocked, text or not', () => {
  const v = judgeBlob({ path: 'dump.json', size: 10_000_001, head: text(8000) }, policy);
  expect(v).toMatchObject({ ok: false, limitKind: 'file', binary: false });
});

test('a NUL after the first 8000 bytes does not make a file binary (git\'s test)', () => {
  const head = Buffer.alloc(9000, 'a');
  head[8500] = 0;
  expect(isBinaryContent(head)).toBe(false);
  head[7999] = 0;
  expect(isBinaryContent(head)).toBe(true);
});

test('allow globs pass oversized files; notebooks are judged by their stripped size', async () => {
  const p = { ...policy, isAllowed: await compilePathRules(['assets/**', '*.onnx']) };
  expect(judgeBlob({ path: 'assets/big/a.bin', size: 50_000_000 }, p)).toEqual({ ok: true, reason: 'allowed' });
  expect(judgeBlob({ path: 'deep/m.onnx', size: 50_000_000 }, p)).toEqual({ ok: true, reason: 'allowed' });
  expect(judgeBlob({ path: 'other/a.bin', size: 50_000_000 }, p).ok).toBe(false);
  expect(judgeBlob({ path: 'nb.ipynb', size: 20_000_000, measuredSize: 20_000, head: text(8000) }, p)).toEqual({ ok: true, reason: 'under-limit' });
});

test('a real LFS pointer passes even under tiny limits; a fake one does not', () => {
  const tiny = { ...policy, maxBinarySize: { ...policy.maxBinarySize, bytes: 10 }, maxFileSize: { ...policy.maxFileSize, bytes: 20 } };
  const bytes = Buffer.from(POINTER);
  expect(isLfsPointer(bytes, bytes.length)).toBe(true);
  expect(needsHead(bytes.length, tiny)).toBe(true);
  expect(judgeBlob({ path: 'model.pt', size: bytes.length, head: bytes }, tiny)).toEqual({ ok: true, reason: 'lfs-pointer' });
  const fake = Buffer.from('version https://git-lfs.github.com/spec/v1\nnot a pointer\n');
  expect(isLfsPointer(fake, fake.length)).toBe(false);
  expect(judgeBlob({ path: 'model.pt', size: fake.length, head: fake }, tiny).ok).toBe(false);
  // A full blob that happens to start like a pointer is not one: pointers are under 1024 bytes.
  const big = Buffer.concat([bytes, Buffer.alloc(5000)]);
  expect(isLfsPointer(big, 6_000_000)).toBe(false);
});

test('needsHead asks for bytes only between the limits', () => {
  expect(needsHead(500_000, policy)).toBe(false);
  expect(needsHead(5_000_000, policy)).toBe(true);
  expect(needsHead(50_000_000, policy)).toBe(false);
});

test('guard allow rules: slashless patterns match in any folder, others from the root', async () => {
  const matchesAnyGlob = async (path: string, rules: string[]) => (await compilePathRules(rules))(path);
  expect(await matchesAnyGlob('a/b/c.pt', ['*.pt'])).toBe(true);
  expect(await matchesAnyGlob('a/b/c.pt', ['b/*.pt'])).toBe(false);
  expect(await matchesAnyGlob('b/c.pt', ['/b/*.pt'])).toBe(true);
  expect(await matchesAnyGlob('.hidden/x.bin', ['**/*.bin'])).toBe(true);
  expect(await matchesAnyGlob('x.bin', [])).toBe(false);
});
