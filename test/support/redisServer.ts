/**
 * A real redis-server for tests: a free loopback port (never 6379), its own temporary
 * directory, no RDB snapshots, nothing of the user's data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerOptions {
  /** Append-only file on, fsync'd on every write, so a restart on the same dir finds every write. */
  appendOnly?: boolean;
  /** Working directory (AOF files). Yours to remove; without it a temporary one is made and removed on stop(). */
  dir?: string;
  /** A fixed port (to restart a server where its clients expect it); default: a free one. */
  port?: number;
  /**
   * A redis.conf to start from (e.g. redis/production.conf); port, bind, dir, daemonize and
   * logfile are still set by the harness, and appendOnly, if given, wins over the file.
   */
  configFile?: string;
}

export interface RunningRedisServer {
  url: string;
  port: number;
  dir: string;
  /** The redis-server process (its CPU time is read by benchmarks). */
  pid: number;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 50;
const OUTPUT_TAIL_CHARS = 2000;

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Another process may take the free port between our probe and redis-server's bind: try a few ports. */
const PORT_ATTEMPTS = 3;

class PortTakenError extends Error {}

/**
 * This process's environment without libfaketime: the suite may run under `faketime` (a clock a
 * year ahead, in .ci/run), and redis-server under libfaketime hangs (recursive clock_gettime).
 */
export function realTimeEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'LD_PRELOAD' || name === 'DONT_FAKE_MONOTONIC' || name.startsWith('FAKETIME')) continue;
    env[name] = value;
  }
  return env;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedisServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(options);
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw err;
    }
  }
}

async function startOnFreePort(options: RedisServerOptions): Promise<RunningRedisServer> {
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'infopass-redis-')));
  const port = options.port ?? (await freePort());
  const args = options.configFile ? [options.configFile] : [];
  args.push('--port', String(port), '--bind', HOST, '--dir', dir, '--daemonize', 'no', '--logfile', '');
  if (!options.configFile) args.push('--save', '');
  if (!options.configFile || options.appendOnly !== undefined) args.push('--appendonly', options.appendOnly ? 'yes' : 'no');
  if (options.appendOnly) args.push('--appendfsync', 'always');

  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], env: realTimeEnvironment() });
  let output = '';
  const keepTail = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once('error', (err) => (spawnError = err));
  // A test run that ends without stop() must not leave the server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const cleanUp = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (ownsDir) await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) {
      await cleanUp();
      const missing = spawnError.code === 'ENOENT';
      throw new Error(
        missing
          ? 'redis-server not found on PATH: install it (apt-get install redis-server)'
          : `redis-server could not start: ${spawnError.message}`,
      );
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanUp();
      const message = `redis-server exited (code ${child.exitCode}, signal ${child.signalCode}) before answering PING on port ${port}:\n${output}`;
      if (/address already in use/i.test(output)) throw new PortTakenError(message);
      throw new Error(message);
    }
    if (await answersPing(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await waitForExit(child);
      await cleanUp();
      throw new Error(`redis-server did not answer PING on port ${port} within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await delay(PING_INTERVAL_MS);
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `redis://${HOST}:${port}`,
    port,
    dir,
    pid: child.pid ?? 0,
    stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
      stopped ??= (async () => {
        const exited = waitForExit(child);
        child.kill(signal);
        await exited;
        await cleanUp();
      })();
      return stopped;
    },
  };
}

let shared: Promise<RunningRedisServer> | undefined;

/**
 * The URL of one redis-server shared by the whole test run, started on first use and stopped
 * by the root hook in test/support/hooks.ts. Many test files share it: isolate your keys
 * (a unique key prefix per test) or use your own database number.
 */
export async function sharedTestRedisUrl(): Promise<string> {
  shared ??= startRedisServer();
  try {
    return (await shared).url;
  } catch (err) {
    shared = undefined;
    throw err;
  }
}

export async function stopSharedTestRedis(): Promise<void> {
  const running = shared;
  shared = undefined;
  if (!running) return;
  const server = await running.catch(() => undefined);
  await server?.stop();
}
