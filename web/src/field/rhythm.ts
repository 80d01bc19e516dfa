/** A check-in rhythm in words: "20 minutes", "minute", "30 seconds" (drills may go below a minute). */
export function rhythm(everyMinutes: number): string {
  if (everyMinutes === 1) return "minute";
  if (Number.isInteger(everyMinutes)) return `${everyMinutes} minutes`;
  const seconds = Math.round(everyMinutes * 60);
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
}
