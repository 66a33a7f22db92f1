/**
 * A server-rendered SVG line chart of a KPI's trend: no JavaScript, text escaped, scales computed
 * from the data. The chart is an image with a title and description; the table beside it holds
 * the same figures for anyone who cannot see it.
 */
export interface ChartPoint {
  label: string;
  value: number | null;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A "nice" upper bound for the axis (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function trendChart(input: {
  title: string;
  description: string;
  points: ChartPoint[];
  target: number | null;
  /** Rates are drawn from 0 to 100%. */
  percent: boolean;
  format: (value: number) => string;
}): string {
  const width = 640;
  const height = 220;
  const left = 56;
  const right = 16;
  const top = 16;
  const bottom = 40;
  const values = input.points.map((p) => p.value).filter((v): v is number => v !== null);
  const min = input.percent ? 0 : Math.min(0, ...values);
  const max = input.percent ? 1 : niceMax(Math.max(...values, input.target ?? 0, 0));
  const span = max - min || 1;
  const x = (i: number) =>
    left + (input.points.length <= 1 ? 0 : (i * (width - left - right)) / (input.points.length - 1));
  const y = (v: number) => top + (height - top - bottom) * (1 - (v - min) / span);
  const parts: string[] = [];
  for (let k = 0; k <= 4; k += 1) {
    const v = min + (span * k) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(input.format(v))}</text>`,
    );
  }
  input.points.forEach((p, i) => {
    if (i % Math.max(1, Math.ceil(input.points.length / 6)) === 0 || i === input.points.length - 1) {
      parts.push(
        `<text x="${x(i).toFixed(1)}" y="${height - bottom + 18}" text-anchor="middle" font-size="12" fill="#0b0c0c">${escapeXml(p.label)}</text>`,
      );
    }
  });
  if (input.target !== null) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(input.target).toFixed(1)}" y2="${y(input.target).toFixed(1)}" stroke="#d4351c" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  }
  let path = '';
  input.points.forEach((p, i) => {
    if (p.value === null) return;
    path += `${path === '' || input.points[i - 1]?.value === null ? 'M' : 'L'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
    parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3" fill="#1d70b8"/>`);
  });
  if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="#1d70b8" stroke-width="3"/>`);
  if (values.length === 0) {
    parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="14" fill="#505a5f">–</text>`);
  }
  return (
    `<svg class="app-trend-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeXml(input.title)}</title><desc>${escapeXml(input.description)}</desc>${parts.join('')}</svg>`
  );
}
