/**
 * A weekly trend as a stacked bar chart in SVG, drawn by Doorstep itself (no
 * charting service, no script): the page shows it as an image beside a table
 * of the same numbers, and the governors' PDF embeds the same drawing.
 */
export interface TrendBar {
  label: string;
  /** Stacked bottom to top in the order of `SERIES`. */
  values: readonly number[];
}

export interface TrendSeries {
  name: string;
  colour: string;
}

const W = 640;
const H = 260;
const PAD = { left: 40, right: 10, top: 30, bottom: 50 };

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function trendChartSvg(title: string, series: readonly TrendSeries[], bars: readonly TrendBar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((s, v) => s + v, 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = bars.length ? plotW / bars.length : plotW;
  const barW = Math.max(4, step * 0.7);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escape(title)}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${PAD.left}" y="18" font-family="sans-serif" font-size="14" fill="#0b0c0c">${escape(title)}</text>`);
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#0b0c0c"/>`);
  parts.push(`<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-family="sans-serif" font-size="11" fill="#0b0c0c">${max}</text>`);
  parts.push(`<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" font-family="sans-serif" font-size="11" fill="#0b0c0c">0</text>`);
  bars.forEach((b, i) => {
    const x = PAD.left + i * step + (step - barW) / 2;
    let y = PAD.top + plotH;
    b.values.forEach((v, j) => {
      const h = (v / max) * plotH;
      y -= h;
      if (h > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${series[j]?.colour ?? "#505a5f"}"/>`);
    });
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${PAD.top + plotH + 14}" text-anchor="middle" font-family="sans-serif" font-size="10" fill="#0b0c0c">${escape(b.label)}</text>`);
  });
  series.forEach((s, j) => {
    const x = PAD.left + j * 170;
    parts.push(`<rect x="${x}" y="${H - 18}" width="12" height="12" fill="${s.colour}"/>`);
    parts.push(`<text x="${x + 16}" y="${H - 8}" font-family="sans-serif" font-size="11" fill="#0b0c0c">${escape(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
