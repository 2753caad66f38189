/**
 * The `wfm live` screen: subscribes to a source, recomputes the snapshot on events (at most every
 * `minFrameMs`) and once a second for the clock, and handles the keys: q quit, / filter, s sort,
 * t team view, p intraday panel, space freeze, ? help, arrows / PgUp / PgDn scroll. Follows the
 * terminal size. The intraday panel's figures are loaded at the start, at every interval's start (by
 * the source's clock) and when the panel is opened, whether it is shown or not: the roster version in
 * force they name drives adherence.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout, type Key } from 'ink';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';
import type { LiveSource } from '../live/source.js';
import type { Roster } from '../live/roster.js';
import type { AlertThresholds } from '../live/alerts.js';
import type { IntradayFeed, IntradayPanel } from '../live/intraday.js';
import type { LiveSnapshot } from '../live/types.js';
import type { Theme } from './theme.js';
import { AlertsPanel, Header, Help, SeatBoard, SORT_KEYS, TeamView, selectAgents, type SortKey } from './components.js';
import { IntradayView } from './intraday.js';

export interface AppProps {
  source: LiveSource;
  clock: () => number;
  roster?: Roster;
  thresholds: AlertThresholds;
  lang: Lang;
  zone: string;
  theme: Theme;
  /** Clock refresh, ms (default 1000). */
  tickMs?: number;
  /** Minimum time between two snapshots caused by events, ms (default 500: two frames a second). */
  minFrameMs?: number;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** The intraday panel's figures (key p), computed again at every interval's start; its schedule replaces `roster`. */
  intraday?: IntradayFeed;
  onQuit?: () => void;
}

