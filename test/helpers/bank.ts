/**
 * The Anonymous Bank call-level month (../shared/data/anonymous_bank_1999_02_calls.csv, see its
 * README) as an Asterisk queue_log, and the queue KPIs computed directly from the CSV columns.
 * Queue = call type (PS, PE, IN, NE, NW, TT). A queue call is an AGENT call (served) or a HANG call
 * that reached the queue (q_start != 0:00:00); PHANTOM calls and hang-ups in the VRU are not queued.
 * Enter = q_start (or ser_start when served without queueing); wait = q_time; talk = ser_time.
 * Israel in February 1999 was on standard time, UTC+2 (no DST), so epoch = local - 2 h.
 */
import { readFileSync } from 'node:fs';

export const BANK_CSV = new URL('../../../shared/data/anonymous_bank_1999_02_calls.csv', import.meta.url);
export const BANK_OFFSET_MINUTES = 120;

interface BankCall {
  queue: string;
  id: string;
  enterS: number;
  outcome: 'answered' | 'abandoned';
  waitS: number;
  talkS: number;
  agent: string | null;
}

const hms = (t: string) => {
  const [h, m, s] = t.split(':').map(Number);
  return h * 3600 + m * 60 + s;
};

export function bankCalls(): BankCall[] {
  const rows = readFileSync(BANK_CSV, 'utf8').trim().split('\n');
  const head = rows[0].split(',');
  const col = (name: string) => head.indexOf(name);
  const out: BankCall[] = [];
  for (const line of rows.slice(1)) {
    const f = line.split(',');
    const outcome = f[col('outcome')];
    const qStart = f[col('q_start')];
    const queued = qStart !== '0:00:00';
    if (outcome === 'PHANTOM' || (outcome === 'HANG' && !queued)) continue;
    if (outcome === 'AGENT' && f[col('ser_start')] === '0:00:00') continue;
    const [y, mo, d] = f[col('date')].split('-').map(Number);
    const vru = hms(f[col('vru_entry')]);
    let enter = hms(queued ? qStart : f[col('ser_start')]);
    if (enter < vru) enter += 86_400; // passed midnight
    const enterS = Date.UTC(y, mo - 1, d) / 1000 + enter - BANK_OFFSET_MINUTES * 60;
    const server = f[col('server')];
    out.push({
      queue: f[col('type')],
      id: `${f[col('vru_line')]}-${f[col('call_id')]}`,
      enterS,
      outcome: outcome === 'AGENT' ? 'answered' : 'abandoned',
      waitS: Number(f[col('q_time')]),
      talkS: Number(f[col('ser_time')]),
      agent: outcome === 'AGENT' && server !== 'NO_SERVER' ? server : null,
    });
  }
  return out;
}

/** queue_log text (11+ layout), lines sorted by time. */
export function bankQueueLog(calls: readonly BankCall[]): string {
  const lines: [number, string][] = [];
  for (const c of calls) {
    lines.push([c.enterS, `${c.enterS}|${c.id}|${c.queue}|NONE|ENTERQUEUE||0|1`]);
    if (c.outcome === 'answered') {
      const a = c.agent ?? 'NONE';
      lines.push([c.enterS + c.waitS, `${c.enterS + c.waitS}|${c.id}|${c.queue}|${a}|CONNECT|${c.waitS}|${c.id}b|0`]);
      lines.push([c.enterS + c.waitS + c.talkS, `${c.enterS + c.waitS + c.talkS}|${c.id}|${c.queue}|${a}|COMPLETEAGENT|${c.waitS}|${c.talkS}|1`]);
    } else {
      lines.push([c.enterS + c.waitS, `${c.enterS + c.waitS}|${c.id}|${c.queue}|NONE|ABANDON|1|1|${c.waitS}`]);
    }
  }
  lines.sort((a, b) => a[0] - b[0]);
  return lines.map((l) => l[1]).join('\n') + '\n';
}

/** Month totals per queue straight from the calls (no intervals). */
export function bankTotals(calls: readonly BankCall[], slS: number, shortS: number) {
  const m = new Map<string, { offered: number; answered: number; abandoned: number; shortAbandoned: number; answeredWithin: number; waitSum: number; talkSum: number; maxWait: number }>();
  for (const c of calls) {
    let e = m.get(c.queue);
    if (!e) m.set(c.queue, (e = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredWithin: 0, waitSum: 0, talkSum: 0, maxWait: 0 }));
    e.offered++;
    e.maxWait = Math.max(e.maxWait, c.waitS);
    if (c.outcome === 'answered') {
      e.answered++;
      e.waitSum += c.waitS;
      e.talkSum += c.talkS;
      if (c.waitS <= slS) e.answeredWithin++;
    } else {
      e.abandoned++;
      if (c.waitS < shortS) e.shortAbandoned++;
    }
  }
  return m;
}
