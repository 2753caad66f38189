/**
 * Tests against the shared benchmark data (skipped when ../shared is absent).
 * Reference figures below were computed with the independent Python scorer:
 *   python3 shared/tools/forecast_score.py --data DATA.csv --forecast anchor_forecasts_*.csv --preset P --json
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest, maseScale, PROTOCOL_PRESETS, scorePoints, type ScoredPoint } from '../../src/forecast/backtest.js';
import { dateOf, dayNumber, parseWallClock } from '../../src/forecast/calendar.js';
import type { SeriesInput } from '../../src/forecast/types.js';

const DATA = new URL('../../../shared/data/', import.meta.url);
const have = existsSync(new URL('na_bank_15min.csv', DATA)) && existsSync(new URL('anchor_forecasts_na_bank_15min.csv', DATA));

function readCsv(file: string): string[][] {
  return readFileSync(new URL(file, DATA), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
}
function readSeries(file: string, im: number): SeriesInput {
  const s: SeriesInput = { intervalMinutes: im, dates: [], slots: [], calls: [] };
  for (const [ts, c] of readCsv(file)) {
    const { date, slot } = parseWallClock(ts, im);
    s.dates.push(date);
    s.slots.push(slot);
    s.calls.push(Number(c));
  }
  return s;
}
function anchorPoints(series: SeriesInput, anchorFile: string, method: string, testStart: string, testEnd: string): ScoredPoint[] {
  const im = series.intervalMinutes;
  const fc = new Map<string, number>();
  for (const [m, ts, f] of readCsv(anchorFile)) {
    if (m !== method) continue;
    const { date, slot } = parseWallClock(ts, im);
    fc.set(`${date}|${slot}`, Number(f));
  }
  const pts: ScoredPoint[] = [];
  for (let i = 0; i < series.dates.length; i++) {
    const d = series.dates[i];
    if (d < testStart || d > testEnd) continue;
    const f = fc.get(`${d}|${series.slots[i]}`);
    if (f === undefined) throw new Error(`no anchor forecast for ${d} ${series.slots[i]}`);
    pts.push({ date: d, actual: series.calls[i], forecast: f });
  }
  return pts;
}

describe.skipIf(!have)('scoring matches forecast_score.py on the R anchor forecasts', () => {
  it('na-bank 15 min: MASE scale and mean4w / dshw metrics', () => {
    const s = readSeries('na_bank_15min.csv', 15);
    const { testStart, testEnd } = PROTOCOL_PRESETS['na-bank'];
    const q = maseScale(s, testStart);
    expect(q.pairs).toBe(7695);
    expect(q.scale).toBeCloseTo(49.72735542560104, 9);
    const m = scorePoints(anchorPoints(s, 'anchor_forecasts_na_bank_15min.csv', 'mean4w', testStart, testEnd), testStart, q.scale);
    expect(m.n).toBe(1083);
    expect(m.days).toBe(19);
    expect(m.sumActual).toBe(608870);
    expect(m.wape).toBeCloseTo(6.62148734541035, 9);
    expect(m.mape).toBeCloseTo(7.208300951153725, 9);
    expect(m.rmse).toBeCloseTo(54.81811769150005, 9);
    expect(m.mase).toBeCloseTo(0.7486111814115011, 9);
    expect(m.bias).toBeCloseTo(-0.09020809039696487, 9);
    expect(m.dayWape).toBeCloseTo(4.719275050503391, 9);
    expect(m.weekWape).toBeCloseTo(2.9961650270172613, 9);
    expect(m.foldWape).toEqual([5.285958728104915, 6.193169107680971, 8.120102291080936, 7.163865945726656].map((x) => expect.closeTo(x, 9)));
    const d = scorePoints(anchorPoints(s, 'anchor_forecasts_na_bank_15min.csv', 'dshw', testStart, testEnd), testStart, q.scale);
    expect(d.wape).toBeCloseTo(22.687282030646934, 9);
    expect(d.mase).toBeCloseTo(2.564975528610027, 9);
    expect(d.foldWape[0]).toBeCloseTo(46.679243610595485, 9);
  });

  it('anon-bank 30 min: MASE scale and tbats metrics', () => {
    const s = readSeries('anonymous_bank_1999_30min.csv', 30);
    const { testStart, testEnd } = PROTOCOL_PRESETS['anon-bank'];
    const q = maseScale(s, testStart);
    expect(q.pairs).toBe(15840);
    expect(q.scale).toBeCloseTo(9.235037878787878, 9);
    const m = scorePoints(anchorPoints(s, 'anchor_forecasts_anonymous_bank_30min.csv', 'tbats', testStart, testEnd), testStart, q.scale);
    expect(m.n).toBe(1344);
    expect(m.wape).toBeCloseTo(32.661364777757626, 9);
    expect(m.mape).toBeCloseTo(154.69892906485526, 9);
    expect(m.rmse).toBeCloseTo(12.691892756710567, 9);
    expect(m.mase).toBeCloseTo(1.0165057598724971, 9);
    expect(m.bias).toBeCloseTo(-1.0734292888762327, 9);
    expect(m.dayWape).toBeCloseTo(12.881718915840432, 9);
    expect(m.weekWape).toBeCloseTo(9.586324264153873, 9);
  });

  it('our seasonal naive and mean4w reproduce the R anchors exactly (same definitions)', () => {
    const s = readSeries('na_bank_15min.csv', 15);
    const origins = [0, 1, 2, 3].map((k) => dateOf(dayNumber('2003-09-29') + 7 * k));
    const r = backtest(s, { origins, testEnd: '2003-10-24', methods: ['snaive', 'mean4w'] });
    expect(r.methods.find((m) => m.method === 'mean4w')!.wape).toBeCloseTo(6.62148734541035, 9);
    expect(r.methods.find((m) => m.method === 'snaive')!.wape).toBeCloseTo(9.764, 2); // R snaive_week 9.764
  });
});

describe.skipIf(!have)('accuracy targets on the shared protocol (4 folds, 1-week horizon)', () => {
  const cases = [
    { file: 'na_bank_15min.csv', im: 15, preset: 'na-bank' as const, target: 6.3 },
    { file: 'anonymous_bank_1999_30min.csv', im: 30, preset: 'anon-bank' as const, target: 18.3 },
  ];
  for (const c of cases) {
    it.skipIf('pending' in c && c.pending)(`${c.preset}: best method and auto reach WAPE ≤ ${c.target} %, band coverage 75–85 %`, () => {
      const s = readSeries(c.file, c.im);
      const { testStart, testEnd } = PROTOCOL_PRESETS[c.preset];
      const origins = [0, 1, 2, 3].map((k) => dateOf(dayNumber(testStart) + 7 * k));
      const r = backtest(s, { origins, testEnd });
      const best = [...r.methods].filter((m) => m.method !== 'auto').sort((a, b) => a.wape - b.wape)[0];
      const auto = r.methods.find((m) => m.method === 'auto')!;
      expect(best.missing).toBe(0);
      expect(best.wape).toBeLessThanOrEqual(c.target);
      expect(auto.wape).toBeLessThanOrEqual(c.target);
      for (const m of [best, auto]) {
        expect(m.coverage).toBeGreaterThanOrEqual(75);
        expect(m.coverage).toBeLessThanOrEqual(85);
      }
    });
  }
});
