// The review queue on its own: concurrency bound, superseding, duplicates.
import { ReviewQueue, checkpoint } from '../../src/github/queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('runs at most `concurrency` jobs at once', async () => {
  const q = new ReviewQueue(2);
  let running = 0;
  let peak = 0;
  const gates = Array.from({ length: 5 }, deferred);
  gates.forEach((g, i) =>
    q.submit({
      key: `r#${i}`,
      sha: 's',
      deliveryId: `d${i}`,
      run: async () => {
        running++;
        peak = Math.max(peak, running);
        await g.promise;
        running--;
      },
    }),
  );
  expect(q.size).toEqual({ queued: 3, running: 2 });
  gates.forEach((g) => g.resolve());
  await q.idle();
  expect(peak).toBe(2);
});

test('a newer SHA cancels the queued job and aborts the running one', async () => {
  const q = new ReviewQueue(1);
  const log: string[] = [];
  const gate = deferred();
  q.submit({ key: 'other#1', sha: 'x', deliveryId: 'd0', run: () => gate.promise });
  q.submit({ key: 'r#1', sha: 'a', deliveryId: 'd1', run: async () => void log.push('ran a'), onCancel: async (_s, by) => void log.push(`cancelled a by ${by}`) });
  expect(q.submit({ key: 'r#1', sha: 'b', deliveryId: 'd2', run: async () => void log.push('ran b') })).toBe('queued');
  gate.resolve();
  await q.idle();
  expect(log).toEqual(['cancelled a by b', 'ran b']);

  const running = deferred();
  let aborted = false;
  q.submit({
    key: 'r#2',
    sha: 'a',
    deliveryId: 'd3',
    run: async (signal) => {
      await running.promise;
      try {
        checkpoint(signal);
      } catch {
        aborted = true;
      }
    },
  });
  q.submit({ key: 'r#2', sha: 'b', deliveryId: 'd4', run: async () => {} });
  running.resolve();
  await q.idle();
  expect(aborted).toBe(true);
});

test('same delivery, or a SHA already queued or done, is a duplicate; force re-runs a done SHA', async () => {
  const q = new ReviewQueue(2);
  let runs = 0;
  const job = (deliveryId: string, force = false) => ({ key: 'r#1', sha: 'a', deliveryId, force, run: async () => void runs++ });
  expect(q.submit(job('d1'))).toBe('queued');
  expect(q.submit(job('d1'))).toBe('duplicate-delivery');
  expect(q.submit(job('d2'))).toBe('duplicate-sha');
  await q.idle();
  expect(q.submit(job('d3'))).toBe('duplicate-sha');
  expect(q.submit(job('d4', true))).toBe('queued');
  await q.idle();
  expect(runs).toBe(2);
});

test('a job whose start failed is not remembered as done', async () => {
  const q = new ReviewQueue(1);
  let runs = 0;
  const job = (deliveryId: string, fail: boolean) => ({
    key: 'r#1',
    sha: 'a',
    deliveryId,
    start: async () => {
      if (fail) throw new Error('no check run');
      return 1;
    },
    run: async (_s: AbortSignal, started: number | undefined) => void (runs += started ?? 0),
  });
  q.submit(job('d1', true));
  await q.idle();
  expect(q.submit(job('d2', false))).toBe('queued');
  await q.idle();
  expect(runs).toBe(1);
});

test('free slots go to the installation running fewest, and one installation never exceeds its cap', async () => {
  // Three slots, at most two per installation; installation A pushes five times before B pushes once.
  const q = new ReviewQueue(3, () => {}, 2);
  const started: string[] = [];
  const gates = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const job = (group: string, i: number) => {
    const name = `${group}${i}`;
    gates.set(name, deferred());
    q.submit({ key: `${group}/r#${i}`, sha: 's', deliveryId: name, group, run: async () => void (started.push(name), await gates.get(name)!.promise) });
  };
  for (let i = 1; i <= 5; i++) job('A', i);
  job('B', 1);
  job('B', 2);
  await new Promise((r) => setTimeout(r, 0));
  // A's cap of two leaves the third slot to B although B pushed last.
  expect(started).toEqual(['A1', 'A2', 'B1']);
  gates.get('A1')!.resolve();
  await new Promise((r) => setTimeout(r, 0));
  // A and B run one each: a tie, so the oldest job waiting (A's) takes the slot.
  expect(started).toEqual(['A1', 'A2', 'B1', 'A3']);
  gates.get('B1')!.resolve();
  await new Promise((r) => setTimeout(r, 0));
  // B runs none: its next job goes first although A's are older.
  expect(started).toEqual(['A1', 'A2', 'B1', 'A3', 'B2']);
  for (const g of gates.values()) g.resolve();
  await q.idle();
  expect(started).toHaveLength(7);
});
