/** Text helpers shared by the screen and the one-shot snapshot. Pure. */
import { percent } from '../format.js';
import { t, type Lang } from '../i18n/index.js';
import type { Alert } from '../live/types.js';

/** Seconds as m:ss, or h:mm:ss from an hour. */
export function mmss(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One alert as a line of text in `lang`. */
export function alertText(a: Alert, lang: Lang): string {
  const value = a.kind === 'slBelow' ? percent(a.value, 1) : mmss(a.value);
  const limit = a.kind === 'slBelow' ? percent(a.limit, 0) : mmss(a.limit);
  return t(lang, `live.alert.${a.kind}`, { subject: a.subject, value, limit });
}
