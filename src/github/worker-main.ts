// `npm run worker`: a review worker for the durable queue (REDIS_URL). SIGTERM or SIGINT stops it
// taking jobs; running reviews get MAPGUARD_SHUTDOWN_GRACE_SECONDS (default 20) to finish, then
// go back to the queue for another worker, which carries on with the same check run.
import { startWorker } from './worker.js';
import { stopOnSignals } from './signals.js';

startWorker()
  .then(({ stop }) => stopOnSignals('mapguard worker', stop))
  .catch((e: unknown) => {
    console.error(`mapguard worker: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
