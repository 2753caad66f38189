/** Message parameters that are a store's or a PBX's URL lose their password; anything else is shown as given. */
import { describe, expect, it } from 'vitest';
import { hideUrlPassword } from '../src/format.js';
import { t } from '../src/i18n/index.js';

describe('hideUrlPassword', () => {
  it('hides the password of postgres://, postgresql:// and ami:// addresses', () => {
    expect(hideUrlPassword('postgresql://alice:S3cret@db.example:5432/wfm')).toBe('postgresql://alice:***@db.example:5432/wfm');
    expect(hideUrlPassword('postgres://wfm:p@ss@db/wfm')).toBe('postgres://wfm:***@db/wfm');
    expect(hideUrlPassword('postgresql://wfm@db/wfm?sslmode=require&password=S3cret')).toBe('postgresql://wfm@db/wfm?sslmode=require&password=***');
    expect(hideUrlPassword('ami://wfm:pw@pbx:5038')).toBe('ami://wfm:***@pbx:5038');
  });

  it('leaves names and values that only look like URLs as they are', () => {
    for (const x of ['https://wiki.example/rosters/week:43@v2', 'sip://1001@pbx,2026-10-23 10:00:00,agent@example.com', 's3://bucket/key:v2@snapshot', 'wfm.db']) {
      expect(hideUrlPassword(x)).toBe(x);
    }
  });

  it('every message shows a store URL without its password', () => {
    const m = t('en', 'staff.err.noForecast', { name: 'wk', db: 'postgresql://alice:S3cret@db/wfm' });
    expect(m).toContain('postgresql://alice:***@db/wfm');
    expect(m).not.toContain('S3cret');
  });
});
