/**
 * `wfm report daily` and `wfm report staffing|agents` on a generated day with known answers
 * (test/report/fixture.ts): every figure is recomputed in the test by counting the generated calls,
 * with an independent Erlang C and robust z. The HTML report is checked for its numbers and opened in
 * headless Chromium (Debian package `chromium`) for a screenshot.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, wfm } from '../helpers/wfm-cli.js';
import { DAY, FORECAST_AHT, FORECAST_PER_INTERVAL, agentAht, expectedDay, offeredPerInterval, requiredRef, robustZRef, writeFixture, type Fixture } from '../report/fixture.js';

let dir: string;
let fx: Fixture;
const INPUTS = ['--forecast-file', 'forecast.csv', '--roster-file', 'roster.json'];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'wfm-daily-'));
  fx = writeFixture(dir);
  expect(wfm(['import', 'queue-log', 'queue_log', '--quiet'], dir).code).toBe(0);
  expect(wfm(['import', 'agents', 'agents.csv'], dir).code).toBe(0);
  expect(wfm(['import', 'exams', 'exams.csv'], dir).code).toBe(0);
}, 120_000);

interface Daily {
  date: string;
  sla: { queue: string; intervalStart: string | null; offered: number; serviceLevel: number; abandonRate: number; ahtSeconds: number }[];
  forecastAccuracy: { queue: string; forecastCalls: number; actualCalls: number; wape: number; bias: number }[];
  staffing: { queue: string; intervalStart: string | null; required: number | null; scheduled: number | null; loggedIn: number | null; gap: number | null; flag: string | null; forecastCalls: number | null; actualCalls: number | null }[];
  outliers: { agent: string; metric: string; z: number }[];
  alerts: { rule: string; queue: string | null; agent: string | null; intervalStart: string | null; value: number | null; threshold: number | null; message: string }[];
}

const daily = (extra: string[] = []) => {
  const r = wfm(['report', 'daily', '--date', DAY, ...INPUTS, '--format', 'json', ...extra], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Daily;
};

describe('report daily: figures against the generated ground truth', () => {
  it('SLA per queue: service level, abandon rate and AHT of the day', () => {
    const rep = daily();
    const exp = expectedDay(fx);
    const totals = rep.sla.filter((x) => x.intervalStart === null);
    expect(totals.map((x) => x.queue)).toEqual([...exp.keys()].sort());
    for (const t of totals) {
      const e = exp.get(t.queue)!;
      expect(t.offered).toBe(e.offered);
      expect(t.serviceLevel).toBeCloseTo(e.sl, 12);
      expect(t.abandonRate).toBeCloseTo(e.abandonRate, 12);
      expect(t.ahtSeconds).toBeCloseTo(e.aht, 9);
    }
  });

  it('forecast accuracy: WAPE = sum|F-A|/sum A and bias = sum(F-A)/sum A over the 48 intervals', () => {
    const rep = daily();
    const per = offeredPerInterval(fx);
    for (const row of rep.forecastAccuracy) {
      const a = per.get(row.queue)!;
      const sumA = a.reduce((s, x) => s + x, 0);
      const wape = a.reduce((s, x) => s + Math.abs(FORECAST_PER_INTERVAL - x), 0) / sumA;
      const bias = (48 * FORECAST_PER_INTERVAL - sumA) / sumA;
      expect(row.forecastCalls).toBe(48 * FORECAST_PER_INTERVAL);
      expect(row.actualCalls).toBe(sumA);
      expect(row.wape).toBeCloseTo(wape, 12);
      expect(row.bias).toBeCloseTo(bias, 12);
    }
    expect(rep.forecastAccuracy.map((r) => r.queue)).toEqual(['billing', 'complaints', 'fault', 'vip']);
  });

  it('staffing: required = Erlang C from the forecast, scheduled from the roster, gap = scheduled - required', () => {
    const rep = daily();
    const req = requiredRef(FORECAST_PER_INTERVAL, FORECAST_AHT, 1800, 0.8, 20);
    const billing = rep.staffing.filter((x) => x.queue === 'billing' && x.intervalStart !== null);
    expect(billing).toHaveLength(48);
    billing.forEach((row, i) => {
      const scheduled = i >= 16 && i < 32 && i !== 24 ? 3 : 0; // 08:00-16:00 minus the 12:00-12:30 break
      expect(row.required).toBe(req);
      expect(row.scheduled).toBeCloseTo(scheduled, 12);
      expect(row.loggedIn).toBeNull(); // no agent events in the log: unknown, not 0
      expect(row.gap).toBeCloseTo(scheduled - req, 12);
      expect(row.flag).toBe(scheduled - req <= -1 ? 'short' : scheduled - req >= 2 ? 'over' : null);
    });
    // the roster puts nobody on vip: scheduled is a known 0; without a roster it is unknown (null)
    expect(rep.staffing.find((x) => x.queue === 'vip' && x.intervalStart !== null)!.scheduled).toBe(0);
    const noRoster = JSON.parse(wfm(['report', 'daily', '--date', DAY, '--format', 'json'], dir).stdout) as Daily;
    expect(noRoster.staffing.every((x) => x.scheduled === null && x.loggedIn === null)).toBe(true);
    const total = rep.staffing.find((x) => x.queue === 'billing' && x.intervalStart === null)!;
    expect(total.required).toBeCloseTo(48 * req * 0.5, 9); // agent-hours
    expect(total.scheduled).toBeCloseTo(3 * 7.5, 9);
  });

  it('alerts: SL below 80/20, abandon above 5%, understaffed by more than 2, WAPE above 15%, AHT outliers, exam failure', () => {
    const rep = daily();
    const exp = expectedDay(fx);
    const expected: string[] = [];
    for (const q of [...exp.keys()].sort()) {
      const e = exp.get(q)!;
      if (e.sl < 0.8) expected.push(`service_level_below|${q}|`);
      if (e.abandonRate > 0.05) expected.push(`abandon_rate_above|${q}|`);
      if (e.aht < 60 || e.aht > 900) expected.push(`aht_outside|${q}|`);
    }
    const req = requiredRef(FORECAST_PER_INTERVAL, FORECAST_AHT, 1800, 0.8, 20);
    for (const q of ['billing', 'complaints', 'fault', 'vip']) {
      for (let i = 0; i < 48; i++) {
        const scheduled = q === 'billing' && i >= 16 && i < 32 && i !== 24 ? 3 : 0;
        if (req - scheduled > 2) expected.push(`understaffed|${q}|${i}`);
      }
    }
    const per = offeredPerInterval(fx);
    for (const q of ['billing', 'complaints', 'fault', 'vip']) {
      const a = per.get(q)!;
      const wape = a.reduce((s, x) => s + Math.abs(FORECAST_PER_INTERVAL - x), 0) / a.reduce((s, x) => s + x, 0);
      if (wape > 0.15) expected.push(`forecast_error_above|${q}|`);
    }
    const aht = agentAht(fx);
    const agents = [...aht.keys()];
    const z = robustZRef(agents.map((a) => aht.get(a)!));
    agents.forEach((a, i) => {
      if (Math.abs(z[i]) > 3.5) expected.push(`agent_aht_outlier|${a}|`);
    });
    expect(expected).toContain('agent_aht_outlier|SIP/9999|');
    expected.push('exam_failed|SIP/8003|');
    const got = rep.alerts.map((a) => {
      if (a.rule === 'understaffed') return `understaffed|${a.queue}|${(Date.parse(a.intervalStart!) - Date.parse(DAY + 'T00:00:00Z')) / 1_800_000}`;
      if (a.agent) return `${a.rule}|${a.agent}|`;
      return `${a.rule}|${a.queue}|`;
    });
    expect(got.sort()).toEqual(expected.sort());
    const sl = rep.alerts.find((a) => a.rule === 'service_level_below')!;
    expect(sl.threshold).toBe(0.8);
    expect(sl.value).toBeCloseTo(exp.get(sl.queue!)!.sl, 12);
    expect(sl.agent).toBeNull();
    expect(sl.intervalStart).toBeNull();
  });

  it('Markdown and CSV carry the same figures; --excel adds a BOM; zh-CN headings', () => {
    const exp = expectedDay(fx);
    const md = wfm(['report', 'daily', '--date', DAY, ...INPUTS], dir);
    expect(md.code).toBe(0);
    const billing = exp.get('billing')!;
    expect(md.stdout).toContain(`| billing | ${billing.offered} | ${billing.answered} | ${billing.abandoned} | ${(billing.sl * 100).toFixed(1)}% | ${(billing.abandonRate * 100).toFixed(1)}% |`);
    const zh = wfm(['report', 'daily', '--date', DAY, ...INPUTS, '--lang', 'zh-CN'], dir);
    expect(zh.stdout).toContain(`# 日报 ${DAY}`);
    expect(zh.stdout).toContain('预测准确度');
    const csv = wfm(['report', 'daily', '--date', DAY, '--format', 'csv', '--excel'], dir);
    expect(csv.stdout.startsWith('\uFEFFsection,queue,agent,intervalStart,metric,value\n')).toBe(true);
    const line = csv.stdout.split('\n').find((l) => l.startsWith('sla,billing,,,serviceLevel,'))!;
    expect(Number(line.split(',')[5])).toBeCloseTo(billing.sl, 12);
    // without a forecast: no forecast section figures, unknown not 0
    const plain = JSON.parse(wfm(['report', 'daily', '--date', DAY, '--format', 'json'], dir).stdout) as Daily;
    expect(plain.forecastAccuracy).toBeNull();
    expect(plain.staffing.find((x) => x.intervalStart !== null)!.forecastCalls).toBeNull();
  });

  it('--out DIR writes dated files and never overwrites another day', () => {
    const out = join(dir, 'reports');
    const a = wfm(['report', 'daily', '--date', DAY, '--format', 'html', '--out', 'reports'], dir);
    expect(a.code).toBe(0);
    expect(a.stdout.trim()).toBe(join(out, `wfm-daily-${DAY}.html`));
    const first = readFileSync(join(out, `wfm-daily-${DAY}.html`), 'utf8');
    const b = wfm(['report', 'daily', '--date', '2026-03-03', '--format', 'html', '--out', 'reports', '--quiet'], dir);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual([`wfm-daily-${DAY}.html`, 'wfm-daily-2026-03-03.html']);
    expect(readFileSync(join(out, `wfm-daily-${DAY}.html`), 'utf8')).toBe(first);
  });
});

describe('report daily --format html (golden report)', () => {
  it('is one self-contained file with the figures and three kinds of inline SVG chart', () => {
    const r = wfm(['report', 'daily', '--date', DAY, ...INPUTS, '--format', 'html'], dir);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html.match(/https?:\/\/[^"]+/g)!.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    const exp = expectedDay(fx);
    for (const [q, e] of exp) {
      expect(html).toContain(`<td>${q}</td><td>${e.offered}</td><td>${e.answered}</td><td>${e.abandoned}</td><td>${(e.sl * 100).toFixed(1)}%</td><td>${(e.abandonRate * 100).toFixed(1)}%</td>`);
    }
    expect(html).toContain('billing: forecast vs actual calls');
    expect(html).toContain('billing: service level by interval');
    expect(html).toContain('billing: staffing gap (agents)');
    // the actual-calls bars carry the counts of the generated calls
    const per = offeredPerInterval(fx).get('billing')!;
    const chart = html.slice(html.indexOf('data-queue="billing"'));
    const bars = [...chart.slice(0, chart.indexOf('</svg>')).matchAll(/class="bar"[^>]*data-value="([-\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toEqual(per);
    writeFileSync(join(dir, 'golden.html'), html);
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it.skipIf(!chromium)('renders in headless Chromium (screenshot)', () => {
    const png = join(dir, 'golden.png');
    const profile = mkdtempSync(join(tmpdir(), 'wfm-chromium-'));
    const r = spawnSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--window-size=1200,2400', `--screenshot=${png}`, 'file://' + join(dir, 'golden.html')],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(existsSync(png), r.stderr).toBe(true);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // PNG signature
    // width and height from the IHDR chunk
    expect(bytes.readUInt32BE(16)).toBe(1200);
    expect(statSync(png).size).toBeGreaterThan(30_000); // tables and charts, not a blank page
    if (process.env.WFM_KEEP_SCREENSHOT) writeFileSync(process.env.WFM_KEEP_SCREENSHOT, bytes);
  }, 120_000);
});

describe('report staffing and agents', () => {
  it('staffing JSON equals the daily report staffing rows; agents AHT per agent from the calls', () => {
    const s = JSON.parse(wfm(['report', 'staffing', '--date', DAY, ...INPUTS, '--format', 'json'], dir).stdout);
    // each JSON row of a report carries its site; the daily report is one site's document
    expect(s).toEqual(daily().staffing.map((r: object) => ({ site: 'default', ...r })));
    const agents = JSON.parse(wfm(['report', 'agents', '--date', DAY, '--roster-file', 'roster.json', '--format', 'json'], dir).stdout) as { agent: string; ahtSeconds: number; calls: number; adherence: number | null; scheduledSeconds: number | null; team: string }[];
    const aht = agentAht(fx);
    for (const [agent, v] of aht) expect(agents.find((a) => a.agent === agent)!.ahtSeconds).toBeCloseTo(v, 9);
    const a0 = agents.find((a) => a.agent === 'SIP/8000')!;
    expect(a0.scheduledSeconds).toBe(8 * 3600);
    // no agent events: never available, so adherence counts only the break (away as scheduled)
    expect(a0.adherence).toBeCloseTo(0.5 / 8, 12);
    expect(a0.team).toBe('T');
  });
});