function useTerminalSize(fixed?: { columns: number; rows: number }) {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout?.columns || 100, rows: stdout?.rows || 30 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed || !stdout) return;
    const onResize = () => setSize({ columns: stdout.columns || 100, rows: stdout.rows || 30 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return size;
}

export function App(props: AppProps) {
  const { source, clock, roster, thresholds, lang, zone, theme } = props;
  const tr = (k: MessageKey, p?: MessageParams) => t(lang, k, p);
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  // the schedule in force: the roster given, or the newest version the intraday panel found
  const scheduleRef = useRef<Roster | undefined>(roster);
  const take = () => source.snapshot(clock(), { roster: scheduleRef.current, thresholds });
  const [snap, setSnap] = useState<LiveSnapshot>(take);
  const [panel, setPanel] = useState<IntradayPanel | null>(null);
  const [showPanel, setShowPanel] = useState(false);
  const panelNext = useRef(0);
  const panelBusy = useRef(false);
  const panelLoad = useRef<() => void>(() => undefined);
  const [frozen, setFrozen] = useState(false);
  const [sort, setSort] = useState<SortKey>('name');
  const [teamView, setTeamView] = useState(false);
  const [help, setHelp] = useState(false);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const frozenRef = useRef(false);
  const helpRef = useRef(false);
  // key handling reads refs: several keys can arrive before React re-renders
  const editingRef = useRef<string | null>(null);
  editingRef.current = editing;
  const setEdit = (v: string | null) => {
    editingRef.current = v;
    setEditing(v);
  };
  frozenRef.current = frozen;

  useEffect(() => {
    let last = 0;
    let pending: NodeJS.Timeout | null = null;
    const minFrame = props.minFrameMs ?? 500;
    const refresh = () => {
      if (frozenRef.current) return;
      last = Date.now();
      setSnap(take());
    };
    const onEvent = () => {
      if (pending) return;
      const wait = Math.max(0, minFrame - (Date.now() - last));
      pending = setTimeout(() => {
        pending = null;
        refresh();
      }, wait);
    };
    const unsubscribe = source.subscribe(onEvent);
    // the intraday panel: at the start, then at every interval's start (by the source's clock)
    const feed = props.intraday;
    let alive = true;
    const loadPanel = () => {
      if (!feed || panelBusy.current || clock() < panelNext.current) return;
      panelBusy.current = true;
      void feed
        .load(clock())
        .then((p) => {
          if (!alive) return;
          panelNext.current = p.nextMs;
          if (p.schedule) scheduleRef.current = p.schedule;
          setPanel(p);
          refresh();
        })
        .finally(() => {
          panelBusy.current = false;
        });
    };
    panelLoad.current = loadPanel;
    loadPanel();
    const tick = setInterval(() => {
      refresh();
      loadPanel();
    }, props.tickMs ?? 1000);
    return () => {
      alive = false;
      unsubscribe();
      clearInterval(tick);
      if (pending) clearTimeout(pending);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);

  const agents = useMemo(() => selectAgents(snap.agents, filter, sort, snap.atMs), [snap, filter, sort]);

  // rows: header 2 + 2 per queue, alerts 1 + up to 4 (+1), filter/status line 1, board rest
  const alertRows = Math.min(4, snap.alerts.length) + 1 + (snap.alerts.length > 4 ? 1 : 0) + (snap.alerts.length === 0 ? 1 : 0);
  const headerRows = 2 + snap.queues.length * 2;
  const boardRows = Math.max(3, size.rows - headerRows - alertRows - 2);
  const page = Math.max(1, boardRows - 3);

  // a terminal can deliver several typed keys in one read (fast typing, paste): take them one by one
  useInput((input, key) => {
    const plain = !key.ctrl && !key.meta && !key.escape && !key.return && !key.upArrow && !key.downArrow && !key.pageUp && !key.pageDown;
    if (plain && [...input].length > 1) {
      for (const ch of input) onKey(ch, key);
      return;
    }
    onKey(input, key);
  });

  function onKey(input: string, key: Key) {
    const ed = editingRef.current;
    if (ed !== null) {
      if (key.return) {
        setFilter(ed);
        setEdit(null);
        setOffset(0);
      } else if (key.escape) {
        setFilter('');
        setEdit(null);
      } else if (key.backspace || key.delete) setEdit(ed.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setEdit(ed + input);
      return;
    }
    if (helpRef.current) {
      helpRef.current = false;
      setHelp(false);
      return;
    }
    if (input === 'q') {
      props.onQuit?.();
      exit();
    } else if (input === '/') setEdit(filter);
    else if (input === 's') setSort((cur) => SORT_KEYS[(SORT_KEYS.indexOf(cur) + 1) % SORT_KEYS.length]);
    else if (input === 't') setTeamView((v) => !v);
    else if (input === 'p') {
      // opening the panel computes it afresh (a roster version saved meanwhile is picked up)
      setShowPanel((v) => {
        if (!v) {
          panelNext.current = 0;
          panelLoad.current();
        }
        return !v;
      });
    }
    else if (input === ' ') {
      const next = !frozenRef.current;
      frozenRef.current = next;
      setFrozen(next);
      if (!next) setSnap(take());
    } else if (input === '?') {
      helpRef.current = true;
      setHelp(true);
    }
    else if (key.downArrow) setOffset((o) => Math.min(o + 1, Math.max(0, agents.length - 1)));
    else if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
    else if (key.pageDown) setOffset((o) => Math.min(o + page, Math.max(0, agents.length - 1)));
    else if (key.pageUp) setOffset((o) => Math.max(0, o - page));
  }

  const width = Math.max(40, size.columns);
  return (
    <Box flexDirection="column" width={width}>
      <Header snap={snap} lang={lang} zone={zone} theme={theme} thresholds={thresholds} frozen={frozen} width={width} />
      <AlertsPanel snap={snap} lang={lang} theme={theme} max={4} />
      <Text wrap="truncate-end" color={theme.dim}>
        {editing !== null
          ? tr('live.filter.prompt', { text: editing + '▏' })
          : [tr('live.sort', { by: tr(`live.sort.${sort}`) }), filter ? tr('live.filter', { text: filter }) : '', '? help'].filter(Boolean).join('  ·  ')}
      </Text>
      {help ? (
        <Help lang={lang} />
      ) : showPanel ? (
        <IntradayView panel={panel} lang={lang} theme={theme} width={width} />
      ) : teamView ? (
        <TeamView agents={agents} lang={lang} theme={theme} />
      ) : (
        <SeatBoard
          agents={agents}
          total={snap.agents.length}
          nowMs={snap.atMs}
          lang={lang}
          theme={theme}
          thresholds={thresholds}
          width={width}
          height={boardRows}
          offset={offset}
        />
      )}
    </Box>
  );
}
