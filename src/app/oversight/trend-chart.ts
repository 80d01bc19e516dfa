import type { SuppressedCount } from "../../domain/attendance/small-numbers";
import { trendChartSvg } from "../../rendering/trend-chart-svg";
import { longDate } from "../documents/format";

export const TREND_SERIES = [
  { name: "Closed on first day", colour: "#00703c" },
  { name: "Closed later", colour: "#f47738" },
  { name: "Still open", colour: "#d4351c" },
];

/** "fewer than 5" is not drawn: a bar's height would give the number away (small-numbers.ts). */
const drawn = (n: SuppressedCount) => (typeof n === "number" ? n : 0);

export function complianceTrendSvg(weekly: readonly { weekOf: string; closedOnFirstDay: SuppressedCount; closedLater: SuppressedCount; open: SuppressedCount }[]): string {
  return trendChartSvg(
    "Episodes by the week they began",
    TREND_SERIES,
    weekly.map((w) => ({ label: shortDay(w.weekOf), values: [drawn(w.closedOnFirstDay), drawn(w.closedLater), drawn(w.open)] })),
  );
}

function shortDay(day: string): string {
  return longDate(day).split(" ").slice(1, 3).join(" ");
}
