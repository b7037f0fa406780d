/**
 * The bot as a real child process (test/support/botEntry.ts: src/main.ts main with a fixed
 * clock), on a free port, for tests that kill it, signal it, or run two of them side by side.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/domain/projectPaths';
import { TEST_NOW } from './dialogHarness';

export interface LogLine {
  level?: number;
  msg?: string;
  [field: string]: unknown;
}

export interface BotProcess {
  url: string;
  port: number;
  pid: number;
  /** Every JSON log line the process wrote so far. */
  logs: LogLine[];
  /** Resolves with the first log line (past or future) whose msg matches. */
  waitForLog(msg: string | RegExp, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGKILL unless it already exited; waits for the exit. */
  stop(): Promise<void>;
}

export interface BotProcessOptions {
  redisUrl?: string;
  keyPrefix?: string;
  /** More environment variables (the configuration of src/config.ts). */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const START_TIMEOUT_MS = 90_000;

function matches(line: LogLine, msg: string | RegExp): boolean {
  return typeof line.msg === 'string' && (typeof msg === 'string' ? line.msg === msg : msg.test(line.msg));
}

export async function startBotProcess(options: BotProcessOptions = {}): Promise<BotProcess> {
  const root = projectRoot();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'info',
    PERSON_KEY_SECRET: 'bot-process-test',
    INFOPASS_TEST_NOW: TEST_NOW,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.keyPrefix ? { REDIS_KEY_PREFIX: options.keyPrefix } : {}),
    ...options.env,
  };
  const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  // A working directory without a .env file: only the environment above configures the bot.
  const child: ChildProcess = spawn(process.execPath, ['--import', loader, join(root, 'test', 'support', 'botEntry.ts')], {
    cwd: tmpdir(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const logs: LogLine[] = [];
  const listeners = new Set<(line: LogLine) => void>();
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  const waitForLog = (msg: string | RegExp, timeoutMs = START_TIMEOUT_MS): Promise<LogLine> => {
    const seen = logs.find((line) => matches(line, msg));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = (line: LogLine): void => {
        if (!matches(line, msg)) return;
        finish();
        resolve(line);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`bot process ${child.pid}: no log "${String(msg)}" within ${timeoutMs} ms; stderr:\n${stderr}`));
      }, timeoutMs);
      listeners.add(listener);
      void exited.then(({ code, signal }) => {
        if (!listeners.has(listener)) return;
        finish();
        reject(new Error(`bot process exited (code ${code}, signal ${signal}) before logging "${String(msg)}"; stderr:\n${stderr}`));
      });
    });
  };

  const listening = await waitForLog('InfoPass bot listening', options.startTimeoutMs ?? START_TIMEOUT_MS);
  const port = Number(listening.port);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: child.pid ?? 0,
    logs,
    waitForLog,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls /healthz until it answers `status` (200 or 503). */
export async function waitForHealth(url: string, status: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3_000) });
      await response.body?.cancel();
      if (response.status === status) return;
      last = String(response.status);
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`/healthz did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
