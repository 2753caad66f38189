/**
 * A generated day with known answers for the report and alert tests: a seeded queue_log (ground
 * truth from test/helpers/queue-log-gen.ts) plus a planted AHT outlier, people files, a forecast and a
 * roster; and the expected figures computed here by plain counting, independently of src/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, expectedKpis, type GenCall } from '../helpers/queue-log-gen.js';

export const DAY = '2026-03-02';
export const DAY_MS = Date.UTC(2026, 2, 2);
export const FORECAST_PER_INTERVAL = 12;
export const FORECAST_AHT = 180;

/** Erlang C probability of waiting, by the textbook sum (Cooper, "Introduction to Queueing Theory"). */
export function erlangCRef(n: number, a: number): number {
  if (n <= a) return 1;
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < n; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / n; // a^n / n!
  const top = (last * n) / (n - a);
  return top / (sum + top);
}

/** Smallest n with service level >= target within t seconds: SL = 1 - C e^{-(n-a) t / aht}. */
export function requiredRef(calls: number, aht: number, intervalS: number, target: number, t: number): number {
  const a = (calls * aht) / intervalS;
  if (a === 0) return 0;
  for (let n = Math.floor(a) + 1; ; n++) {
    const sl = 1 - erlangCRef(n, a) * Math.exp((-(n - a) * t) / aht);
    if (sl >= target) return n;
  }
}

/** Robust z (Iglewicz & Hoaglin): 0.6745 (x - median) / MAD; written independently of src/. */
export function robustZRef(xs: number[]): number[] {
  const med = (v: number[]) => {
    const s = [...v].sort((p, q) => p - q);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const m = med(xs);
  const mad = med(xs.map((x) => Math.abs(x - m)));
  return xs.map((x) => (0.6745 * (x - m)) / mad);
}

export interface Fixture {
  calls: GenCall[];
  /** Calls that entered on DAY (UTC). */
  dayCalls: GenCall[];
}

/** Write queue_log, people files, forecast.csv and roster.json into dir. */
export function writeFixture(dir: string): Fixture {
  const startS = DAY_MS / 1000;
  const { calls, lines } = generate({ seed: 11, calls: 2400, startS, meanGapS: 34 });
  const text = lines.map((l) => l.text);
  // planted outlier: SIP/9999 answers 6 billing calls of 4000 s talk
  for (let k = 0; k < 6; k++) {
    const t = startS + 3600 * (2 + k) + 17;
    const id = `planted.${k}`;
    text.push(`${t}|${id}|billing|NONE|ENTERQUEUE||13800000000|1`);
    text.push(`${t + 5}|${id}|billing|SIP/9999|CONNECT|5|${id}-b|1`);
    text.push(`${t + 4005}|${id}|billing|SIP/9999|COMPLETEAGENT|5|4000|1`);
    calls.push({ queue: 'billing', callId: id, enteredMs: t * 1000, outcome: 'answered', waitS: 5, agent: 'SIP/9999', talkS: 4000, ringNoAnswers: 0, transfer: null });
  }
  writeFileSync(join(dir, 'queue_log'), text.join('\n') + '\n');
  writeFileSync(
    join(dir, 'agents.csv'),
    'id,name,team,skills\n' +
      Array.from({ length: 20 }, (_, i) => `SIP/80${String(i).padStart(2, '0')},坐席${i},T,billing;fault;complaints;vip`).join('\n') +
      '\nSIP/9999,新人,T,billing\n',
  );
  writeFileSync(join(dir, 'exams.csv'), 'agent,exam,date,score,pass_mark,attempt\nSIP/8003,VIP-1,2026-03-02,41,60,1\nSIP/8004,VIP-1,2026-03-02,90,60,1\n');
  // forecast: 12 calls per 30 minutes on every queue, AHT 180 s
  const rows = ['interval_start,queue,calls,aht'];
  for (const q of ['billing', 'fault', 'complaints', 'vip']) {
    for (let i = 0; i < 48; i++) {
      const h = String(Math.floor(i / 2)).padStart(2, '0');
      rows.push(`${DAY} ${h}:${i % 2 ? '30' : '00'},${q},${FORECAST_PER_INTERVAL},${FORECAST_AHT}`);
    }
  }
  writeFileSync(join(dir, 'forecast.csv'), rows.join('\n') + '\n');
  // roster: three agents on billing 08:00-16:00, the same unpaid break 12:00-12:30
  const shift = (agent: string) => ({ agent, queue: 'billing', start: `${DAY} 08:00`, end: `${DAY} 16:00`, breaks: [{ start: `${DAY} 12:00`, end: `${DAY} 12:30`, paid: false }] });
  writeFileSync(join(dir, 'roster.json'), JSON.stringify({ shifts: ['SIP/8000', 'SIP/8001', 'SIP/8002'].map(shift) }, null, 2));
  const dayCalls = calls.filter((c) => c.enteredMs >= DAY_MS && c.enteredMs < DAY_MS + 86_400_000);
  return { calls, dayCalls };
}

/** Day totals per queue: service level, abandon rate, AHT (report sla definitions), by counting. */
export function expectedDay(f: Fixture, slS = 20, shortS = 5) {
  const m = expectedKpis(f.dayCalls, 0, 1440, slS, shortS);
  const out = new Map<string, { offered: number; answered: number; abandoned: number; sl: number; abandonRate: number; aht: number }>();
  for (const e of m.values()) {
    const base = e.offered - e.shortAbandoned;
    out.set(e.queue, {
      offered: e.offered,
      answered: e.answered,
      abandoned: e.abandoned,
      sl: e.answeredWithin / base,
      abandonRate: (e.abandoned - e.shortAbandoned) / base,
      aht: e.talkSum / e.answered,
    });
  }
  return out;
}

/** Actual offered calls per queue and 30-minute bucket of DAY (0..47). */
export function offeredPerInterval(f: Fixture): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of f.dayCalls) {
    const i = Math.floor((c.enteredMs - DAY_MS) / 1_800_000);
    const arr = out.get(c.queue) ?? new Array(48).fill(0);
    arr[i]++;
    out.set(c.queue, arr);
  }
  return out;
}

/** Per agent AHT of calls answered on DAY (answer = enter + wait). */
export function agentAht(f: Fixture): Map<string, number> {
  const sum = new Map<string, [number, number]>();
  for (const c of f.calls) {
    if (c.outcome !== 'answered' || !c.agent) continue;
    const ans = c.enteredMs + c.waitS * 1000;
    if (ans < DAY_MS || ans >= DAY_MS + 86_400_000) continue;
    const s = sum.get(c.agent) ?? [0, 0];
    s[0] += c.talkS ?? 0;
    s[1]++;
    sum.set(c.agent, s);
  }
  return new Map([...sum].map(([a, [t, n]]) => [a, t / n]));
}
