// `npm run worker`: a review worker for the durable queue (REDIS_URL). SIGTERM or SIGINT stops it
// taking jobs; running reviews get MAPGUARD_SHUTDOWN_GRACE_SECONDS (default 20) to finish, then
// go back to the queue for another worker, which carries on with the same check run.
import { startWorker } from './worker.js';

const grace = Number(process.env.MAPGUARD_SHUTDOWN_GRACE_SECONDS ?? '20');

startWorker()
  .then(({ stop }) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`mapguard worker: ${signal}: finishing running reviews (up to ${grace} s), then stopping`);
      stop((Number.isFinite(grace) && grace >= 0 ? grace : 20) * 1000)
        .then(() => process.exit(0))
        .catch((e: unknown) => {
          console.error(e instanceof Error ? e.message : e);
          process.exit(1);
        });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  })
  .catch((e: unknown) => {
    console.error(`mapguard worker: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
