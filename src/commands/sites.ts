/**
 * Reports over several sites (src/app/sites.ts): one part per site. JSON rows always carry `site`
 * (first); the table and CSV show a site column only when the report covers more than one site, so
 * a single-site installation sees the columns it always did.
 */
import type { Column } from '../format.js';
import type { Context } from './context.js';

export type Sited<R> = R & { site: string };

/** Every part's rows, each with its site first. */
export function siteRows<R extends object>(parts: readonly { site: string; rows: readonly R[] }[]): Sited<R>[] {
  return parts.flatMap((p) => p.rows.map((r) => ({ site: p.site, ...r }) as Sited<R>));
}

/** The columns with a leading site column when `multi`. */
export function withSiteColumn<R extends object>(ctx: Context, multi: boolean, columns: Column<R>[]): Column<Sited<R>>[] {
  const cols = columns as unknown as Column<Sited<R>>[];
  return multi ? [{ key: 'site', header: ctx.tr('col.site') }, ...cols] : cols;
}

/** CSV fields with `site` first when `multi`. */
export function withSiteField(multi: boolean, fields: readonly string[]): string[] {
  return multi ? ['site', ...fields] : [...fields];
}

/** Zones of the parts: "Asia/Shanghai" when all alike, else "Asia/Shanghai (north), Asia/Urumqi (west)". */
export function zonesText(parts: readonly { site: string; tz: string }[], fallback: string): string {
  const zones = [...new Set(parts.map((p) => p.tz))];
  if (zones.length <= 1) return zones[0] ?? fallback;
  return parts.map((p) => `${p.tz} (${p.site})`).join(', ');
}
