/**
 * `wfm roster curtois FILE [--time-limit S] [--format table|json|csv]`: solves a Curtois & Qu employee
 * shift scheduling benchmark instance through the ordinary roster engine (src/app/roster-curtois.ts). JSON: `{instance, objective,
 * lowerBound, seconds, parts, assignments: [{employee, day, shift}]}` (the file's ids, 0-based days);
 * CSV: the assignments; table: one line per employee, the shift of each day (`.` off). The summary
 * (objective and parts, bound, seconds, the ordinary checker's verdict) goes to stderr. Exit 1 when the checker finds a hard
 * rule broken (a bug), 2 for a malformed instance.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { ExitCode } from '../errors.js';
import { renderCsv, renderJson } from '../format.js';
import { solveCurtois } from '../app/roster-curtois.js';
import type { Registrar } from './context.js';
import { formatOption, parsePositiveNumber, TABLE_JSON_CSV } from './options.js';

export function registerRosterCurtois(parent: Command, r: Registrar): void {
  const { tr } = r;
  const cmd = parent
    .command('curtois')
    .description(tr('roster.curtois.description'))
    .argument('<file>', tr('roster.curtois.arg'))
    .addOption(new Option('--time-limit <seconds>', tr('roster.curtois.opt.timeLimit')).argParser(parsePositiveNumber).default(30))
    .addOption(formatOption(tr, TABLE_JSON_CSV));
  r.act(cmd, async (o, ctx, [file]) => {
    const a = await solveCurtois(ctx, file, o.timeLimit);
    if (ctx.format === 'json') {
      ctx.out.write(renderJson({ instance: a.instance, objective: a.objective, lowerBound: a.lowerBound, seconds: Number(a.seconds.toFixed(2)), parts: a.parts, assignments: a.assignments }));
    } else if (ctx.format === 'csv') {
      ctx.out.write(renderCsv(['employee', 'day', 'shift'], a.assignments));
    } else {
      const width = Math.max(1, ...a.problem.shifts.map((x) => x.id.length));
      const byAgent = new Map(a.problem.agents.map((x) => [x.id, new Array<string>(a.problem.days).fill('.'.padEnd(width))]));
      for (const x of a.assignments) (byAgent.get(x.employee) as string[])[x.day] = x.shift.padEnd(width);
      const idw = Math.max(...a.problem.agents.map((x) => x.id.length));
      for (const [id, days] of byAgent) ctx.out.write(`${id.padEnd(idw)} ${days.join(' ')}\n`);
    }
    if (!ctx.quiet)
      ctx.err.write(
        `wfm: ${tr('roster.curtois.summary', { instance: a.instance, objective: a.objective, under: a.parts.under, over: a.parts.over, requests: a.parts.requests, bound: a.lowerBound, seconds: a.seconds.toFixed(1), violations: a.violations.length })}\n`,
      );
    for (const v of a.violations) ctx.err.write(`wfm: ${tr('roster.violation', { code: v.code })}: ${v.agent ?? v.queue ?? ''}${v.day !== undefined ? ` day ${v.day}` : ''}\n`);
    return a.violations.length ? ExitCode.failure : ExitCode.ok;
  });
}
