/**
 * For test/store/pg-server.test.ts: starts a throwaway cluster, prints {"dir","port"} on one line,
 * then either exits without stop() (`exit`: the exit handler must clean up) or waits to be killed
 * (`wait`: after a SIGKILL the watchdog must clean up).
 *
 *   vite-node test/helpers/pg-server-child.ts exit|wait
 */
import { startPgServer } from './pg-server.js';

const mode = process.argv[2];
const server = await startPgServer();
process.stdout.write(JSON.stringify({ dir: server.dir, port: server.port }) + '\n');
if (mode === 'exit') process.exit(0);
setInterval(() => {}, 60_000);
