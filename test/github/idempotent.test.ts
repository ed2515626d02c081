// Creates that must happen once (idempotent.ts): after an ambiguous answer the object is looked
// up before another attempt, a refusal is final, and a job superseded meanwhile (issue 16, item 5:
// a superseded job could still post) makes no further attempt.
import { createOnce } from '../../src/publish/idempotent.js';
import { SupersededError } from '../../src/github/queue.js';

const badGateway = () => Object.assign(new Error('Bad Gateway'), { status: 502 });

describe('createOnce', () => {
  it('tries again after an ambiguous answer the lookup does not find', async () => {
    let calls = 0;
    const got = await createOnce(
      async () => {
        if (++calls === 1) throw badGateway();
        return 'made';
      },
      async () => undefined,
      { backoffMs: 1 },
    );
    expect({ got, calls }).toEqual({ got: 'made', calls: 2 });
  });

  it('takes what the lookup finds instead of creating it twice', async () => {
    let calls = 0;
    const got = await createOnce(
      async () => {
        calls++;
        throw badGateway();
      },
      async () => 'found',
      { backoffMs: 1 },
    );
    expect({ got, calls }).toEqual({ got: 'found', calls: 1 });
  });

  it('throws a refusal at once', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('Unprocessable'), { status: 422 });
    await expect(
      createOnce(
        async () => {
          calls++;
          throw refused;
        },
        async () => undefined,
        { backoffMs: 1 },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('makes no further attempt once the job is superseded', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = createOnce(
      async () => {
        calls++;
        // A newer head arrives while this post is answered 502.
        controller.abort(new SupersededError('2'.repeat(40)));
        throw badGateway();
      },
      async () => undefined,
      { backoffMs: 1, signal: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(SupersededError);
    expect(calls).toBe(1);
  });
});
