// A real redis-server for the durable-queue tests, on a free loopback port, with nothing saved to
// disk. CI installs the Debian package (.ci/run sets MAPGUARD_REQUIRE_REDIS, so a missing server
// fails there); elsewhere the tests that need it say why they do not run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './live-app.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.MAPGUARD_REQUIRE_REDIS) throw new Error('redis-server is not on PATH, and MAPGUARD_REQUIRE_REDIS is set (install the redis-server package)');
  return found;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
