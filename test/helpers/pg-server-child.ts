/**
 * For test/store/pg-server.test.ts: starts a throwaway cluster, prints {"dir","port"} on one line,
 * then either exits without stop() once a line arrives on stdin (`exit`: the exit handler must clean
 * up; the parent first sees the server running) or waits to be killed (`wait`: after a SIGKILL the
 * watchdog must clean up).
 *
 *   vite-node test/helpers/pg-server-child.ts exit|wait
 */
import { startPgServer } from './pg-server.js';

const mode = process.argv[2];
const server = await startPgServer();
process.stdout.write(JSON.stringify({ dir: server.dir, port: server.port }) + '\n');
// a line, or the parent gone (stdin closed), ends it
if (mode === 'exit') for (const ev of ['data', 'end', 'close']) process.stdin.once(ev, () => process.exit(0));
else setInterval(() => {}, 60_000);
