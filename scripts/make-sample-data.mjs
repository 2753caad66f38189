#!/usr/bin/env node
// Regenerates the bundled sample's people files from data/sample-spec.json and its seed:
//   data/agents.csv    id, name, name_pinyin, team, supervisor, skills (queue:level;...), contract, hire_date
//   data/exams.csv     agent, exam, date, score, pass_mark, attempt
//   data/training.csv  agent, course, date, hours, result, certificate_expiry
//   data/skills.csv    skill, exam, certificate (what serving a queue requires: the certification exam
//                      passed, a valid personal-information-protection certificate)
// Deterministic: the same spec gives byte-identical files (`--check` verifies the committed ones).
// The 8-week queue_log is not committed (36 MB): `wfm simulate --sample --out FILE` makes it in about
// two seconds, and `wfm quickstart` does so.
//
// Usage (after `npm ci` or `npm run build`, which compile src/ to dist/):
//   node scripts/make-sample-data.mjs           write data/*.csv
//   node scripts/make-sample-data.mjs --check   exit 1 when a committed file differs
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/sim/index.js', root);
if (!existsSync(fileURLToPath(dist))) {
  console.error('make-sample-data: dist/ is missing: run `npm run build` first');
  process.exit(1);
}
const { parseSampleSpec, generateSample, generatePeople } = await import(dist.href);
const { renderCsv } = await import(new URL('dist/report/format.js', root).href);

const raw = JSON.parse(readFileSync(new URL('data/sample-spec.json', root), 'utf8'));
const spec = { ...parseSampleSpec(raw), workforce: raw.workforce };
const people = generatePeople(spec, generateSample(spec));

// the annual course every agent needs a valid certificate of (src/sim/people.ts)
const PRIVACY_COURSE = '个人信息保护合规培训';

const files = {
  'data/agents.csv': renderCsv(
    ['id', 'name', 'name_pinyin', 'team', 'supervisor', 'skills', 'contract', 'hire_date'],
    people.agents.map((a) => ({
      id: a.id,
      name: a.name,
      name_pinyin: a.namePinyin,
      team: a.team,
      supervisor: a.supervisor,
      skills: a.skills.map((s) => `${s.queue}:${s.level}`).join(';'),
      contract: a.contract,
      hire_date: a.hireDate,
    })),
  ),
  'data/exams.csv': renderCsv(
    ['agent', 'exam', 'date', 'score', 'pass_mark', 'attempt'],
    people.exams.map((e) => ({ agent: e.agent, exam: e.exam, date: e.date, score: e.score, pass_mark: e.passMark, attempt: e.attempt })),
  ),
  'data/training.csv': renderCsv(
    ['agent', 'course', 'date', 'hours', 'result', 'certificate_expiry'],
    people.training.map((t) => ({ agent: t.agent, course: t.course, date: t.date, hours: t.hours, result: t.result, certificate_expiry: t.certificateExpiry })),
  ),
  'data/skills.csv': renderCsv(
    ['skill', 'exam', 'certificate'],
    spec.queues.map((q) => ({ skill: q.name, exam: raw.workforce?.queues?.[q.name]?.exam ?? '', certificate: PRIVACY_COURSE })),
  ),
};

const check = process.argv.includes('--check');
let differ = 0;
for (const [path, text] of Object.entries(files)) {
  const url = new URL(path, root);
  if (check) {
    const old = existsSync(fileURLToPath(url)) ? readFileSync(url, 'utf8') : null;
    if (old !== text) {
      console.error(`make-sample-data: ${path} differs from what the spec gives`);
      differ++;
    }
  } else {
    writeFileSync(url, text);
  }
}
const heads = people.sizing.map((s) => `${s.queue} ${s.headcount}`).join(', ');
if (!check) console.log(`make-sample-data: ${people.agents.length} agents (${heads}), ${people.exams.length} exam results, ${people.training.length} training records`);
process.exit(differ ? 1 : 0);
