/**
 * The Ink components of `wfm live`: header (clock, source status, per-queue figures), alerts panel,
 * seat board, team view and help. Pure views: props in, elements out.
 */
import { Box, Text } from 'ink';
import { DateTime } from 'luxon';
import { displayWidth, percent, safeText } from '../format.js';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import { slLevel, waitLevel, type AlertThresholds } from '../live/alerts.js';
import { SEAT_STATES, type AgentView, type LiveSnapshot, type SeatState, type SourceStatus } from '../live/types.js';
import type { Theme } from './theme.js';
import { alertText, mmss } from './text.js';

type Tr = (k: MessageKey, p?: MessageParams) => string;
const trOf = (lang: Lang): Tr => (k, p) => t(lang, k, p);

/**
 * Pad or cut `text` to exactly `width` terminal cells (wide CJK characters count two). Every name on
 * the board goes through here, so control characters in it are shown as escapes (src/format.ts
 * safeText) before it is measured and cut; the rest of the screen's text comes from the catalogue
 * (`t` escapes the names it quotes).
 */
export function fit(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const text = safeText(raw);
  let w = displayWidth(text);
  let s = text;
  if (w > width) {
    let out = '';
    let used = 0;
    for (const ch of text) {
      const cw = displayWidth(ch);
      if (used + cw > width - 1) break;
      out += ch;
      used += cw;
    }
    s = out + '…';
    w = used + 1;
  }
  const fill = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? fill + s : s + fill;
}

export function statusText(s: SourceStatus, tr: Tr): string {
  switch (s.kind) {
    case 'ok':
      return tr('live.status.ok');
    case 'connecting':
      return tr('live.status.connecting');
    case 'ended':
      return tr('live.status.ended');
    case 'reconnecting':
      return tr('live.status.reconnecting', {
        reason: tr(`live.status.reason.${s.reason}`),
        seconds: Math.ceil(s.retryInMs / 1000),
        attempt: s.attempt,
      });
  }
}

export interface HeaderProps {
  snap: LiveSnapshot;
  lang: Lang;
  zone: string;
  theme: Theme;
  thresholds: AlertThresholds;
  frozen: boolean;
  width: number;
}

