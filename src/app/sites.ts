/**
 * Sites: a PBX or location with its own time zone. Every stored row belongs to one (`default` unless
 * named). Which site a run works on, and in which zone:
 *
 * - writes (imports, saves) go to the site named by --site, WFM_SITE or wfm.yaml's `site`, else to
 *   `default`;
 * - reports cover the named site, else every site of the store, one row per site and queue;
 * - planning commands that read the store (forecast, staff, roster, simulate, intraday) work on one
 *   site: the one named, else the store's only site; with several and none named, exit 2 listing them;
 * - a site's zone is --tz when given on the command line, else wfm.yaml's `sites.NAME.tz`, else the
 *   zone the store recorded for it, else the run's zone (WFM_TZ, wfm.yaml's `tz`, the system's);
 * - the store records a site's zone with its first write; only an explicit zone (--tz, or the site's
 *   wfm.yaml entry) changes it later, so a nightly job without --tz (an agents CSV, a forecast saved
 *   on a machine in UTC) never moves the site's days and intervals;
 * - a named site the store does not know (and wfm.yaml does not list) is exit 2 for reports and
 *   alerts, naming the known ones: a mistyped --site must not give empty reports and quiet alerts.
 */
import { UsageError } from '../errors.js';
import { DEFAULT_SITE, type SiteRecord, type Store } from '../store/index.js';
import type { Session } from './session.js';
import { storeExists, withStore, type StoreSession } from './store.js';

export type SiteSession = Pick<Session, 'site' | 'tz' | 'config' | 'settings'>;

/** The site a write goes to. */
export function writeSite(s: Pick<Session, 'site'>): string {
  return s.site ?? DEFAULT_SITE;
}

/** A site's zone (see the module comment); `stored`: the store's sites, when known. */
export function siteZone(s: SiteSession, site: string, stored: readonly SiteRecord[] = []): string {
  if (s.settings.tz.source === 'flag') return s.tz;
  return s.config.sites?.[site]?.tz ?? stored.find((x) => x.name === site)?.tz ?? s.tz;
}

/** Whether the run names `site`'s zone itself (--tz, or the site's wfm.yaml entry): then a write may change the recorded zone. */
export function explicitZone(s: SiteSession, site: string): boolean {
  return s.settings.tz.source === 'flag' || s.config.sites?.[site]?.tz !== undefined;
}

/** The zone of a write to `site` that reads no store (files in, e.g. a forecast's --input): `siteZone` without the recorded one. */
export function writeZone(s: SiteSession, site: string): string {
  return siteZone(s, site);
}

/**
 * `site`'s zone for a run that holds no store open (an import's rows are read in it and recorded with
 * it; the live board's intervals): `siteZone`, with the zone the store recorded for it when there is a
 * store to ask.
 */
export async function zoneOfSite(s: SiteSession & StoreSession, site: string, mode: 'read' | 'write' = 'read'): Promise<string> {
  if (explicitZone(s, site) || !storeExists(s)) return siteZone(s, site);
  // a write (an import) opens the store as it will for its rows: an older SQLite store is migrated
  // first, so the site `default` has the zone the migration gives it, and a store that cannot be
  // opened stops the run here
  if (mode === 'write') return siteZone(s, site, await withStore(s, 'write', (store) => store.sites()));
  let stored: SiteRecord[] = [];
  try {
    stored = await withStore(s, 'read', (store) => store.sites());
  } catch {
    // a reading command (the live board) that cannot read the store runs in the run's zone
  }
  return siteZone(s, site, stored);
}

/** Record `site` with the zone a write used: a new site, or an explicit zone that replaces the recorded one. */
export async function recordSite(s: SiteSession, store: Store, site: SiteRecord): Promise<void> {
  if (explicitZone(s, site.name) || !(await store.sites()).some((x) => x.name === site.name)) await store.saveSite(site);
}

/** A site named for reading must be known to the store or to wfm.yaml: exit 2 naming the known ones. */
function knownSite(s: SiteSession, name: string, stored: readonly SiteRecord[]): void {
  if (stored.length === 0 || stored.some((x) => x.name === name) || s.config.sites?.[name] !== undefined) return;
  const known = [...new Set([...stored.map((x) => x.name), ...Object.keys(s.config.sites ?? {})])].sort().join(', ');
  throw new UsageError({ key: 'site.unknown', params: { site: name, sites: known } }, `the store has no site "${name}" (it has ${known})`);
}

/** The sites a report covers, each with its zone: the named one, else every site of the store (by name). */
export async function reportSites(s: SiteSession, store: Store): Promise<SiteRecord[]> {
  const stored = await store.sites();
  if (s.site !== undefined) {
    knownSite(s, s.site, stored);
    return [{ name: s.site, tz: siteZone(s, s.site, stored) }];
  }
  if (stored.length === 0) return [{ name: DEFAULT_SITE, tz: siteZone(s, DEFAULT_SITE, stored) }];
  return stored.map((x) => ({ name: x.name, tz: siteZone(s, x.name, stored) }));
}

/**
 * The one site a planning command works on, with its zone: the named one; else the store's only site
 * (or `default` in a store without any); with several and none named, exit 2 listing them.
 */
export async function oneSite(s: SiteSession, store: Store): Promise<SiteRecord> {
  const stored = await store.sites();
  if (s.site !== undefined) return { name: s.site, tz: siteZone(s, s.site, stored) };
  if (stored.length <= 1) {
    const name = stored[0]?.name ?? DEFAULT_SITE;
    return { name, tz: siteZone(s, name, stored) };
  }
  throw new UsageError(
    { key: 'site.choose', params: { sites: stored.map((x) => x.name).join(', ') } },
    `the store holds several sites (${stored.map((x) => x.name).join(', ')}): name one with --site`,
  );
}

/**
 * The site of a planning command that may run without a store (rosters and forecasts from files):
 * `oneSite` of the store when there is one, else the site a save goes to, in its zone.
 */
export async function planSite(s: SiteSession & StoreSession): Promise<SiteRecord> {
  if (!storeExists(s)) {
    const name = writeSite(s);
    return { name, tz: writeZone(s, name) };
  }
  return withStore(s, 'read', (store) => oneSite(s, store));
}

/**
 * The site of a saved forecast or roster called `name`: the named site (whether or not it has one);
 * else the one site that has one by that name; null when no site has. Several: exit 2 naming them.
 */
export async function snapshotSite(s: Pick<Session, 'site'>, store: Store, kind: 'forecast' | 'roster', name: string): Promise<string | null> {
  if (s.site !== undefined) return s.site;
  const list = kind === 'forecast' ? await store.listForecasts() : await store.listRosters();
  const sites = [...new Set(list.filter((x) => x.name === name).map((x) => x.site))].sort();
  if (sites.length > 1) {
    throw new UsageError({ key: 'site.snapshotAmbiguous', params: { name, sites: sites.join(', ') } }, `"${name}" is saved for several sites: name one with --site`);
  }
  return sites[0] ?? null;
}

/**
 * The site of `wfm roster`: the named one; else, with `--forecast NAME`, the site that saved it;
 * else as `planSite`.
 */
export async function rosterSite(s: SiteSession & StoreSession, forecast: string | undefined): Promise<SiteRecord> {
  if (s.site === undefined && forecast !== undefined && storeExists(s)) {
    const found = await withStore(s, 'read', async (store) => {
      const name = await snapshotSite(s, store, 'forecast', forecast);
      return name === null ? null : { name, tz: siteZone(s, name, await store.sites()) };
    });
    if (found) return found;
  }
  return planSite(s);
}
