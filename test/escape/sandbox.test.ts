// Sandbox backends: argument building (docker, bwrap), docker's "no engine"
// report, and live bubblewrap checks with a probe program: no network, no
// inherited environment, read-only toolchain, and the limits.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { BwrapSandbox, DockerSandbox, NoSandbox, DEFAULT_LIMITS, createSandbox, type SandboxRequest, type Sandbox } from '../../src/escape/sandbox/index.js';
import { goEnv, proxyOnly } from '../../src/escape/gorun.js';
import { createEscapeRunner } from '../../src/escape/index.js';
import { bwrapGate, bwrapIt, remove, tempDir, TESTDATA } from './helpers.js';

const limits = { ...DEFAULT_LIMITS, wallSeconds: 60, cpuSeconds: 30, processes: 256, outputBytes: 1024 * 1024 };
const request = (over: Partial<SandboxRequest> = {}): SandboxRequest => ({
  argv: ['/mg/goroot/bin/go', 'build', './...'],
  cwd: '/mg/src',
  env: { CGO_ENABLED: '0', GOTOOLCHAIN: 'local' },
  mounts: [
    { host: '/opt/go', target: '/mg/goroot', writable: false },
    { host: '/srv/ws', target: '/mg/src', writable: true },
  ],
  scratch: ['/mg/home', '/tmp'],
  network: false,
  limits,
  ...over,
});

describe('docker backend', () => {
  it('builds an isolated docker run command line', () => {
    const args = new DockerSandbox({ dockerPath: '/usr/bin/docker', image: 'img:1', clientEnv: { PATH: '/usr/bin' } }).args(request(), 'mapguard-t');
    const s = args.join(' ');
    expect(args.slice(0, 2)).toEqual(['run', '--rm']);
    for (const flag of ['--network none', '--read-only', `--memory ${limits.memoryBytes}`, `--pids-limit ${limits.processes}`, '--cpus 2', '--user 65534:65534', '--cap-drop ALL', '--security-opt no-new-privileges', '--name mapguard-t', `--ulimit cpu=${limits.cpuSeconds}:${limits.cpuSeconds}`]) {
      expect(s).toContain(flag);
    }
    expect(args).toContain('type=bind,source=/opt/go,target=/mg/goroot,readonly');
    expect(args).toContain('type=bind,source=/srv/ws,target=/mg/src');
    expect(s).toMatch(/--tmpfs \/mg\/home:rw/);
    expect(args.filter((a) => a === '--env')).toHaveLength(2);
    expect(args.slice(-4)).toEqual(['/mg/goroot/bin/go', 'img:1', 'build', './...']);
    expect(new DockerSandbox({ dockerPath: 'docker' }).args(request({ network: true }), 'n').join(' ')).toContain('--network bridge');
  });

  it('reports "Docker engine not available" cleanly when no engine answers', async () => {
    const sb = new DockerSandbox({ clientEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: 'unix:///nonexistent/mapguard-docker.sock' } });
    const a = await sb.available();
    expect(a.ok).toBe(false);
    expect(a.reason).toMatch(/^Docker (engine not available: .+|client not found on PATH)$/);
    const dir = tempDir('docker');
    try {
      const r = await createEscapeRunner({ baseDir: dir, headDir: dir, sandbox: sb }).compare([]);
      expect(r.findings).toEqual([]);
      expect(r.summary.incomplete).toMatch(/^escape analysis skipped: Docker (engine not available|client not found)/);
    } finally {
      remove(dir);
    }
  });
});

describe('backend selection', () => {
  it('refuses "none" for untrusted code', () => {
    expect(() => createSandbox('none', { trusted: false })).toThrow(/refused for untrusted code/);
    expect(createSandbox('none', { trusted: true })).toBeInstanceOf(NoSandbox);
  });

  it('the runner refuses "none" unless told the code is the user\'s own', async () => {
    const r = await createEscapeRunner({ baseDir: '.', headDir: '.', sandbox: new NoSandbox() }).compare([]);
    expect(r.summary.incomplete).toMatch(/refused/);
  });
});