export function Header({ snap, lang, zone, theme, thresholds, frozen, width }: HeaderProps) {
  const tr = trOf(lang);
  const clock = DateTime.fromMillis(snap.atMs, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
  const iv = DateTime.fromMillis(snap.intervalStartMs, { zone }).toFormat('HH:mm');
  const statusColor = snap.status.kind === 'reconnecting' ? theme.level('bad') : snap.status.kind === 'ok' ? theme.level('good') : theme.level('warn');
  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text bold>wfm live  {clock}  </Text>
        <Text color={statusColor}>[{statusText(snap.status, tr)}]</Text>
        {frozen ? <Text color={theme.level('warn')} bold inverse={theme.color}>{'  ' + tr('live.frozen')}</Text> : null}
      </Box>
      <Text wrap="truncate-end" color={theme.dim}>{tr('live.window', { window: String(snap.windowMs / 3_600_000), interval: iv })}</Text>
      {snap.queues.map((q) => {
        const sl = q.window.serviceLevel;
        const slIv = q.interval.serviceLevel;
        return (
          <Box key={q.queue} flexDirection="column">
            <Box height={1} overflow="hidden">
              <Text bold>{fit(q.queue, 12)}</Text>
              <Text> {tr('live.col.waiting')} </Text>
              <Text bold color={q.waiting > 0 ? theme.level(waitLevel(q.longestWaitSeconds, thresholds)) : undefined}>{String(q.waiting).padStart(3)}</Text>
              <Text>  {tr('live.col.longestWait')} </Text>
              <Text bold color={theme.level(waitLevel(q.longestWaitSeconds, thresholds))}>{mmss(q.longestWaitSeconds).padStart(5)}</Text>
              <Text>  SL </Text>
              <Text bold color={theme.level(slLevel(sl, thresholds))}>{(percent(sl, 0) || '-').padStart(4)}</Text>
              <Text> / </Text>
              <Text bold color={theme.level(slLevel(slIv, thresholds))}>{(percent(slIv, 0) || '-').padStart(4)}</Text>
              <Text>  {tr('live.col.abandonRate')} </Text>
              <Text>{(percent(q.window.abandonRate, 1) || '-').padStart(5)} / {(percent(q.interval.abandonRate, 1) || '-').padStart(5)}</Text>
            </Box>
            <Box height={1} overflow="hidden">
              <Text>{' '.repeat(13)}</Text>
              {SEAT_STATES.map((s) => (
                <Text key={s} color={q.agents[s] > 0 ? theme.state(s) : theme.dim}>
                  {tr(`live.state.${s}`)} {q.agents[s]}{'  '}
                </Text>
              ))}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}

export function AlertsPanel({ snap, lang, theme, max }: { snap: LiveSnapshot; lang: Lang; theme: Theme; max: number }) {
  const tr = trOf(lang);
  const shown = snap.alerts.slice(0, Math.max(0, max));
  return (
    <Box flexDirection="column">
      <Text bold color={snap.alerts.length ? theme.level('bad') : theme.level('good')}>
        {tr('live.alerts')} ({snap.alerts.length})
      </Text>
      {shown.length === 0 ? <Text color={theme.dim}>{tr('live.alerts.none')}</Text> : null}
      {shown.map((a, i) => (
        <Text key={i} wrap="truncate-end" color={theme.level(a.kind === 'slBelow' || a.kind === 'longWait' ? 'bad' : 'warn')}>
          ! {alertText(a, lang)}
        </Text>
      ))}
      {snap.alerts.length > shown.length ? <Text color={theme.dim}>{tr('live.more', { count: snap.alerts.length - shown.length })}</Text> : null}
    </Box>
  );
}

export type SortKey = 'name' | 'state' | 'time' | 'queue';
export const SORT_KEYS: readonly SortKey[] = ['name', 'state', 'time', 'queue'];

/** Agents matching `filter` (case-insensitive substring of name, team or any queue), sorted by `sort`. */
export function selectAgents(agents: readonly AgentView[], filter: string, sort: SortKey, nowMs: number): AgentView[] {
  const f = filter.trim().toLowerCase();
  const list = f
    ? agents.filter(
        (a) =>
          a.agent.toLowerCase().includes(f) ||
          (a.team ?? '').toLowerCase().includes(f) ||
          (a.queue ?? '').toLowerCase().includes(f) ||
          a.queues.some((q) => q.toLowerCase().includes(f)),
      )
    : [...agents];
  const order = (s: SeatState) => SEAT_STATES.indexOf(s);
  const byName = (a: AgentView, b: AgentView) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0);
  if (sort === 'state') list.sort((a, b) => order(a.state) - order(b.state) || byName(a, b));
  else if (sort === 'time') list.sort((a, b) => (nowMs - b.sinceMs) - (nowMs - a.sinceMs) || byName(a, b));
  else if (sort === 'queue') list.sort((a, b) => (a.queue ?? '\uffff').localeCompare(b.queue ?? '\uffff') || byName(a, b));
  else list.sort(byName);
  return list;
}

export interface SeatBoardProps {
  agents: readonly AgentView[];
  total: number;
  nowMs: number;
  lang: Lang;
  theme: Theme;
  thresholds: AlertThresholds;
  width: number;
  height: number;
  offset: number;
}

export function SeatBoard({ agents, total, nowMs, lang, theme, thresholds, width, height, offset }: SeatBoardProps) {
  const tr = trOf(lang);
  const rows = Math.max(0, height - 2);
  const start = Math.max(0, Math.min(offset, Math.max(0, agents.length - rows)));
  const visible = agents.slice(start, start + rows);
  const hasAdh = agents.some((a) => a.adherence !== null);
  const w = { agent: 16, state: 18, time: 8, queue: 12, calls: 6, aht: 6 };
  const adhW = Math.max(0, width - (w.agent + w.state + w.time + w.queue + w.calls + w.aht + 6));
  const head =
    fit(tr('live.col.agent'), w.agent) + ' ' + fit(tr('live.col.state'), w.state) + ' ' + fit(tr('live.col.time'), w.time, 'right') + ' ' +
    fit(tr('live.col.queue'), w.queue) + ' ' + fit(tr('live.col.calls'), w.calls, 'right') + ' ' + fit(tr('live.col.aht'), w.aht, 'right') +
    (hasAdh && adhW > 4 ? ' ' + fit(tr('live.col.adherence'), adhW) : '');
  return (
    <Box flexDirection="column">
      <Text bold>{fit(tr('live.seats', { shown: agents.length, total }), width)}</Text>
      <Text bold underline={theme.color}>{fit(head, width)}</Text>
      {visible.map((a) => {
        const inState = Math.floor((nowMs - a.sinceMs) / 1000);
        const long =
          (a.state === 'paused' && inState > thresholds.maxPauseS) || (a.state === 'talking' && inState > thresholds.maxTalkS);
        const stateText = tr(`live.state.${a.state}`) + (a.pauseReason ? `: ${a.pauseReason}` : '');
        let adh = '';
        let adhColor: string | undefined;
        if (a.adherence && adhW > 4) {
          if (a.adherence.adherent) {
            adh = tr('live.adh.ok');
            adhColor = theme.level('good');
          } else {
            adh = tr('live.adh.out', { time: mmss(a.adherence.outSeconds), sched: tr(`live.sched.${a.adherence.scheduled}`) });
            adhColor = theme.level(a.adherence.outSeconds > thresholds.adherenceToleranceS ? 'bad' : 'warn');
          }
        }
        return (
          <Text key={a.agent} wrap="truncate-end">
            {fit(a.agent, w.agent)}{' '}
            <Text color={theme.state(a.state)} bold={a.state !== 'loggedOut'}>{fit(stateText, w.state)}</Text>{' '}
            <Text color={long ? theme.level('bad') : undefined}>{fit(mmss(inState), w.time, 'right')}</Text>
            {' ' + fit(a.queue ?? '', w.queue) + ' ' + fit(String(a.calls), w.calls, 'right') + ' ' +
              fit(a.ahtSeconds === null ? '' : String(Math.round(a.ahtSeconds)), w.aht, 'right')}
            {adh ? <Text color={adhColor}> {fit(adh, adhW)}</Text> : null}
          </Text>
        );
      })}
      {agents.length > start + visible.length ? (
        <Text color={theme.dim}>{tr('live.more', { count: agents.length - start - visible.length })}</Text>
      ) : null}
    </Box>
  );
}

/** Per team (roster team; agents without one together): agents by state and how many are out of adherence. */
export function TeamView({ agents, lang, theme }: { agents: readonly AgentView[]; lang: Lang; theme: Theme }) {
  const tr = trOf(lang);
  const teams = new Map<string, { counts: Record<SeatState, number>; out: number }>();
  for (const a of agents) {
    const key = a.team ?? tr('live.team.none');
    let e = teams.get(key);
    if (!e) {
      e = { counts: { available: 0, ringing: 0, talking: 0, wrapup: 0, paused: 0, loggedOut: 0 }, out: 0 };
      teams.set(key, e);
    }
    e.counts[a.state]++;
    if (a.adherence && !a.adherence.adherent) e.out++;
  }
  return (
    <Box flexDirection="column">
      <Text bold>{tr('live.teams')}</Text>
      {[...teams.keys()].sort().map((name) => {
        const e = teams.get(name)!;
        return (
          <Box key={name} height={1} overflow="hidden">
            <Text bold>{fit(name, 14)} </Text>
            {SEAT_STATES.map((s) => (
              <Text key={s} color={e.counts[s] > 0 ? theme.state(s) : theme.dim}>
                {tr(`live.state.${s}`)} {e.counts[s]}{'  '}
              </Text>
            ))}
            {e.out > 0 ? <Text color={theme.level('bad')}>{tr('live.col.adherence')} -{e.out}</Text> : null}
          </Box>
        );
      })}
    </Box>
  );
}

export function Help({ lang }: { lang: Lang }) {
  const tr = trOf(lang);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>{tr('live.help.title')}</Text>
      {tr('live.help.body')
        .split('\n')
        .map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
    </Box>
  );
}
