import { describe, expect, it } from "vitest";
import { trendChartSvg } from "./trend-chart-svg";

describe("trend chart", () => {
  it("draws one stacked bar per week, heights in proportion, labels escaped", () => {
    const svg = trendChartSvg("Episodes <by week>", [{ name: "On the day", colour: "#00703c" }, { name: "Later", colour: "#f47738" }], [
      { label: "2 Mar", values: [4, 4] },
      { label: "9 Mar", values: [2, 0] },
    ]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Episodes &lt;by week&gt;");
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#(00703c|f47738)"/g)].map((m) => Number(m[1])).slice(0, -2); // the last two are the legend
    expect(heights).toEqual([90, 90, 45]);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
