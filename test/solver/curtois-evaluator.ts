/**
 * An evaluator of the Curtois & Qu employee shift scheduling benchmark, written from the format
 * description in shared/data/curtois/README.md alone (not from src/): it reads the instance text
 * itself and scores a list of assignments {employee, day, shift}.
 *
 * Hard: at most one shift a day; forbidden successions; max shifts per type; min/max total minutes;
 * max consecutive shifts; min consecutive shifts; min consecutive days off (a block touching the first
 * or last day is exempt from the two minimums); max weekends (Saturday or Sunday worked; day 0 is a
 * Monday); days off. Objective: on-requests not met + off-requests not honoured (their weights) +
 * under/over cover times their weights.
 */
export interface Assignment {
  employee: string;
  day: number;
  shift: string;
}

export interface Evaluation {
  objective: number;
  violations: string[];
}

export function evaluateCurtois(text: string, assignments: Assignment[]): Evaluation {
  const sections = new Map<string, string[][]>();
  let cur = '';
  for (const raw of text.split('\n')) {
    const line = raw.split('#')[0].trim();
    if (!line) continue;
    if (line.startsWith('SECTION_')) {
      cur = line;
      sections.set(cur, []);
    } else sections.get(cur)!.push(line.split(',').map((x) => x.trim()));
  }
  const get = (name: string) => sections.get(name) ?? [];
  const horizon = Number(get('SECTION_HORIZON')[0][0]);
  const length = new Map<string, number>();
  const cannotFollow = new Map<string, Set<string>>();
  for (const [id, len, follow] of get('SECTION_SHIFTS')) {
    length.set(id, Number(len));
    cannotFollow.set(id, new Set((follow ?? '').split('|').filter(Boolean)));
  }
  const violations: string[] = [];
  // plan[employee][day] = shift or ''
  const plan = new Map<string, string[]>();
  for (const [id] of get('SECTION_STAFF')) plan.set(id, new Array<string>(horizon).fill(''));
  for (const a of assignments) {
    const row = plan.get(a.employee);
    if (!row) violations.push(`unknown employee ${a.employee}`);
    else if (!(a.day >= 0 && a.day < horizon && Number.isInteger(a.day))) violations.push(`bad day ${a.day}`);
    else if (!length.has(a.shift)) violations.push(`unknown shift ${a.shift}`);
    else if (row[a.day] !== '') violations.push(`${a.employee} two shifts on day ${a.day}`);
    else row[a.day] = a.shift;
  }
  for (const [id, maxShifts, maxMin, minMin, maxCons, minCons, minOff, maxWe] of get('SECTION_STAFF')) {
    const row = plan.get(id)!;
    for (let d = 0; d + 1 < horizon; d++) if (row[d] && row[d + 1] && cannotFollow.get(row[d])!.has(row[d + 1])) violations.push(`${id} ${row[d]} then ${row[d + 1]} on day ${d + 1}`);
    for (const part of maxShifts.split('|').filter(Boolean)) {
      const [sid, n] = part.split('=');
      const used = row.filter((s) => s === sid).length;
      if (used > Number(n)) violations.push(`${id} ${used} shifts ${sid} > ${n}`);
    }
    const minutes = row.reduce((m, s) => m + (s ? length.get(s)! : 0), 0);
    if (minutes > Number(maxMin)) violations.push(`${id} ${minutes} min > ${maxMin}`);
    if (minutes < Number(minMin)) violations.push(`${id} ${minutes} min < ${minMin}`);
    // runs: a working run is a maximal sequence of days with a shift; likewise days off
    let d = 0;
    while (d < horizon) {
      const working = row[d] !== '';
      let e = d;
      while (e < horizon && (row[e] !== '') === working) e++;
      const len = e - d;
      const touchesEdge = d === 0 || e === horizon;
      if (working && len > Number(maxCons)) violations.push(`${id} ${len} consecutive shifts > ${maxCons}`);
      if (working && !touchesEdge && len < Number(minCons)) violations.push(`${id} ${len} consecutive shifts < ${minCons} at day ${d}`);
      if (!working && !touchesEdge && len < Number(minOff)) violations.push(`${id} ${len} days off < ${minOff} at day ${d}`);
      d = e;
    }
    let weekends = 0;
    for (let sat = 5; sat < horizon; sat += 7) if (row[sat] || (sat + 1 < horizon && row[sat + 1])) weekends++;
    if (weekends > Number(maxWe)) violations.push(`${id} ${weekends} weekends > ${maxWe}`);
  }
  for (const [id, ...days] of get('SECTION_DAYS_OFF')) for (const day of days) if (day !== '' && plan.get(id)![Number(day)]) violations.push(`${id} works day off ${day}`);
  let objective = 0;
  for (const [id, day, shift, w] of get('SECTION_SHIFT_ON_REQUESTS')) if (plan.get(id)![Number(day)] !== shift) objective += Number(w);
  for (const [id, day, shift, w] of get('SECTION_SHIFT_OFF_REQUESTS')) if (plan.get(id)![Number(day)] === shift) objective += Number(w);
  for (const [day, shift, req, under, over] of get('SECTION_COVER')) {
    let n = 0;
    for (const row of plan.values()) if (row[Number(day)] === shift) n++;
    objective += n < Number(req) ? (Number(req) - n) * Number(under) : (n - Number(req)) * Number(over);
  }
  return { objective, violations };
}
