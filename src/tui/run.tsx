/** Start the `wfm live` screen on the terminal and resolve with the exit code when the user quits. */
import { render } from 'ink';
import type { Lang } from '../i18n/index.js';
import type { LiveSource } from '../live/source.js';
import type { Roster } from '../live/roster.js';
import type { AlertThresholds } from '../live/alerts.js';
import type { IntradayFeed } from '../live/intraday.js';
import { App } from './App.js';
import { colorsEnabled, makeTheme } from './theme.js';

export interface TuiOptions {
  source: LiveSource;
  clock: () => number;
  roster?: Roster;
  thresholds: AlertThresholds;
  lang: Lang;
  zone: string;
  env: Record<string, string | undefined>;
  /** The intraday panel's figures (key p). */
  intraday?: IntradayFeed;
}

export async function runTui(o: TuiOptions): Promise<number> {
  // the source keeps retrying on its own (AMI shows "reconnecting" on screen); a refused login ends the run
  let failure: Error | null = null;
  const started = o.source.start().catch((err: Error) => {
    failure = err;
  });
  const theme = makeTheme(colorsEnabled(o.env));
  const app = render(<App source={o.source} clock={o.clock} roster={o.roster} thresholds={o.thresholds} lang={o.lang} zone={o.zone} theme={theme} intraday={o.intraday} />, {
    exitOnCtrlC: true,
    maxFps: 10,
  });
  void started.then(() => {
    if (failure) app.unmount(failure);
  });
  try {
    await app.waitUntilExit();
  } finally {
    await o.source.close();
  }
  if (failure) throw failure;
  return 0;
}
