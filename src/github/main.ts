// `npm start`: the GitHub App server. SIGTERM (a deploy, `docker stop`) or SIGINT stops it
// gracefully: no new reviews, running ones get MAPGUARD_SHUTDOWN_GRACE_SECONDS (default 20) to
// finish, and every check run left unfinished is completed as neutral with a re-run hint.
import { startServer } from './server.js';

const grace = Number(process.env.MAPGUARD_SHUTDOWN_GRACE_SECONDS ?? '20');

startServer()
  .then(({ server, app }) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`mapguard: ${signal}: finishing running reviews (up to ${grace} s), then stopping`);
      void Promise.all([app.shutdown((Number.isFinite(grace) && grace >= 0 ? grace : 20) * 1000), server.stop()])
        .then(() => process.exit(0))
        .catch((e: unknown) => {
          console.error(e instanceof Error ? e.message : e);
          process.exit(1);
        });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
