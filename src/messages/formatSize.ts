// Sizes as people write and read them. Decimal units throughout (1 MB = 1,000,000 bytes), as
// GitHub and `ls -h --si` count them; KiB/MiB/GiB are accepted for those who think in powers of two.

/** 6_000_000 → "6.0 MB"; 512 → "512 bytes"; 1 → "1 byte". `decimals` after the point (1 by default). */
export function formatSize(bytes: number, decimals = 1): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  const scale = 10 ** decimals;
  let value = bytes / 1000;
  let i = 0;
  // Round first so that 999_960 reads "1.0 MB", not "1000.0 kB".
  while (i < units.length - 1 && Math.round(value * scale) / scale >= 1000) {
    value /= 1000;
    i++;
  }
  return `${value.toFixed(decimals)} ${units[i]}`;
}

/**
 * A size and the limit it is over, with as many decimals as it takes for the two to read
 * differently (10,000,001 bytes over 10,000,000: "10.000001 MB" and "10.000000 MB", where one
 * decimal would say "10.0 MB" twice).
 */
export function formatSizeAndLimit(size: number, limit: number): { size: string; limit: string; decimals: number } {
  let decimals = 1;
  while (decimals < 12 && formatSize(size, decimals) === formatSize(limit, decimals)) decimals++;
  return { size: formatSize(size, decimals), limit: formatSize(limit, decimals), decimals };
}