describe('environment', () => {
  it('is built from scratch with the pinned Go settings', () => {
    const env = goEnv({ goroot: '/g', gomod: '/m', gocache: '/c', home: '/h', tmp: '/t' }, 'off', false);
    expect(env).toMatchObject({ CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly -buildvcs=false', GOPROXY: 'off', GOENV: 'off', GOWORK: 'off', PATH: '/g/bin' });
    expect(Object.keys(env).some((k) => /TOKEN|KEY|SECRET|APP_|GITHUB|WEBHOOK/.test(k))).toBe(false);
    expect(env.GOVCS).toBe('*:off');
  });

  it('never lets GOPROXY fall back to direct (version-control) fetches', () => {
    expect(proxyOnly('https://proxy.golang.org,direct')).toBe('https://proxy.golang.org');
    expect(proxyOnly('direct')).toBe('off');
    expect(proxyOnly('https://a.example|https://b.example,direct')).toBe('https://a.example|https://b.example');
    expect(proxyOnly('off')).toBe('off');
  });
});

describe('bwrap backend arguments', () => {
  it('unshares every namespace and shares the network only when asked', () => {
    const sb = new BwrapSandbox({ bwrapPath: '/usr/bin/bwrap', dropRoot: true });
    const [cmd, args] = sb.command(sb.args(request()), false, ['--cpu=1']);
    expect(cmd).toBe('prlimit');
    const s = args.join(' ');
    expect(s).toContain('setpriv --reuid=65534 --regid=65534 --clear-groups -- /usr/bin/bwrap --unshare-all --die-with-parent --new-session --cap-drop ALL');
    expect(s).not.toContain('--share-net');
    expect(s).toContain('--ro-bind /opt/go /mg/goroot');
    expect(s).toContain('--bind /srv/ws /mg/src');
    expect(s).toContain('--tmpfs /mg/home');
    expect(s).toContain('--clearenv');
    expect(sb.command(sb.args(request({ network: true })), true)[1].join(' ')).toContain('--share-net');
  });
});

// ---- live bubblewrap ----
const gate = await bwrapGate();
const live = bwrapIt(gate);

describe('bwrap sandbox, live', () => {
  let probeDir: string;
  let server: Server;
  let port = 0;
  const sb: Sandbox = new BwrapSandbox();
  const run = (args: string[], over: Partial<SandboxRequest> = {}) =>
    sb.run({
      argv: ['/mg/probe/probe', ...args],
      cwd: '/mg/home',
      env: goEnv({ goroot: '/mg/goroot', gomod: '/mg/gomod', gocache: '/mg/gocache', home: '/mg/home', tmp: '/tmp' }, 'off', false),
      mounts: [
        { host: probeDir, target: '/mg/probe', writable: false },
        { host: goroot(), target: '/mg/goroot', writable: false },
      ],
      scratch: ['/mg/home', '/tmp'],
      network: false,
      limits,
      ...over,
    });

  beforeAll(async () => {
    if (!gate.ok) return;
    probeDir = tempDir('probe');
    execFileSync('go', ['build', '-o', join(probeDir, 'probe'), '.'], {
      cwd: join(TESTDATA, 'probe'),
      env: { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off' },
    });
    execFileSync('chmod', ['-R', 'a+rX', probeDir]);
    server = createServer((c) => {
      // The probe may hang up before reading; a reset is expected, not a failure.
      c.on('error', () => undefined);
      c.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  }, 180000);
  afterAll(() => {
    server?.close();
    if (probeDir) remove(probeDir);
  });

  live('sees no network: a host loopback listener is unreachable inside', async () => {
    const inside = await run(['dial', `127.0.0.1:${port}`]);
    expect(inside.stdout).toMatch(/dial error: .*connection refused/);
    // Control: the same probe with the network shared reaches the listener.
    const shared = await run(['dial', `127.0.0.1:${port}`], { network: true });
    expect(shared.stdout.trim()).toBe('dial ok');
  });

  live('sees none of the parent environment', async () => {
    process.env.MAPGUARD_TEST_SECRET = 'hunter2-private-key';
    process.env.GITHUB_TOKEN = 'ghs_not_for_the_sandbox';
    try {
      const r = await run(['env']);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain('hunter2');
      expect(r.stdout).not.toContain('ghs_');
      const keys = r.stdout.trim().split('\n').map((l) => l.split('=')[0]).sort();
      // Exactly the variables mapguard sets, plus PWD (bwrap sets it for --chdir).
      const expected = [...Object.keys(goEnv({ goroot: '', gomod: '', gocache: '', home: '', tmp: '' }, 'off', false)), 'PWD'].sort();
      expect(keys).toEqual(expected);
    } finally {
      delete process.env.MAPGUARD_TEST_SECRET;
      delete process.env.GITHUB_TOKEN;
    }
  });

  live('runs unprivileged with the toolchain read-only and no host files', async () => {
    const id = await run(['id']);
    if (process.getuid?.() === 0) expect(id.stdout.trim()).toBe('uid=65534 gid=65534');
    expect((await run(['write', '/mg/goroot/VERSION'])).stdout).toMatch(/write error: .*read-only file system/);
    expect((await run(['read', '/etc/passwd'])).stdout).toMatch(/read error: .*no such file/);
    expect((await run(['write', '/mg/home/ok'])).stdout.trim()).toBe('write ok');
  });

  live('kills the command when it prints too much', async () => {
    const r = await run(['spam', String(50 * 1024 * 1024)], { limits: { ...limits, outputBytes: 256 * 1024 } });
    expect(r.limit).toBe('output');
    expect(r.stdout.length).toBeLessThanOrEqual(256 * 1024);
  });

  live('kills the whole process tree at the wall clock', async () => {
    const r = await run(['hang'], { limits: { ...limits, wallSeconds: 2 } });
    expect(r.limit).toBe('wall');
    expect(r.durationMs).toBeLessThan(15000);
    await new Promise((res) => setTimeout(res, 500));
    expect(probeProcesses()).toEqual([]);
  });

  live('stops a fork bomb at the process limit', async () => {
    const r = await run(['spawn', '300'], { limits: { ...limits, processes: 40 } });
    const m = /spawned (\d+) of 300; first error: (.*)/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(300);
    expect(m![2]).toMatch(/resource temporarily unavailable/);
  });
});

function goroot(): string {
  return execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', GOTOOLCHAIN: 'local' } }).trim();
}

/** Processes still running the probe binary (by executable path, read from /proc). */
function probeProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('/mg/probe/probe')) found.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
