import { test, expect } from '@jest/globals';
import { formatSize } from '../../src/messages/formatSize.js';
import { parseByteSize as parseSize } from '../../src/config/parseByteSize.js';

test('parseSize reads decimal and binary units, case-insensitively', () => {
  expect(parseSize('1MB')).toBe(1_000_000);
  expect(parseSize('500k')).toBe(500_000);
  expect(parseSize('2G')).toBe(2_000_000_000);
  expect(parseSize('1.5 GB')).toBe(1_500_000_000);
  expect(parseSize('300')).toBe(300);
  expect(parseSize('10mb')).toBe(10_000_000);
  expect(parseSize('1MiB')).toBe(1_048_576);
  expect(parseSize(' 7 kB ')).toBe(7000);
});

test('parseSize rejects what is not a size', () => {
  for (const bad of ['', 'MB', '1 XB', '-1MB', '1,5MB', '1 M B', 'ten']) expect(parseSize(bad)).toBeUndefined();
});

test('formatSize uses decimal units with one decimal', () => {
  expect(formatSize(6_000_000)).toBe('6.0 MB');
  expect(formatSize(6 * 1024 * 1024)).toBe('6.3 MB');
  expect(formatSize(1_000_000)).toBe('1.0 MB');
  expect(formatSize(999_960)).toBe('1.0 MB');
  expect(formatSize(2_000_000_000)).toBe('2.0 GB');
  expect(formatSize(1500)).toBe('1.5 kB');
  expect(formatSize(999)).toBe('999 bytes');
  expect(formatSize(1)).toBe('1 byte');
  expect(formatSize(100_000_000)).toBe('100.0 MB');
});
