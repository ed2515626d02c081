// `npm start`: the GitHub App server. SIGTERM (a deploy, `docker stop`) or SIGINT stops it
// gracefully: no new reviews, running ones get MAPGUARD_SHUTDOWN_GRACE_SECONDS (default 20) to
// finish, and every check run left unfinished is completed as neutral with a re-run hint.
import { startServer } from './server.js';
import { stopOnSignals } from './signals.js';

startServer()
  .then(({ server, app }) => stopOnSignals('mapguard', (graceMs) => Promise.all([app.shutdown(graceMs), server.stop()])))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
