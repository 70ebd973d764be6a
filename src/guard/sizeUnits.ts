// Sizes as people write and read them. Decimal units throughout (1 MB = 1,000,000 bytes), as
// GitHub and `ls -h --si` count them; KiB/MiB/GiB are accepted for those who think in powers of two.

const UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4,
};

/** "1MB", "500k", "2G", "1.5 GB", "300" (bytes) → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
}

/** 6_000_000 → "6.0 MB"; 512 → "512 bytes"; 1 → "1 byte". */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let i = 0;
  // Round first so that 999_960 reads "1.0 MB", not "1000.0 kB".
  while (i < units.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000;
    i++;
  }
  return `${value.toFixed(1)} ${units[i]}`;
}
