/** The store contract (test/store/contract.ts) on the PostgreSQL store: a fresh, migrated database of the test server per test. */
import { migrateStore, openStore } from '../../src/store/index.js';
import { describePg, freshPgDatabase } from '../helpers/pg.js';
import { storeContract } from './contract.js';

describePg('PostgreSQL', () => {
  storeContract('postgres', async () => {
    const url = await freshPgDatabase();
    await migrateStore(url);
    return openStore(url, { mode: 'write' });
  });
});
