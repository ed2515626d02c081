// SIGTERM (a deploy, `docker stop`) or SIGINT, for `npm start` and `npm run worker` alike: one
// graceful stop, given MAPGUARD_SHUTDOWN_GRACE_SECONDS (default 20), then the process exits.

/** The grace period of a graceful stop, in milliseconds. */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.MAPGUARD_SHUTDOWN_GRACE_SECONDS ?? '20');
  return (Number.isFinite(s) && s >= 0 ? s : 20) * 1000;
}

/** On the first SIGTERM or SIGINT: says so on stderr, runs `stop(graceMs)`, exits 0 (1 if it failed). */
export function stopOnSignals(name: string, stop: (graceMs: number) => Promise<unknown>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const grace = shutdownGraceMs();
    console.error(`${name}: ${signal}: finishing running reviews (up to ${grace / 1000} s), then stopping`);
    stop(grace)
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
