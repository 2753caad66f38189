/**
 * The intraday panel of `wfm live` (key p): per queue the calls so far against the morning forecast,
 * the reforecast of the day with its band, the staffing gap of the next two hours, and the top three
 * actions (src/live/intraday.ts holds the figures; src/app/live.ts computes them). A pure view.
 */
import { Box, Text } from 'ink';
import { DateTime } from 'luxon';
import { fixed } from '../format.js';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import { actionWords, type IntradayPanel } from '../live/intraday.js';
import { fit } from './components.js';
import type { Theme } from './theme.js';

/** Colour of a staffing gap: short red, even yellow, over green (null: no roster, plain). */
export function gapLevel(gap: number | null): 'good' | 'warn' | 'bad' | null {
  if (gap === null) return null;
  return gap < -0.05 ? 'bad' : gap < 0.95 ? 'warn' : 'good';
}

/** "+12.5%" for calls so far against the forecast so far ("-" without a forecast). */
export function changeText(soFar: number, forecast: number): string {
  if (!(forecast > 0)) return '-';
  const d = (100 * (soFar - forecast)) / forecast;
  return `${d >= 0 ? '+' : ''}${fixed(d, 1)}%`;
}

export interface IntradayViewProps {
  panel: IntradayPanel | null;
  lang: Lang;
  theme: Theme;
  width: number;
}

export function IntradayView({ panel, lang, theme, width }: IntradayViewProps) {
  const tr = (k: MessageKey, p?: MessageParams) => t(lang, k, p);
  if (!panel) {
    return (
      <Box flexDirection="column">
        <Text bold>{fit(tr('intraday.panel.title'), width)}</Text>
        <Text color={theme.dim}>{tr('intraday.panel.waiting')}</Text>
      </Box>
    );
  }
  if (panel.error !== undefined) {
    return (
      <Box flexDirection="column">
        <Text bold>{fit(tr('intraday.panel.title'), width)}</Text>
        <Text color={theme.level('warn')} wrap="wrap">{tr('intraday.panel.failed', { message: panel.error })}</Text>
      </Box>
    );
  }
  const time = DateTime.fromMillis(panel.atMs, { zone: panel.zone }).toFormat('HH:mm');
  return (
    <Box flexDirection="column">
      <Text bold>{fit(tr('intraday.panel.title'), width)}</Text>
      <Text color={theme.dim}>{fit(tr('intraday.panel.asOf', { time, minutes: panel.intervalMinutes, roster: panel.roster ?? '-' }), width)}</Text>
      {panel.queues.map((q) => (
        <Box key={q.queue} flexDirection="column">
          <Box height={1} overflow="hidden">
            <Text bold>{fit(q.queue, 12)} </Text>
            <Text>{tr('intraday.panel.soFar', { soFar: fixed(q.callsSoFar, 0), forecastSoFar: fixed(q.forecastSoFar, 0), change: changeText(q.callsSoFar, q.forecastSoFar) })}</Text>
          </Box>
          <Box height={1} overflow="hidden">
            <Text>{' '.repeat(13)}</Text>
            <Text>{tr('intraday.panel.day', { calls: fixed(q.dayCalls, 0), low: fixed(q.dayLow, 0), high: fixed(q.dayHigh, 0), forecast: fixed(q.dayForecast, 0) })}</Text>
          </Box>
          <Box height={1} overflow="hidden">
            <Text>{' '.repeat(13)}</Text>
            <Text color={theme.dim}>{tr('intraday.panel.gap')}: </Text>
            {q.gaps.map((g) => (
              <Text key={g.start} color={theme.level(gapLevel(g.gap))}>
                {g.start} {g.gap === null ? '-' : `${g.gap > 0 ? '+' : ''}${fixed(g.gap, 1)}`}{'  '}
              </Text>
            ))}
          </Box>
        </Box>
      ))}
      <Text bold>{tr('intraday.panel.actions')}</Text>
      {panel.actions.length === 0 ? <Text color={theme.dim}>{tr('intraday.panel.noActions')}</Text> : null}
      {panel.actions.map((a, i) => (
        <Text key={i} wrap="truncate-end">
          {i + 1}. {actionWords(lang, a)} ({a.lift >= 0 ? '+' : ''}{fixed(a.lift, 2)} pt)
        </Text>
      ))}
    </Box>
  );
}
