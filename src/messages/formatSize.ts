// Sizes as people write and read them. Decimal units throughout (1 MB = 1,000,000 bytes), as
// GitHub and `ls -h --si` count them; KiB/MiB/GiB are accepted for those who think in powers of two.

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
