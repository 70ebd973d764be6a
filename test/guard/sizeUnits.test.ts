import { test, expect } from '@jest/globals';
import { formatSize, formatSizeAndLimit } from '../../src/messages/formatSize.js';
import { parseByteSize as parseSize } from '../../src/config/parseByteSize.js';
import { commitBlocked } from '../../src/messages/guard.js';
import { DEFAULT_CONFIG_FILE } from '../../src/config/mlHooksConfig.js';

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

test('a size and its limit always read differently: as many decimals as it takes', () => {
  expect(formatSizeAndLimit(10_000_001, 10_000_000)).toEqual({ size: '10.000001 MB', limit: '10.000000 MB', decimals: 6 });
  expect(formatSizeAndLimit(1_048_577, 1_048_576)).toEqual({ size: '1.048577 MB', limit: '1.048576 MB', decimals: 6 });
  expect(formatSizeAndLimit(1_040_000, 1_000_000)).toEqual({ size: '1.04 MB', limit: '1.00 MB', decimals: 2 });
  expect(formatSizeAndLimit(12_000_000, 10_000_000)).toEqual({ size: '12.0 MB', limit: '10.0 MB', decimals: 1 });
  expect(formatSizeAndLimit(1001, 1000)).toEqual({ size: '1.001 kB', limit: '1.000 kB', decimals: 3 });
  expect(formatSizeAndLimit(1_000_000_001, 1_000_000_000)).toEqual({ size: '1.000000001 GB', limit: '1.000000000 GB', decimals: 9 });
  expect(formatSizeAndLimit(501, 500)).toEqual({ size: '501 bytes', limit: '500 bytes', decimals: 1 });
  expect(formatSize(999_960, 1)).toBe('1.0 MB');
  expect(formatSize(999_960, 2)).toBe('999.96 kB');
});

test('the guard message for a file one byte over the limit shows two different numbers', () => {
  const limit = { bytes: 10_000_000, source: { file: undefined, key: 'max-file-size' } };
  const text = commitBlocked([{ path: 'data/dump.csv', size: 10_000_001, limit, limitKind: 'file', binary: false }], { dvc: false, lfs: false }, DEFAULT_CONFIG_FILE);
  expect(text).toContain('data/dump.csv is 10.000001 MB staged, over the 10.000000 MB limit for any file (the default max-file-size;');
});
