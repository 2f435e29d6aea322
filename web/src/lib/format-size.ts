/** Bytes in a kilobyte, as AWS counts the SQS limit of 256 KB. */
const BYTES_PER_KB = 1024;

/**
 * Formats a size in bytes for people, such as "812 bytes" or "1.5 KB".
 * Kilobytes are 1,024 bytes, so 262,144 bytes reads "256 KB".
 */
export function formatBytes(bytes: number, locale?: string): string {
  const numbers = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
  });
  if (bytes < BYTES_PER_KB) {
    return `${numbers.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  }

  let value = bytes / BYTES_PER_KB;
  let unit = 'KB';
  if (value >= BYTES_PER_KB) {
    value /= BYTES_PER_KB;
    unit = 'MB';
  }
  return `${numbers.format(value)} ${unit}`;
}
