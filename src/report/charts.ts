/**
 * Inline SVG charts for the HTML report: no scripts, no external files, so the page opens offline.
 * Pure: labels and values in, an `<svg>` string out. Unknown values (null) leave a gap.
 */
import { safeText } from '../format.js';

export interface Series {
  name: string;
  values: readonly (number | null)[];
  color: string;
  kind: 'line' | 'bar';
}

export interface ChartOptions {
  title: string;
  /** One label per point (x axis); every `labelEvery`-th is printed. */
  labels: readonly string[];
  series: readonly Series[];
  yFormat: (v: number) => string;
  /** Force the y range to include these values (e.g. 0 and 1 for a share). */
  yInclude?: readonly number[];
  /** A dashed reference line (a target). */
  reference?: { value: number; label: string };
  width?: number;
  height?: number;
}

/** Escape text for XML/HTML content and attributes. */
export function esc(s: string): string {
  return safeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "Nice" tick step for a range (1, 2, 5 x 10^k) giving about `count` ticks. */
export function niceStep(range: number, count: number): number {
  if (!(range > 0)) return 1;
  const raw = range / count;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** An SVG chart of line and bar series over the labels, with axes, ticks and a legend. */
export function svgChart(o: ChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 240;
  const m = { l: 52, r: 12, t: 28, b: 40 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const n = o.labels.length;
  const vals = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const extra = [...(o.yInclude ?? []), ...(o.reference ? [o.reference.value] : [])];
  let lo = Math.min(0, ...vals, ...extra);
  let hi = Math.max(...vals, ...extra, lo + 1e-9);
  const step = niceStep(hi - lo, 5);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  if (hi === lo) hi = lo + step;
  const x = (i: number) => m.l + (n <= 1 ? pw / 2 : (i + 0.5) * (pw / n));
  const y = (v: number) => m.t + ph - ((v - lo) / (hi - lo)) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`);
  out.push(`<title>${esc(o.title)}</title>`);
  out.push(`<text x="${m.l}" y="16" font-size="13" font-weight="bold">${esc(o.title)}</text>`);
  // grid and y ticks
  for (let v = lo; v <= hi + step / 2; v += step) {
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${yy}" y2="${yy}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${m.l - 4}" y="${yy}" font-size="10" text-anchor="end" dominant-baseline="middle">${esc(o.yFormat(v))}</text>`);
  }
  // x labels
  const every = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += every) {
    out.push(`<text x="${x(i).toFixed(1)}" y="${H - m.b + 14}" font-size="10" text-anchor="middle">${esc(o.labels[i])}</text>`);
  }
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#888"/>`);
  // bars
  const bars = o.series.filter((s) => s.kind === 'bar');
  const bw = (pw / Math.max(n, 1)) * 0.8 / Math.max(bars.length, 1);
  bars.forEach((s, k) => {
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) return;
      const x0 = x(i) - (bw * bars.length) / 2 + k * bw;
      const y0 = Math.min(y(v), y(0));
      const h = Math.abs(y(v) - y(0));
      out.push(`<rect class="bar" x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${v < 0 ? '#d9534f' : s.color}" data-value="${v}"><title>${esc(o.labels[i])} ${esc(s.name)}: ${esc(o.yFormat(v))}</title></rect>`);
    });
  });
  // lines (a gap at null)
  for (const s of o.series.filter((x) => x.kind === 'line')) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    if (d) out.push(`<path class="line" d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
  }
  if (o.reference) {
    const yy = y(o.reference.value).toFixed(1);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${yy}" y2="${yy}" stroke="#d9534f" stroke-dasharray="5,4"/>`);
    out.push(`<text x="${W - m.r}" y="${(Number(yy) - 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#d9534f">${esc(o.reference.label)}</text>`);
  }
  // legend
  let lx = m.l;
  for (const s of o.series) {
    out.push(`<rect x="${lx}" y="${H - 14}" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="${H - 5}" font-size="11">${esc(s.name)}</text>`);
    lx += 24 + s.name.length * 7;
  }
  out.push('</svg>');
  return out.join('');
}
