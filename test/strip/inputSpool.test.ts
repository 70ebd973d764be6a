// The spool that keeps streamed input for the full parse or a pass-through: in memory, then in a
// temporary file, read back whole or in chunks, dropped past its limit, and removed when done.
import { expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { InputSpool } from '../../src/fs/InputSpool.js';

const spoolDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('ml-hooks-spool-'));

test('small input stays in memory; bigger input goes to a temporary file, removed by dispose', () => {
  const before = spoolDirs().length;
  const parts = Array.from({ length: 10 }, (_, i) => Buffer.alloc(1000 + i, 65 + i));
  const inMemory = new InputSpool(Infinity, 100_000);
  for (const part of parts) inMemory.push(part);
  expect(spoolDirs().length).toBe(before);
  expect(inMemory.readAll().equals(Buffer.concat(parts))).toBe(true);

  const onDisk = new InputSpool(Infinity, 2500);
  for (const part of parts) onDisk.push(part);
  expect(spoolDirs().length).toBe(before + 1);
  expect(onDisk.size).toBe(Buffer.concat(parts).length);
  expect(onDisk.readAll().equals(Buffer.concat(parts))).toBe(true);
  expect(Buffer.concat([...onDisk.read()]).equals(Buffer.concat(parts))).toBe(true);
  onDisk.dispose();
  expect(spoolDirs().length).toBe(before);
});

test('past keepUpTo the copy is dropped (and its file removed); the size is still counted', () => {
  const before = spoolDirs().length;
  const spool = new InputSpool(5000, 2500);
  for (let i = 0; i < 4; i++) spool.push(Buffer.alloc(1000));
  expect(spool.complete).toBe(true);
  expect(spoolDirs().length).toBe(before + 1);
  for (let i = 0; i < 4; i++) spool.push(Buffer.alloc(1000));
  expect(spool.complete).toBe(false);
  expect(spool.size).toBe(8000);
  expect(spoolDirs().length).toBe(before);
  expect(() => spool.readAll()).toThrow(/dropped/);
});
