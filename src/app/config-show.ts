/**
 * `wfm config show`: the settings in force for a run and where each came from (a flag, the
 * environment, wfm.yaml, the locale, or the built-in default), and each configured queue's targets.
 */
import { isPostgresUrl, redactUrl } from '../store/pg-url.js';
import { QUEUE_KEYS, type QueueSettings, type SettingSource } from './config.js';
import type { Session } from './session.js';
import { BUILT_IN } from './targets.js';

export interface SettingRow {
  /** The key as wfm.yaml spells it (`db`, `queues.vip.sla`). */
  key: string;
  value: string;
  source: SettingSource;
  /** The environment variable or file behind the value. */
  from: string | null;
}

export interface EffectiveConfig {
  /** The wfm.yaml read, or null. */
  file: string | null;
  settings: SettingRow[];
}

function text(field: keyof QueueSettings, v: unknown): string {
  if (field === 'sla') {
    const t = v as { target: number; seconds: number };
    return `${+(t.target * 100).toFixed(4)}/${t.seconds}`;
  }
  if (field === 'maxOccupancy' || field === 'shrinkage' || field === 'maxAbandon') return `${+((v as number) * 100).toFixed(4)}%`;
  return String(v);
}

/** Every setting in force: db, tz, lang, the file's other keys, and the targets of `defaults` and each queue. */
export function effectiveConfig(s: Session): EffectiveConfig {
  const file = s.config.file;
  const row = (key: string, value: string, source: SettingSource, from?: string): SettingRow => ({ key, value, source, from: from ?? null });
  const settings: SettingRow[] = [
    // a PostgreSQL URL's password is never shown
    row('db', isPostgresUrl(s.settings.db.value) ? redactUrl(s.settings.db.value) : s.settings.db.value, s.settings.db.source, s.settings.db.from),
    row('tz', s.settings.tz.value, s.settings.tz.source, s.settings.tz.from),
    row('lang', s.settings.lang.value, s.settings.lang.source, s.settings.lang.from),
    row('site', s.settings.site.value ?? '(every site; writes go to default)', s.settings.site.source, s.settings.site.from),
  ];
  for (const [name, site] of Object.entries(s.config.sites ?? {})) {
    if (site.tz !== undefined) settings.push(row(`sites.${name}.tz`, site.tz, 'file', file ?? undefined));
  }
  const fromFile = (key: string, v: string | undefined, fallback: string) =>
    settings.push(v !== undefined ? row(key, v, 'file', file ?? undefined) : row(key, fallback, 'built-in'));
  fromFile('holidays', s.config.holidays, 'forecast: cn in a China zone, else none; roster: cn');
  fromFile('roster-rules', s.config.rosterRules, 'data/roster-rules.yaml');
  fromFile('alert-rules', s.config.alertRules, 'data/alert-rules.yaml');
  const fields = Object.entries(QUEUE_KEYS);
  for (const [key, spec] of fields) {
    const v = s.config.defaults[spec.field];
    if (v !== undefined) settings.push(row(`defaults.${key}`, text(spec.field, v), 'file', file ?? undefined));
    else if (key === 'sla') settings.push(row('defaults.sla', text('sla', BUILT_IN.sla), 'built-in'));
    else if (key === 'shrinkage') settings.push(row('defaults.shrinkage', text('shrinkage', BUILT_IN.shrinkage), 'built-in'));
    else if (key === 'short-abandon') settings.push(row('defaults.short-abandon', String(BUILT_IN.shortAbandon), 'built-in'));
  }
  for (const [queue, q] of Object.entries(s.config.queues)) {
    for (const [key, spec] of fields) {
      const v = q[spec.field];
      if (v !== undefined) settings.push(row(`queues.${queue}.${key}`, text(spec.field, v), 'file', file ?? undefined));
    }
  }
  return { file, settings };
}
