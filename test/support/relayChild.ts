import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/domain/projectPaths';

export type RelayHang = 'before-handoff' | 'before-ack';

export interface RelayChild {
  /** Resolves with what the child stopped at (the job id, or the event ids not acknowledged). */
  stopped: Promise<string>;
  /** SIGKILL; resolves with the signal it died of. */
  kill(): Promise<NodeJS.Signals | null>;
}

/** Starts test/support/relayChildEntry.ts: a relay that stops at `hang` and waits there to be killed. */
export function startRelayChild(options: { redisUrl: string; keyPrefix: string; consumer: string; hang: RelayHang }): RelayChild {
  const root = projectRoot();
  const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(root, 'test', 'support', 'relayChildEntry.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.keyPrefix,
      RELAY_CONSUMER: options.consumer,
      RELAY_HANG: options.hang,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => {
      process.off('exit', killOnExit);
      resolve(signal);
    }),
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const stopped = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /^stopped (.+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`the relay child exited before stopping:\n${stderr}`)));
  });
  return {
    stopped,
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
