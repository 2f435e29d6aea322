/**
 * Formats a delivery count. The server stops counting at `countLimit`, so
 * a count that reached it reads as "at least", such as "100,000+".
 */
export function formatDeliveryCount(
  value: number,
  countLimit: number,
  numbers: Intl.NumberFormat = new Intl.NumberFormat('en-US'),
): string {
  return value >= countLimit
    ? `${numbers.format(countLimit)}+`
    : numbers.format(value);
}
