/**
 * The daily report as one self-contained HTML file: inline CSS and inline SVG charts (forecast vs
 * actual calls, service level by interval, staffing gap), no scripts or external resources, so it
 * opens offline and can be mailed. Pure.
 */
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import { esc, svgChart } from './charts.js';
import { fix, forecastSourceNote, pct, slaTotals, thresholdLabel, type DailyReport } from './daily.js';

function table(headers: string[], rows: string[][], cls = ''): string {
  if (!rows.length) return '';
  return (
    `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

const CSS = `body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.alerts li{margin:2px 0}.muted{color:#777}
.charts{display:flex;flex-wrap:wrap;gap:8px}svg{background:#fff;border:1px solid #eee}`;

/** The HTML document of a daily report in `lang`. */
export function renderDailyHtml(r: DailyReport, lang: Lang): string {
  const tr = (k: MessageKey, p?: MessageParams) => t(lang, k, p);
  const none = `<p class="muted">${esc(tr('reports.none'))}</p>`;
  const b: string[] = [];
  b.push(`<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  const title = r.site !== undefined ? tr('reports.daily.titleSite', { date: r.date, site: r.site }) : tr('reports.daily.title', { date: r.date });
  b.push(`<title>${esc(title)}</title><style>${CSS}</style></head><body>`);
  b.push(`<h1>${esc(title)}</h1>`);
  b.push(`<p class="muted">${esc(tr('reports.daily.subtitle', { zone: r.zone, alerts: r.alerts.length }))}</p>`);

  b.push(`<h2>${esc(tr('reports.daily.alerts'))}</h2>`);
  b.push(r.alerts.length ? `<ul class="alerts" id="alerts">${r.alerts.map((a) => `<li data-rule="${esc(a.rule)}"><b>${esc(a.rule)}</b> ${esc(a.message)}</li>`).join('')}</ul>` : none);

  b.push(`<h2>${esc(tr('reports.daily.sla', { seconds: thresholdLabel(r) }))}</h2>`);
  const totals = slaTotals(r);
  b.push(
    table(
      [tr('col.queue'), tr('sla.col.offered'), tr('sla.col.answered'), tr('sla.col.abandoned'), tr('col.serviceLevel'), tr('sla.col.abandonRate'), tr('col.asaSeconds'), tr('col.ahtSeconds')],
      totals.map((x) => [x.queue, String(x.offered), String(x.answered), String(x.abandoned), pct(x.serviceLevel), pct(x.abandonRate), fix(x.asaSeconds), fix(x.ahtSeconds, 0)]),
      'sla',
    ) || `<p>${esc(tr('sla.noCalls'))}</p>`,
  );

  b.push(`<h2>${esc(tr('reports.daily.forecast'))}</h2>`);
  if (r.forecastSource) b.push(`<p class="muted">${esc(forecastSourceNote(r, lang))}</p>`);
  b.push(
    r.forecastAccuracy === null
      ? `<p class="muted">${esc(tr('reports.daily.noForecast'))}</p>`
      : table(
          [tr('col.queue'), tr('reports.col.forecastCalls'), tr('reports.col.actualCalls'), 'WAPE', tr('reports.col.bias')],
          r.forecastAccuracy.map((x) => [x.queue, fix(x.forecastCalls, 0), String(x.actualCalls), pct(x.wape), pct(x.bias)]),
          'forecast',
        ) || none,
  );

  b.push(`<h2>${esc(tr('reports.daily.staffing'))}</h2>`);
  b.push(
    table(
      [tr('col.queue'), tr('reports.col.requiredHours'), tr('reports.col.scheduledHours'), tr('reports.col.loggedInHours'), tr('reports.col.gapHours'), tr('reports.col.shortIntervals'), tr('reports.col.overIntervals')],
      r.staffing.filter((x) => x.intervalStart === null).map((x) => [x.queue, fix(x.required), fix(x.scheduled), fix(x.loggedIn), fix(x.gap), String(x.shortIntervals ?? ''), String(x.overIntervals ?? '')]),
      'staffing',
    ) || none,
  );

  // charts per queue
  b.push(`<h2>${esc(tr('reports.daily.charts'))}</h2>`);
  const queues = [...new Set([...totals.map((x) => x.queue), ...r.staffing.map((x) => x.queue)])].sort();
  for (const q of queues) {
    const rows = r.staffing.filter((x) => x.queue === q && x.intervalStart !== null);
    const slaRows = new Map(r.sla.filter((x) => x.queue === q && x.intervalStart !== null).map((x) => [x.intervalStart!, x]));
    const labels = [...new Set([...rows.map((x) => x.intervalStart!), ...slaRows.keys()])].sort();
    const byLabel = new Map(rows.map((x) => [x.intervalStart!, x]));
    const hhmm = labels.map((l) => l.slice(11, 16));
    const charts: string[] = [];
    const series = [
      { name: tr('reports.col.actualCalls'), values: labels.map((l) => slaRows.get(l)?.offered ?? 0), color: '#4a7fb5', kind: 'bar' as const },
    ];
    const hasForecast = rows.some((x) => x.forecastCalls !== null);
    charts.push(
      svgChart({
        title: tr(hasForecast ? 'reports.chart.forecastVsActual' : 'reports.chart.calls', { queue: q }),
        labels: hhmm,
        series: hasForecast
          ? [...series, { name: tr('reports.col.forecastCalls'), values: labels.map((l) => byLabel.get(l)?.forecastCalls ?? null), color: '#f0ad4e', kind: 'line' as const }]
          : series,
        yFormat: (v) => v.toFixed(0),
      }),
    );
    charts.push(
      svgChart({
        title: tr('reports.chart.serviceLevel', { queue: q }),
        labels: hhmm,
        series: [{ name: tr('col.serviceLevel'), values: labels.map((l) => slaRows.get(l)?.serviceLevel ?? null), color: '#5cb85c', kind: 'line' }],
        yFormat: (v) => (v * 100).toFixed(0) + '%',
        yInclude: [0, 1],
        reference: { value: 0.8, label: '80%' },
      }),
    );
    if (rows.some((x) => x.gap !== null)) {
      charts.push(
        svgChart({
          title: tr('reports.chart.gap', { queue: q }),
          labels: hhmm,
          series: [{ name: tr('reports.col.gap'), values: labels.map((l) => byLabel.get(l)?.gap ?? null), color: '#5cb85c', kind: 'bar' }],
          yFormat: (v) => v.toFixed(0),
        }),
      );
    }
    b.push(`<h3>${esc(q)}</h3><div class="charts" data-queue="${esc(q)}">${charts.join('')}</div>`);
  }

  b.push(`<h2>${esc(tr('reports.daily.outliers'))}</h2>`);
  b.push(
    table(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.metric'), tr('reports.col.value'), tr('reports.col.teamMedian'), 'z'],
      r.outliers.map((o) => [o.agent, o.team ?? '', tr(`reports.metric.${o.metric}`), o.metric === 'aht' ? fix(o.value, 0) : pct(o.value), o.metric === 'aht' ? fix(o.median, 0) : pct(o.median), fix(o.z, 1)]),
      'outliers',
    ) || none,
  );
  b.push(`<h2>${esc(tr('reports.daily.people'))}</h2>`);
  b.push(
    table(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.exam'), tr('reports.col.date'), tr('reports.col.score'), tr('reports.col.passMark'), tr('reports.col.attempts')],
      r.examFailures.map((f) => [f.agent, f.team ?? '', f.exam, f.lastDate ?? '', fix(f.lastScore, 0), fix(f.passMark, 0), String(f.attempts)]),
      'exams',
    ) || `<p class="muted">${esc(tr('reports.daily.noExamFailures'))}</p>`,
  );
  b.push(
    table(
      [tr('reports.col.agent'), tr('reports.col.team'), tr('reports.col.course'), tr('reports.col.expiry'), tr('reports.col.daysLeft'), tr('reports.col.skills')],
      r.certificates.map((c) => [c.agent, c.team ?? '', c.course, c.expiry, String(c.daysLeft), c.skills]),
      'certificates',
    ) || `<p class="muted">${esc(tr('reports.daily.noCertificates'))}</p>`,
  );
  b.push('</body></html>\n');
  return b.join('\n');
}
