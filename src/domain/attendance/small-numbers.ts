/**
 * Figures for readers who see no individual child's record (governors, the
 * trust): a count from 1 to 4 could point at a child in a small school, so it
 * is shown as "fewer than 5". Nought identifies nobody and stays 0.
 */
export const FEWER_THAN_5 = "fewer than 5";

export type SuppressedCount = number | typeof FEWER_THAN_5;

export function suppressSmall(n: number): SuppressedCount {
  return n > 0 && n < 5 ? FEWER_THAN_5 : n;
}
