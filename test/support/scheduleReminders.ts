/**
 * Schedules reminders the way a bot process does (RedisOutreach.scheduleReminder, with the fixed
 * test clock), from a process of its own that runs on real time: BullMQ stamps a delayed job with
 * its process's clock, and the bot processes it is for run on real time even when the test run
 * is under faketime (test/support/botProcess.ts gives them a clean environment).
 *
 * Input (stdin, JSON): { redisUrl, keyPrefix, now, dueInMs, receipts: string[] }.
 * Output (stdout, last line, JSON): { scheduled, scheduledAtMs, dueAtMs } — when the last was
 * scheduled and when they all fall due, by this process's (real) clock.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/domain/projectPaths';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisOutreach } from '../../src/infra/redis/redisOutreach';
import { createLogger } from '../../src/logger';
import { realTimeEnvironment } from './redisServer';

export interface ScheduleRequest {
  redisUrl: string;
  keyPrefix: string;
  /** The bot processes' fixed clock (TEST_NOW). */
  now: string;
  dueInMs: number;
  receipts: string[];
}

export interface Scheduled {
  scheduled: number;
  /** When the last one was scheduled. */
  scheduledAtMs: number;
  dueAtMs: number;
}

/** Runs this file as a child process on real time; resolves with what it scheduled. */
export function scheduleInRealTimeProcess(request: ScheduleRequest): Promise<Scheduled> {
  const root = projectRoot();
  const loader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(root, 'test', 'support', 'scheduleReminders.ts')], {
    cwd: root,
    env: realTimeEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(JSON.stringify(request));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`scheduleReminders exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as Scheduled);
    });
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

async function main(): Promise<void> {
  const request = JSON.parse(await readStdin()) as ScheduleRequest;
  // TEST_NOW, moving on with real time: every reminder falls due at the same real instant however long scheduling takes.
  const startedAtMs = Date.now();
  const clock = { now: () => new Date(Date.parse(request.now) + Date.now() - startedAtMs) };
  const client = await connectRedis(request.redisUrl);
  const store = new RedisAppointmentStore(client, { keyPrefix: request.keyPrefix, clock });
  const outreach = new RedisOutreach(client, {
    keyPrefix: request.keyPrefix,
    clock,
    store,
    personSecret: 'bot-process-test',
    logger: createLogger('silent'),
  });
  const dueAt = new Date(Date.parse(request.now) + request.dueInMs);
  const chunk = 50;
  for (let i = 0; i < request.receipts.length; i += chunk) {
    await Promise.all(request.receipts.slice(i, i + chunk).map((receipt) => outreach.scheduleReminder(receipt, dueAt)));
  }
  await outreach.close();
  await client.close();
  console.log(JSON.stringify({ scheduled: request.receipts.length, scheduledAtMs: Date.now(), dueAtMs: startedAtMs + request.dueInMs }));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
