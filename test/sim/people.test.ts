/**
 * The sample's people (src/sim/people.ts): headcount recomputed by hand from the planned agents, every
 * member name of the sample's queue_log is a listed agent, exam retakes follow failures only,
 * certificate expiry dates, determinism, and the committed data/*.csv equal what the spec gives
 * (scripts/make-sample-data.mjs writes them; this is its check without a build).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePeople } from '../../src/sim/people.js';
import { generateSample, parseSampleSpec } from '../../src/sim/sample.js';
import { flatStaffingAgents } from '../../src/sim/engine.js';

const raw = JSON.parse(readFileSync(new URL('../../data/sample-spec.json', import.meta.url), 'utf8'));
const spec = { ...parseSampleSpec(raw), workforce: raw.workforce };
const sample = generateSample(spec);
const people = generatePeople(spec, sample);

function readCsv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('sample people', () => {
  it('headcount per queue = max(ceil(weekly paid hours / (mean contract hours x efficiency)), peak agents)', () => {
    sample.queues.forEach((q, i) => {
      // by hand: 30-minute intervals -> agent-intervals / 2 hours, 56 days = 8 weeks
      const weekly = q.agents.reduce((a, b) => a + b, 0) / 2 / 8;
      const paid = weekly / 0.7;
      const mean = (0.85 * 40 + 0.15 * 24) * 0.72; // rosterEfficiency 0.72
      const want = Math.max(Math.ceil(paid / mean), Math.max(...q.agents));
      expect(people.sizing[i].headcount).toBe(want);
      expect(people.agents.filter((a) => a.skills[0].queue === q.name)).toHaveLength(want);
    });
  });

  it('every agent of the simulated queue_log is a person of the list, hired before the log starts', () => {
    const ids = new Map(people.agents.map((a) => [a.id, a]));
    const members = flatStaffingAgents(sample.simInput, sample.queues[0].agents.length);
    expect(members.length).toBeGreaterThan(20);
    for (const m of members) {
      const a = ids.get(m.id);
      expect(a, m.id).toBeDefined();
      expect(a!.skills[0].queue).toBe(m.queues[0]);
      expect(a!.hireDate < spec.startDate).toBe(true);
    }
  });

  it('skills, contracts, teams and names are well formed', () => {
    const contracts = new Set(['full-time', 'part-time']); // data/roster-rules.yaml
    const names = new Set<string>();
    for (const a of people.agents) {
      expect(contracts.has(a.contract)).toBe(true);
      expect(a.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(a.namePinyin).toMatch(/^[A-Z][a-zü]+ [A-Z][a-zü]+$/);
      expect(names.has(a.name)).toBe(false);
      names.add(a.name);
      expect(a.team).toMatch(/组$/);
      for (const s of a.skills) expect(s.level >= 1 && s.level <= 5).toBe(true);
      if (a.skills.length > 1) expect(a.skills[1].level).toBe(Math.max(1, a.skills[0].level - 2));
      expect(a.hireDate <= '2026-10-25').toBe(true);
    }
    const pt = people.agents.filter((a) => a.contract === 'part-time').length / people.agents.length;
    expect(pt).toBeGreaterThan(0.05);
    expect(pt).toBeLessThan(0.3);
  });

  it('a retake follows a failed attempt two weeks later; records end by the last sample day', () => {
    const byKey = new Map<string, typeof people.exams>();
    for (const e of people.exams) {
      expect(e.date <= '2026-10-25').toBe(true);
      expect(e.score >= 40 && e.score <= 100).toBe(true);
      const k = `${e.agent} ${e.exam}`;
      byKey.set(k, [...(byKey.get(k) ?? []), e]);
    }
    let retakes = 0;
    for (const list of byKey.values()) {
      list.forEach((e, i) => {
        expect(e.attempt).toBe(i + 1);
        if (i > 0) {
          retakes++;
          expect(list[i - 1].score).toBeLessThan(list[i - 1].passMark);
          const gap = (Date.parse(e.date) - Date.parse(list[i - 1].date)) / 86_400_000;
          expect(gap).toBe(14);
        }
      });
    }
    expect(retakes).toBeGreaterThan(0);
  });

  it('certificates expire one year after the data-protection course; onboarding has none', () => {
    for (const t of people.training) {
      if (t.course === '个人信息保护合规培训') {
        const d = new Date(t.date + 'T00:00:00Z');
        d.setUTCFullYear(d.getUTCFullYear() + 1);
        expect(t.certificateExpiry).toBe(d.toISOString().slice(0, 10));
      }
      if (t.course === '新员工入职培训') expect(t.certificateExpiry).toBeNull();
    }
    // some certificates have lapsed by the end of the sample (the check a planner wants to see)
    expect(people.training.some((t) => t.certificateExpiry !== null && t.certificateExpiry < '2026-10-25')).toBe(true);
  });

  it('is deterministic, and data/*.csv are what the spec gives', () => {
    const again = generatePeople(spec, generateSample(spec));
    expect(again).toEqual(people);
    const agents = readCsv('agents.csv');
    expect(agents.map((a) => a.id)).toEqual(people.agents.map((a) => a.id));
    expect(agents.map((a) => a.name)).toEqual(people.agents.map((a) => a.name));
    expect(agents.map((a) => a.skills)).toEqual(people.agents.map((a) => a.skills.map((s) => `${s.queue}:${s.level}`).join(';')));
    expect(readCsv('exams.csv').map((e) => `${e.agent}|${e.exam}|${e.date}|${e.score}|${e.attempt}`)).toEqual(
      people.exams.map((e) => `${e.agent}|${e.exam}|${e.date}|${e.score}|${e.attempt}`),
    );
    expect(readCsv('training.csv')).toHaveLength(people.training.length);
  });
});
