/**
 * npm run bench — our bot against a bare Bot Framework bot (the floor), on one Redis, from one command.
 *
 * Builds (when dist/ is older than the sources), starts its own redis-server, optionally fills
 * it with N appointments, starts both bots as child processes (node dist/…), then runs the load
 * generator (its own process) against each in turn — the floor, the dialog floor, then ours — each
 * a short warm-up and then the measured run. --rounds N splits the measured time into N turns per
 * bot (order reversed every other round) and takes the median of the rounds' ratios; see main()
 * for why one round is the default.
 * Prints turns/s, latency percentiles, errors and peak RSS for both, the ratio, start-up time,
 * idle RSS, and Redis memory per appointment and per conversation.
 *
 *   npm run bench -- [--users 50] [--duration 30] [--rounds 1] [--warmup 5] [--appointments N] [--starts 3]
 *                    [--cancel-share 0.25] [--settle 10] [--cpu-prof DIR] [--heap-prof DIR] [--no-build] [--json FILE] [--steps]
 *
 * --starts N: start → first reply is read from N fresh starts of each bot (default 3), ours and the
 * floor by turns, each stopped before the next starts, so that none competes with another bot's
 * start-up or warm-up; the median is judged, the range printed.
 * --cpu-prof DIR writes V8's CPU profile of our bot into DIR when it stops; --heap-prof DIR its
 * sampling heap profile with the freed objects kept: where the run's allocations come from
 * (allocationProfile.ts).
 * --steps also prints our bot's latency per kind of turn (named by the reply the turn brings).
 * --settle S reads idle RSS S seconds (10) after the date models are built; V8's memory reducer
 * gives the start-up burst's young generation back some time after that (by ~20–30 s here).
 * --dialog-floor also measures a second floor: the bare bot plus botbuilder-dialogs (a waterfall of
 * text prompts, dialogFloorBot.ts), which prices the dialog framework the design asks for.
 *
 *   npm run bench -- --compare DIR [--rounds 4] [--users 15] [--duration 15]
 *
 * --compare floor runs this checkout's bot and the floor the same way: the floor's CPU per turn over
 * ours, per round, is the ratio goal read without the drift between two runs minutes apart.
 *
 *   npm run bench -- --webchat [--users 50] [--duration 30] [--rounds 3]
 *
 * --webchat runs the same conversations against one bot three ways (transports.ts): /api/messages
 * (the reference), Direct Line with polling, and Direct Line's WebSocket stream, one after another,
 * each from an empty store, the measured time split into --rounds turns per way (order reversed
 * every other round: the machine's drift falls on every way alike); it prints turns/s, latency, the
 * bot's CPU per turn and each Direct Line way's turns/s over /api/messages' (the median of the
 * rounds'), with the goals (WEBCHAT_GOALS).
 * --ways picks some of them (a profile of one way: --ways stream --cpu-prof DIR).
 * Those rounds saturate the bot (each simulated person writes again the moment the answer comes):
 * they measure what a turn costs, and their latency is mostly queueing. Then each way runs --paced S
 * more seconds (30; 0 skips) with the same people pausing before each message as a person reading
 * and typing does (--think MS, 2000: each pause 1–3 s): the p99 goal is read from that run.
 *
 * --compare prices a change: this checkout's bot against another checkout's (DIR, built with
 * `npm ci && npm run build`, e.g. a `git worktree` of main), both on one Redis and loaded at the
 * same time, round after round, so the drift of a shared machine hits both alike. It prints CPU
 * ms per turn of each and their ratio per round, then the median ratio. --ways stream (or polling)
 * sends the conversations through Direct Line instead of /api/messages: a change to Web Chat's path.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RedisClientType } from 'redis';
import { projectRoot } from '../../src/domain/projectPaths';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { loadOfficeDirectory } from '../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../src/infra/zipcodes/zipTable';
import { fixedClock } from '../../src/domain/clock';
import { startRedisServer } from '../../test/support/redisServer';
import { ActivityMaker } from './conversation';
import type { LoadResult } from './loadgen';
import { BENCH_RATE_LIMIT_SETTINGS, TRANSPORTS, type TransportName } from './transports';
import { mergeSamples, summariseSamples } from './latency';

const USAGE = `usage: npm run bench -- [--users N] [--duration S] [--rounds N] [--warmup S] [--appointments N] [--starts N] [--cancel-share F]
                       [--settle S] [--cpu-prof DIR] [--heap-prof DIR] [--no-build] [--json FILE] [--steps] [--dialog-floor]
       npm run bench -- --compare DIR|floor [--ways messages|polling|stream] [--rounds N] [--users N] [--duration S] [--warmup S] [--no-build]
       npm run bench -- --webchat [--ways messages,polling,stream] [--users N] [--duration S] [--rounds N] [--warmup S]
                       [--paced S] [--think MS] [--cpu-prof DIR] [--heap-prof DIR] [--steps] [--no-build] [--json FILE]
(see the top of scripts/bench/run.ts, and docs/performance.md)`;

const OPTIONS = {
  users: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string', default: '5' },
  appointments: { type: 'string', default: '0' },
  starts: { type: 'string', default: '3' },
  'cancel-share': { type: 'string', default: '0.25' },
  'cpu-prof': { type: 'string' },
  'heap-prof': { type: 'string' },
  'no-build': { type: 'boolean', default: false },
  json: { type: 'string' },
  steps: { type: 'boolean', default: false },
  'dialog-floor': { type: 'boolean', default: false },
  compare: { type: 'string' },
  webchat: { type: 'boolean', default: false },
  ways: { type: 'string' },
  rounds: { type: 'string' },
  think: { type: 'string', default: '2000' },
  paced: { type: 'string', default: '30' },
  settle: { type: 'string', default: '10' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** The flags, or a one-line error and the usage (exit 2) for an unknown flag or a number that is not one. */
function readFlags(): Flags {
  let flags: Flags;
  try {
    flags = parseArgs({ options: OPTIONS }).values;
  } catch (err) {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  if (flags.help) {
    console.log(USAGE);
    process.exit(0);
  }
  for (const name of [
    'users',
    'duration',
    'warmup',
    'appointments',
    'starts',
    'cancel-share',
    'rounds',
    'settle',
    'think',
    'paced',
  ] as const) {
    const value = flags[name];
    if (value !== undefined && !(Number(value) >= 0 && value.trim() !== '')) {
      console.error(`bench: --${name} takes a number, got "${value}"\n${USAGE}`);
      process.exit(2);
    }
  }
  return flags;
}

const values = readFlags();

const root = projectRoot();
const KEY_PREFIX = 'bench';
const GOALS = { ratio: 0.5, p99Ms: 100, startMs: 1500, rssMb: 250 };
/** Each Direct Line way's turns/s over /api/messages', and its p99, at 50 people on 2 cores (issue 23). */
const WEBCHAT_GOALS = { ratio: 0.7, p99Ms: 100 };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const built = join(root, 'dist', 'scripts', 'bench', 'loadgen.js');
  const sources = Math.max(...['src', 'dialogs', 'scripts'].map((d) => newestMtime(join(root, d))));
  if (existsSync(built) && statSync(join(root, 'dist', 'src', 'main.js')).mtimeMs >= sources) return;
  console.log('building (npm run build)…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    // tsc still emits on type errors (files others are editing): run that output, but say so.
    if (!existsSync(built)) throw new Error('npm run build failed');
    console.warn('npm run build reported type errors (above); running the JavaScript it emitted');
  }
}

/** The node options of `npm start` (package.json), so that our bot runs here as it runs in production. */
function startFlags(projectDir = root): string[] {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return manifest.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** Peak (VmHWM) and current (VmRSS) resident set of a process, in MB. */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * The resident set after `seconds` without requests. V8's memory reducer gives the garbage of
 * start-up (or of a load) back some seconds after allocation stops, not at once.
 */
async function settledMemoryOf(pid: number, seconds = 10): Promise<{ peakMb: number; rssMb: number }> {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return memoryOf(pid);
}

interface Child {
  process: ChildProcess;
  port: number;
  spawnedAt: number;
  stdout: string[];
}

/** Ms from spawn until the child logs `msg` (polling its stdout). */
async function waitForLog(child: Child, msg: string, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.stdout.some((line) => line.includes(`"msg":"${msg}"`))) return Math.round(performance.now() - child.spawnedAt);
    if (performance.now() > deadline) throw new Error(`no "${msg}" log within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Spawns `node args…` and resolves once it logs a JSON line with a port ("listening"). */
function startChild(args: string[], env: NodeJS.ProcessEnv, listeningMsg: RegExp): Promise<Child> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  const stdout: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      partial += chunk.toString();
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        try {
          const parsed = JSON.parse(line) as { msg?: string; port?: number };
          if (parsed.msg && listeningMsg.test(parsed.msg) && parsed.port) resolve({ process: child, port: parsed.port, spawnedAt, stdout });
        } catch {
          // not a log line
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${stderr}`)));
  });
}

/** Sends one message in a new conversation; resolves with the time it was answered (ms since the child spawned). */
async function firstReplyMs(child: Child): Promise<number> {
  const activity = new ActivityMaker({ conversationId: `first-reply-${child.port}`, userId: 'first-user' }).make({ text: 'hello' });
  const response = await fetch(`http://127.0.0.1:${child.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const body = (await response.json()) as { activities?: unknown[] };
  if (response.status !== 200 || !body.activities?.length) throw new Error(`first message: HTTP ${response.status}, no reply`);
  return Math.round(performance.now() - child.spawnedAt);
}

interface StartTimes {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

function startTimesOf(samples: readonly number[]): StartTimes {
  return { medianMs: Math.round(median(samples)), minMs: Math.min(...samples), maxMs: Math.max(...samples) };
}

/** Starts our bot as `npm start` runs it, with `extraArgs` (profilers) and `extraEnv` besides. */
function startOurs(redisUrl: string, extraArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<Child> {
  return startChild(
    [...extraArgs, ...startFlags(), join(root, 'dist', 'src', 'main.js')],
    { ...botEnv(redisUrl, KEY_PREFIX), ...extraEnv },
    /InfoPass bot listening/,
  );
}

function startFloor(redisUrl: string): Promise<Child> {
  return startChild([join(root, 'dist', 'scripts', 'bench', 'floorBot.js')], { PORT: '0', REDIS_URL: redisUrl }, /^floor listening/);
}

/**
 * Start → first reply of `starts` fresh processes of each bot, ours and the floor by turns, each
 * stopped before the next starts: a bot started while another loads or warms up (ours builds its
 * date models in the seconds after it listens) starts slower on two cores.
 */
async function measureStarts(starts: number, redisUrl: string): Promise<{ ours: StartTimes; floor: StartTimes }> {
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < starts; i++) {
    const oursChild = await startOurs(redisUrl);
    ours.push(await firstReplyMs(oursChild));
    await stopChild(oursChild);
    const floorChild = await startFloor(redisUrl);
    floor.push(await firstReplyMs(floorChild));
    await stopChild(floorChild);
  }
  return { ours: startTimesOf(ours), floor: startTimesOf(floor) };
}

function runLoad(
  port: number,
  kind: 'ours' | 'floor',
  users: number,
  seconds: number,
  runId: string,
  transport: TransportName = 'messages',
  thinkMs = 0,
): Promise<LoadResult> {
  const args = [
    join(root, 'dist', 'scripts', 'bench', 'loadgen.js'),
    '--url',
    `http://127.0.0.1:${port}`,
    '--kind',
    kind,
    '--transport',
    transport,
    '--users',
    String(users),
    '--duration',
    String(seconds),
    '--cancel-share',
    values['cancel-share'] ?? '0.25',
    '--think',
    String(thinkMs),
    '--run-id',
    runId,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`loadgen exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadResult);
    });
  });
}

/** Calls and server time (µs) of every Redis command so far, and calls by command (INFO commandstats). */
async function commandTotals(client: RedisClientType): Promise<{ calls: number; usec: number; byCommand: Map<string, number> }> {
  const info = await client.info('commandstats');
  let calls = 0;
  let usec = 0;
  const byCommand = new Map<string, number>();
  for (const match of info.matchAll(/cmdstat_(\S+):calls=(\d+),usec=(\d+)/g)) {
    byCommand.set(match[1], Number(match[2]));
    calls += Number(match[2]);
    usec += Number(match[3]);
  }
  return { calls, usec, byCommand };
}

/** Calls by command between two readings. */
function commandDeltas(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([command, calls]) => [command, calls - (before.get(command) ?? 0)]));
}

/** Calls per turn by command, most first. */
function commandsPerTurn(calls: Map<string, number>, turns: number): string {
  return [...calls]
    .map(([command, count]) => [command, count / turns] as const)
    .filter(([command, perTurn]) => perTurn >= 0.01 && command !== 'info')
    .sort((a, b) => b[1] - a[1])
    .map(([command, perTurn]) => `${command} ${perTurn.toFixed(2)}`)
    .join(', ');
}

async function usedMemory(client: RedisClientType): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * N appointments through the store itself (its BOOK script, so the key layout is the store's),
 * pipelined in batches. Their slots lie beyond the booking window (from day 30 on, one slot per
 * appointment across every office), so they weigh on Redis without taking the seats people book.
 */
async function prefill(client: RedisClientType, count: number): Promise<void> {
  const offices = loadOfficeDirectory(sharedZipTable)
    .all()
    .map((o) => o.code);
  const store = new RedisAppointmentStore(client, { keyPrefix: KEY_PREFIX, clock: fixedClock(new Date().toISOString()) });
  const firstDay = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 30, 14);
  const SLOTS_PER_DAY = 16;
  const BATCH = 2000;
  const started = Date.now();
  for (let from = 0; from < count; from += BATCH) {
    const batch: Promise<unknown>[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const slotIndex = Math.floor(i / offices.length);
      const start = firstDay + Math.floor(slotIndex / SLOTS_PER_DAY) * 86_400_000 + (slotIndex % SLOTS_PER_DAY) * 30 * 60_000;
      batch.push(
        store.book(
          {
            officeCode: offices[i % offices.length],
            slotStart: new Date(start).toISOString(),
            reason: 'pending_case',
            name: `Prefill ${i}`,
            dobVerifier: 's1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
            phone: '+12127365000',
            language: 'en',
            personKey: `prefill-${i.toString(16).padStart(64, '0')}`,
          },
          2,
        ),
      );
    }
    await Promise.all(batch);
    if ((from / BATCH) % 50 === 49)
      process.stdout.write(`  …${from + BATCH} appointments (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
}

/** Average MEMORY USAGE of up to `sample` keys matching `pattern`, and how many keys match. */
async function keyMemory(client: RedisClientType, pattern: string, sample = 500): Promise<{ keys: number; avgBytes: number }> {
  let keys = 0;
  let sampled = 0;
  let bytes = 0;
  for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
    for (const key of batch) {
      keys += 1;
      if (sampled < sample) {
        bytes += Number((await client.memoryUsage(key)) ?? 0);
        sampled += 1;
      }
    }
  }
  return { keys, avgBytes: sampled ? Math.round(bytes / sampled) : 0 };
}

function stopChild(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.process.kill('SIGKILL'), 30_000);
    child.process.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.process.kill('SIGTERM');
  });
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function main(): Promise<void> {
  const users = Number(values.users ?? 50);
  const duration = Number(values.duration ?? 30);
  const rounds = Math.max(1, Math.round(Number(values.rounds ?? 1)));
  const warmup = Number(values.warmup);
  const appointments = Number(values.appointments);
  if (!values['no-build']) buildIfNeeded();

  console.log(`load average before: ${loadAverage()}`);
  const redis = await startRedisServer();
  const client = await connectRedis(redis.url);
  const children: Child[] = [];
  try {
    const memoryBefore = await usedMemory(client);
    let bytesPerAppointment: number | undefined;
    if (appointments > 0) {
      const started = Date.now();
      console.log(`prefilling ${appointments} appointments…`);
      await prefill(client, appointments);
      bytesPerAppointment = Math.round((await usedMemory(client)) - memoryBefore) / appointments;
      console.log(`prefilled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const starts = Math.max(1, Math.round(Number(values.starts)));
    console.log(`start → first reply: ${starts} fresh starts of each bot…`);
    const startTimes = await measureStarts(starts, redis.url);

    const ours = await startOurs(redis.url, profileArgsOf(), heapProfileEnv());
    children.push(ours);
    await firstReplyMs(ours);
    const floor = await startFloor(redis.url);
    children.push(floor);
    await firstReplyMs(floor);
    const dialogFloor = values['dialog-floor']
      ? await startChild(
          [join(root, 'dist', 'scripts', 'bench', 'dialogFloorBot.js')],
          { PORT: '0', REDIS_URL: redis.url },
          /^dialog-floor listening/,
        )
      : undefined;
    if (dialogFloor) children.push(dialogFloor);
    // Idle, once every language's date model is built (the background warm-up after listening)
    // and the heap has settled: V8 gives back the warm-up's garbage some seconds after it.
    const oursWarmMs = await waitForLog(ours, 'date parsers ready');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const oursJustWarm = memoryOf(ours.process.pid ?? 0);
    const settle = Number(values.settle);
    const [oursIdle, floorIdle] = await Promise.all([
      settledMemoryOf(ours.process.pid ?? 0, settle),
      settledMemoryOf(floor.process.pid ?? 0, settle),
    ]);

    const runId = String(Date.now() % 1_000_000);
    const loadDuring = loadAverage();
    // The bots run one after another, each right after its own warm-up, ours last: a bot that has
    // just been loaded collects its garbage in the seconds after, on the CPU the next bot runs on,
    // and ours has by far the most. With --rounds N the measured time is split into N turns each,
    // the order reversed every other round, so that the machine's drift falls on all bots alike;
    // but then every bot after its first turn starts from a heap collected while it stood idle,
    // which favours ours: one round is the default.
    const bots: Array<{ name: 'ours' | 'floor' | 'dialogFloor'; child: Child; kind: 'ours' | 'floor' }> = [
      { name: 'floor', child: floor, kind: 'floor' },
      ...(dialogFloor ? [{ name: 'dialogFloor' as const, child: dialogFloor, kind: 'floor' as const }] : []),
      { name: 'ours', child: ours, kind: 'ours' },
    ];
    const segments = new Map(bots.map((bot): [string, Segment[]] => [bot.name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const bot of round % 2 === 0 ? bots : [...bots].reverse()) {
        if (round === 0 && warmup > 0) await runLoad(bot.child.port, bot.kind, users, warmup, `${runId}1`);
        segments.get(bot.name)?.push(await segment(client, bot.child, bot.kind, users, duration / rounds, `${runId}${round + 2}`));
      }
    }
    const partsOf = (name: string): Segment[] => segments.get(name) ?? [];
    const oursResult = combine(partsOf('ours'));
    const floorResult = combine(partsOf('floor'));
    const dialogFloorResult = dialogFloor ? combine(partsOf('dialogFloor')) : undefined;
    const roundRatios = partsOf('ours').map((part, round) => rateOf(part.result) / rateOf(partsOf('floor')[round].result));
    const dialogFloorMemory = dialogFloor ? memoryOf(dialogFloor.process.pid ?? 0) : undefined;
    const oursMemory = memoryOf(ours.process.pid ?? 0);
    const floorMemory = memoryOf(floor.process.pid ?? 0);
    const oursAfterLoad = await settledMemoryOf(ours.process.pid ?? 0);

    const conversationKeys = await keyMemory(client, `${KEY_PREFIX}:state:*/conversations/*`);
    const floorKeys = await keyMemory(client, 'floor:state:*/conversations/*');
    const totalMemory = await usedMemory(client);

    const rate = (r: LoadResult): number => Math.round(rateOf(r) * 10) / 10;
    const ratio = Math.round((rate(oursResult) / rate(floorResult)) * 100) / 100;
    const report = {
      users,
      duration,
      appointments,
      loadAverageDuringRun: loadDuring,
      settleSeconds: settle,
      ours: {
        ...oursResult,
        turnsPerSecond: rate(oursResult),
        peakRssMb: oursMemory.peakMb,
        idleRssMb: oursIdle.rssMb,
        justWarmRssMb: oursJustWarm.rssMb,
        afterLoadRssMb: oursAfterLoad.rssMb,
        firstReplyMs: startTimes.ours.medianMs,
        firstReply: startTimes.ours,
        warmMs: oursWarmMs,
      },
      floor: {
        ...floorResult,
        turnsPerSecond: rate(floorResult),
        peakRssMb: floorMemory.peakMb,
        idleRssMb: floorIdle.rssMb,
        firstReplyMs: startTimes.floor.medianMs,
        firstReply: startTimes.floor,
      },
      ...(dialogFloorResult && dialogFloorMemory
        ? {
            dialogFloor: {
              ...dialogFloorResult,
              turnsPerSecond: rate(dialogFloorResult),
              peakRssMb: dialogFloorMemory.peakMb,
              idleRssMb: 0,
              firstReplyMs: 0,
            },
          }
        : {}),
      ratio,
      rounds: roundRatios.map((r) => Math.round(r * 100) / 100),
      medianRoundRatio: Math.round(median(roundRatios) * 100) / 100,
      redis: {
        usedMemoryMb: Math.round(totalMemory / 1e5) / 10,
        bytesPerAppointment: bytesPerAppointment === undefined ? null : Math.round(bytesPerAppointment),
        conversationStateKeys: conversationKeys.keys,
        bytesPerConversation: conversationKeys.avgBytes,
        floorBytesPerConversation: floorKeys.avgBytes,
      },
    };
    print(report);
    if (values.json)
      writeFileSync(values.json, `${JSON.stringify(report, (key, value: unknown) => (key === 'samples' ? undefined : value), 2)}\n`);
  } finally {
    await Promise.all(children.map(stopChild));
    await client.close();
    await redis.stop();
  }
}

type RedisPerTurn = { commands: number; serverUs: number; byCommand: string };

type Measured = LoadResult & { cpuMsPerTurn: number; redisPerTurn: RedisPerTurn };

/** One bot's run in one round: the load generator's result, the bot's CPU and Redis's work meanwhile. */
interface Segment {
  result: LoadResult;
  cpuMs: number;
  redisCalls: number;
  redisUsec: number;
  byCommand: Map<string, number>;
}

function rateOf(r: LoadResult): number {
  return r.turns / Math.max(0.001, r.seconds);
}

async function segment(
  client: RedisClientType,
  child: Child,
  kind: 'ours' | 'floor',
  users: number,
  seconds: number,
  runId: string,
  transport: TransportName = 'messages',
): Promise<Segment> {
  const cpuBefore = cpuMsOf(child.process.pid ?? 0);
  const redisBefore = await commandTotals(client);
  const result = await runLoad(child.port, kind, users, seconds, runId, transport);
  const cpuMs = cpuMsOf(child.process.pid ?? 0) - cpuBefore;
  const redisAfter = await commandTotals(client);
  // One bot runs at a time: the commands of the run are that bot's (less the INFO call before it).
  return {
    result,
    cpuMs,
    redisCalls: redisAfter.calls - redisBefore.calls - 1,
    redisUsec: redisAfter.usec - redisBefore.usec,
    byCommand: commandDeltas(redisBefore.byCommand, redisAfter.byCommand),
  };
}

/** One bot's rounds as one run: turns, errors and time added up, latencies over every turn. */
function combine(parts: readonly Segment[]): Measured {
  const results = parts.map((p) => p.result);
  const samples = mergeSamples(results.map((r) => r.samples));
  const summary = summariseSamples(samples);
  const turns = Math.max(1, samples.ms.length);
  const byLanguage: Record<string, number> = {};
  for (const r of results) for (const [language, n] of Object.entries(r.byLanguage)) byLanguage[language] = (byLanguage[language] ?? 0) + n;
  const byCommand = new Map<string, number>();
  for (const p of parts) for (const [command, n] of p.byCommand) byCommand.set(command, (byCommand.get(command) ?? 0) + n);
  const total = (f: (p: Segment) => number): number => parts.reduce((sum, p) => sum + f(p), 0);
  return {
    kind: results[0]?.kind ?? '',
    transport: results[0]?.transport ?? 'messages',
    replies: {
      matched: total((p) => p.result.replies.matched),
      unmatched: total((p) => p.result.replies.unmatched),
    },
    users: results[0]?.users ?? 0,
    seconds: Math.round(total((p) => p.result.seconds) * 10) / 10,
    turns: samples.ms.length,
    conversations: total((p) => p.result.conversations),
    errors: total((p) => p.result.errors),
    firstErrors: results.flatMap((r) => r.firstErrors).slice(0, 3),
    latencyMs: summary.all,
    byStep: summary.byStep,
    byLanguage,
    cpuMs: total((p) => p.result.cpuMs),
    samples,
    cpuMsPerTurn: Math.round((total((p) => p.cpuMs) / turns) * 1000) / 1000,
    redisPerTurn: {
      commands: Math.round((total((p) => p.redisCalls) / turns) * 100) / 100,
      serverUs: Math.round(total((p) => p.redisUsec) / turns),
      byCommand: commandsPerTurn(byCommand, turns),
    },
  };
}

type Report = {
  users: number;
  /** Seconds after the date models were built at which idle RSS was read. */
  settleSeconds: number;
  duration: number;
  appointments: number;
  loadAverageDuringRun: string;
  ours: LoadResult & {
    cpuMsPerTurn: number;
    redisPerTurn: RedisPerTurn;
    turnsPerSecond: number;
    peakRssMb: number;
    idleRssMb: number;
    justWarmRssMb?: number;
    afterLoadRssMb?: number;
    /** The median of the fresh starts' (`firstReply`). */
    firstReplyMs: number;
    firstReply?: StartTimes;
    warmMs?: number;
  };
  floor: LoadResult & {
    cpuMsPerTurn: number;
    redisPerTurn: RedisPerTurn;
    turnsPerSecond: number;
    peakRssMb: number;
    idleRssMb: number;
    firstReplyMs: number;
    firstReply?: StartTimes;
  };
  dialogFloor?: Report['floor'];
  ratio: number;
  /** Ours / floor turns/s in each round, and their median. */
  rounds: number[];
  medianRoundRatio: number;
  redis: {
    usedMemoryMb: number;
    bytesPerAppointment: number | null;
    conversationStateKeys: number;
    bytesPerConversation: number;
    floorBytesPerConversation: number;
  };
};

function print(r: Report): void {
  const row = (name: string, b: Report['ours']): string =>
    [
      name.padEnd(12),
      String(b.turnsPerSecond).padStart(9),
      String(b.latencyMs.p50).padStart(8),
      String(b.latencyMs.p95).padStart(8),
      String(b.latencyMs.p99).padStart(8),
      String(b.errors).padStart(7),
      String(b.peakRssMb).padStart(10),
      String(b.idleRssMb).padStart(10),
      String(b.firstReplyMs).padStart(12),
      String(b.cpuMsPerTurn).padStart(12),
    ].join(' ');
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const rounds = r.rounds.length === 1 ? '' : ` in ${r.rounds.length} rounds`;
  console.log(
    `\n${r.users} users, ${r.duration} s per bot${rounds}, ${r.appointments} appointments stored; load average during the run: ${r.loadAverageDuringRun}`,
  );
  console.log(
    `${'bot'.padEnd(12)} ${'turns/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'peak RSS'.padStart(10)} ${'idle RSS'.padStart(10)} ${'1st reply ms'.padStart(12)} ${'CPU ms/turn'.padStart(12)}`,
  );
  console.log(row('ours', r.ours));
  console.log(row('floor', r.floor));
  if (r.dialogFloor) console.log(`${row('dialog floor', r.dialogFloor)}  (idle RSS and first reply not measured)`);
  const judged = r.rounds.length === 1 ? r.ratio : r.medianRoundRatio;
  const goal = `(goal ≥ ${GOALS.ratio}: ${mark(judged >= GOALS.ratio)})`;
  if (r.rounds.length === 1) console.log(`\nratio ours/floor: ${r.ratio} ${goal}`);
  else
    console.log(
      `\nratio ours/floor: ${r.medianRoundRatio}, the median of the rounds' (${r.rounds.join(', ')}) ${goal}; ${r.ratio} over all rounds' turns`,
    );
  if (r.dialogFloor) {
    const perTurn = (b: Report['floor']): number => b.turnsPerSecond;
    console.log(
      `dialog floor/floor: ${(perTurn(r.dialogFloor) / perTurn(r.floor)).toFixed(2)}; ours/dialog floor: ${(perTurn(r.ours) / perTurn(r.dialogFloor)).toFixed(2)} ` +
        `(CPU ms per turn: floor ${r.floor.cpuMsPerTurn}, dialog floor ${r.dialogFloor.cpuMsPerTurn}, ours ${r.ours.cpuMsPerTurn})`,
    );
  }
  console.log(
    `ours p99: ${r.ours.latencyMs.p99} ms (goal ≤ ${GOALS.p99Ms}: ${mark(r.ours.latencyMs.p99 <= GOALS.p99Ms)}); errors: ${r.ours.errors} (goal 0: ${mark(r.ours.errors === 0)})`,
  );
  const range = (t: StartTimes | undefined): string => (t ? ` (${t.minMs}–${t.maxMs})` : '');
  console.log(
    `ours start → first reply: ${r.ours.firstReplyMs} ms${range(r.ours.firstReply)}, the median of fresh starts (goal ≤ ${GOALS.startMs}: ${mark(r.ours.firstReplyMs <= GOALS.startMs)}); ` +
      `floor ${r.floor.firstReplyMs} ms${range(r.floor.firstReply)}; ours start → every date model built: ${r.ours.warmMs} ms`,
  );
  console.log(
    `ours RSS idle (${r.settleSeconds} s after the date models were built) with 13 languages loaded: ${r.ours.idleRssMb} MB (goal ≤ ${GOALS.rssMb}: ${mark(r.ours.idleRssMb <= GOALS.rssMb)}); ` +
      `peak under load: ${r.ours.peakRssMb} MB; 1 s after the warm-up, before settling: ${r.ours.justWarmRssMb} MB; 10 s after the load: ${r.ours.afterLoadRssMb} MB`,
  );
  console.log(
    `conversations: ours ${r.ours.conversations} (${r.ours.turns} turns), floor ${r.floor.conversations}; by language: ${JSON.stringify(r.ours.byLanguage)}`,
  );
  console.log(
    `Redis: ${r.redis.usedMemoryMb} MB used; per stored appointment: ${r.redis.bytesPerAppointment ?? 'n/a (run with --appointments N)'} B; ` +
      `per conversation state: ${r.redis.bytesPerConversation} B (${r.redis.conversationStateKeys} conversations; floor: ${r.redis.floorBytesPerConversation} B)`,
  );
  const loadgenMs = (b: Report['floor']): string => (b.cpuMs / Math.max(1, b.turns)).toFixed(3);
  console.log(
    `load generator CPU ms per turn (its own process, on the same 2 cores): ours ${loadgenMs(r.ours)}, floor ${loadgenMs(r.floor)}${r.dialogFloor ? `, dialog floor ${loadgenMs(r.dialogFloor)}` : ''}`,
  );
  const perTurn = (p: RedisPerTurn): string => `${p.commands} commands (${p.byCommand}), ${p.serverUs} µs in Redis`;
  console.log(`Redis per turn: ours ${perTurn(r.ours.redisPerTurn)}; floor ${perTurn(r.floor.redisPerTurn)}`);
  if (values.steps) {
    console.log('\nours, by turn (named by the reply it brings):');
    console.log(
      `${'turn'.padEnd(40)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    );
    const steps = Object.entries(r.ours.byStep).sort(([, a], [, b]) => b.p99 - a.p99);
    for (const [step, l] of steps) {
      console.log(
        `${step.padEnd(40)} ${String(l.count).padStart(6)} ${String(l.p50).padStart(8)} ${String(l.p95).padStart(8)} ${String(l.p99).padStart(8)} ${String(l.max).padStart(8)}`,
      );
    }
  }
  for (const e of [...r.ours.firstErrors, ...r.floor.firstErrors]) console.log(`\nfirst error:\n${e}`);
}

/** Node's flags for our bot's profiles: --cpu-prof DIR, --heap-prof DIR (allocationProfile.ts, preloaded). */
function profileArgsOf(): string[] {
  return [
    ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
    ...(values['heap-prof'] ? ['--require', join(root, 'dist', 'scripts', 'bench', 'allocationProfile.js')] : []),
  ];
}

function heapProfileEnv(): Record<string, string> {
  return values['heap-prof'] ? { BENCH_HEAP_PROFILE_DIR: values['heap-prof'] } : {};
}

/** The environment our bot runs with in the benchmark. */
function botEnv(redisUrl: string, keyPrefix: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    PERSON_KEY_SECRET: 'bench-person-secret',
    NOTICE_LINK_SECRET: 'bench-notice-secret',
    TWILIO_AUTH_TOKEN: 'bench-twilio-token',
  };
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** --compare: this checkout's bot and another's, loaded together round after round (see the header). */
async function compare(otherDir: string): Promise<void> {
  const againstFloor = otherDir === 'floor';
  // Checkouts from before src/main.ts started the bot from src/index.ts.
  const otherEntry =
    ['main.js', 'index.js'].map((file) => join(otherDir, 'dist', 'src', file)).find(existsSync) ?? join(otherDir, 'dist', 'src', 'main.js');
  if (!againstFloor && !existsSync(otherEntry))
    throw new Error(`${otherEntry} is missing: run \`npm ci && npm run build\` in ${otherDir} first`);
  const users = Number(values.users ?? 15);
  const duration = Number(values.duration ?? 15);
  const warmup = Number(values.warmup);
  const rounds = Math.max(1, Math.round(Number(values.rounds ?? 4)));
  const transport = TRANSPORTS.find((way) => way === (values.ways ?? 'messages'));
  if (!transport || (againstFloor && transport !== 'messages')) {
    console.error(
      `bench: --compare takes one of --ways ${TRANSPORTS.join(',')} (the floor: messages only), got "${values.ways}"\n${USAGE}`,
    );
    process.exit(2);
  }
  // Direct Line's budgets raised as in --webchat: every simulated person comes from one address.
  const budgets = transport === 'messages' ? {} : BENCH_RATE_LIMIT_SETTINGS;
  if (!values['no-build']) buildIfNeeded();
  const redis = await startRedisServer();
  const client = await connectRedis(redis.url);
  const children: Child[] = [];
  try {
    const bots: Array<{ name: string; kind: 'ours' | 'floor'; child: Child }> = [
      {
        name: 'this checkout',
        kind: 'ours',
        child: await startChild(
          [...startFlags(), join(root, 'dist', 'src', 'main.js')],
          { ...botEnv(redis.url, 'this'), ...budgets },
          /InfoPass bot listening/,
        ),
      },
      againstFloor
        ? { name: 'floor', kind: 'floor', child: await startFloor(redis.url) }
        : {
            name: otherDir,
            kind: 'ours',
            child: await startChild(
              [...startFlags(otherDir), otherEntry],
              { ...botEnv(redis.url, 'other'), ...budgets },
              /InfoPass bot listening/,
            ),
          },
    ];
    children.push(...bots.map((b) => b.child));
    for (const bot of bots) if (bot.kind === 'ours') await waitForLog(bot.child, 'date parsers ready');
    const runId = String(Date.now() % 1_000_000);
    await Promise.all(bots.map((bot, i) => runLoad(bot.child.port, bot.kind, users, warmup, `${runId}w${i}`, transport)));
    console.log(
      `${users} users on each bot through ${WAY_NAMES[transport]}, ${duration} s per round, both at once; CPU ms per turn (turns/s, p99 ms, errors)`,
    );
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Each round starts from an empty store: the slots people book stay free.
      await client.flushDb();
      const cpuBefore = bots.map((bot) => cpuMsOf(bot.child.process.pid ?? 0));
      const results = await Promise.all(
        bots.map((bot, i) => runLoad(bot.child.port, bot.kind, users, duration, `${runId}r${round}${i}`, transport)),
      );
      const perTurn = bots.map((bot, i) => (cpuMsOf(bot.child.process.pid ?? 0) - cpuBefore[i]) / Math.max(1, results[i].turns));
      ratios.push(perTurn[0] / perTurn[1]);
      const cells = bots.map((bot, i) => {
        const r = results[i];
        return `${bot.name} ${perTurn[i].toFixed(3)} (${(r.turns / r.seconds).toFixed(0)}, ${r.latencyMs.p99}, ${r.errors})`;
      });
      console.log(`round ${round}: ${cells.join(' | ')} | ratio ${(perTurn[0] / perTurn[1]).toFixed(3)}`);
    }
    console.log(
      `median ratio of CPU per turn, this checkout / ${otherDir}: ${median(ratios).toFixed(3)} (below 1: this checkout is cheaper)`,
    );
    if (againstFloor) {
      const floorOverOurs = median(ratios.map((r) => 1 / r));
      console.log(
        `the floor's CPU per turn / ours: ${floorOverOurs.toFixed(3)} (the ratio goal's sense, ≥ ${GOALS.ratio}: ours costs at most ${(1 / GOALS.ratio).toFixed(0)}× the floor)`,
      );
    }
  } finally {
    await Promise.all(children.map(stopChild));
    await client.close();
    await redis.stop();
  }
}

/** --webchat: one bot, the same conversations through each transport in turn (see the header). */
async function webchat(): Promise<void> {
  const users = Number(values.users ?? 50);
  const duration = Number(values.duration ?? 30);
  const warmup = Number(values.warmup);
  const rounds = Math.max(1, Math.round(Number(values.rounds ?? 3)));
  const asked = values.ways?.split(',').map((way) => way.trim()) ?? TRANSPORTS;
  const ways = TRANSPORTS.filter((way) => asked.includes(way));
  if (ways.length !== asked.length) {
    console.error(`bench: --ways takes some of ${TRANSPORTS.join(',')}, got "${values.ways}"\n${USAGE}`);
    process.exit(2);
  }
  if (!values['no-build']) buildIfNeeded();
  const redis = await startRedisServer();
  const client = await connectRedis(redis.url);
  const children: Child[] = [];
  try {
    const ours = await startOurs(redis.url, profileArgsOf(), { ...BENCH_RATE_LIMIT_SETTINGS, ...heapProfileEnv() });
    children.push(ours);
    await waitForLog(ours, 'date parsers ready');
    const runId = String(Date.now() % 1_000_000);
    const loadBefore = loadAverage();
    const segments = new Map(ways.map((transport): [TransportName, Segment[]] => [transport, []]));
    for (let round = 0; round < rounds; round++) {
      for (const transport of round % 2 === 0 ? ways : [...ways].reverse()) {
        // From an empty store each time: the seats booked by the way before stay free for this one.
        await client.flushDb();
        if (round === 0 && warmup > 0) await runLoad(ours.port, 'ours', users, warmup, `${runId}w${transport}`, transport);
        const part = await segment(client, ours, 'ours', users, duration / rounds, `${runId}r${round}${transport}`, transport);
        segments.get(transport)?.push(part);
      }
    }
    const pacedSeconds = Number(values.paced);
    const thinkMs = Number(values.think);
    const paced = new Map<TransportName, LoadResult>();
    for (const transport of pacedSeconds > 0 ? ways : []) {
      await client.flushDb();
      paced.set(transport, await runLoad(ours.port, 'ours', users, pacedSeconds, `${runId}p${transport}`, transport, thinkMs));
    }
    const measured = ways.map((transport): Way => {
      const parts = segments.get(transport) ?? [];
      return { measured: combine(parts), rounds: parts, paced: paced.get(transport) };
    });
    printWebchat(measured, { users, duration, pacedSeconds, thinkMs, load: `${loadBefore} before, ${loadAverage()} after` });
    if (values.json)
      writeFileSync(
        values.json,
        `${JSON.stringify(
          measured.map((way) => way.measured),
          (key, value: unknown) => (key === 'samples' ? undefined : value),
          2,
        )}\n`,
      );
  } finally {
    await Promise.all(children.map(stopChild));
    await client.close();
    await redis.stop();
  }
}

/** A run's turns/s, p50, p95, p99 and errors, as the tables print them. */
function rateAndLatencyCells(run: LoadResult): string[] {
  return [rateOf(run).toFixed(1), String(run.latencyMs.p50), String(run.latencyMs.p95), String(run.latencyMs.p99), String(run.errors)];
}

const WAY_NAMES: Record<TransportName, string> = {
  messages: '/api/messages',
  polling: 'Direct Line, polling',
  stream: 'Direct Line, WebSocket',
};

interface Way {
  measured: Measured;
  /** The way's run in each round, in order. */
  rounds: Segment[];
  /** The same people pausing before each message as people do (--think): the latency a person sees. */
  paced?: LoadResult;
}

function printWebchat(
  ways: readonly Way[],
  run: { users: number; duration: number; pacedSeconds: number; thinkMs: number; load: string },
): void {
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const reference = ways.find((w) => w.measured.transport === 'messages');
  /** Turns/s over /api/messages': with several rounds, the median of the rounds' (each round's ways ran minutes apart at most). */
  const ratiosOf = (w: Way): number[] =>
    reference ? w.rounds.map((part, round) => rateOf(part.result) / rateOf(reference.rounds[round].result)) : [];
  const ratioOf = (w: Way): number =>
    w.rounds.length === 1 ? rateOf(w.measured) / rateOf(reference?.measured ?? w.measured) : median(ratiosOf(w));
  const ratesByRound = (w: Way): string => w.rounds.map((part) => Math.round(rateOf(part.result))).join(', ');
  const rounds = ways[0]?.rounds.length ?? 1;
  console.log(
    `\n${run.users} people, ${run.duration} s per way${rounds === 1 ? '' : ` in ${rounds} rounds`}, one bot (${cpus().length} cores, shared: load average ${run.load})`,
  );
  console.log(
    `Direct Line rate budgets raised to ${BENCH_RATE_LIMIT_SETTINGS.RATE_LIMIT_MESSAGES_PER_CLIENT} a minute for the bench (RATE_LIMIT_* settings): every simulated person comes from one address`,
  );
  const columns = [
    'turns/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'bot CPU ms/turn',
    'loadgen CPU ms/turn',
    'Redis cmds/turn',
    'Redis µs/turn',
    'ratio',
  ];
  console.log(`${'way'.padEnd(24)} ${columns.map((c, i) => c.padStart(i < 5 ? 8 : c.length)).join(' ')}`);
  for (const { measured: w } of ways) {
    const cells = [
      ...rateAndLatencyCells(w),
      w.cpuMsPerTurn.toFixed(3),
      (w.cpuMs / Math.max(1, w.turns)).toFixed(3),
      w.redisPerTurn.commands.toFixed(1),
      String(w.redisPerTurn.serverUs),
      reference ? (rateOf(w) / rateOf(reference.measured)).toFixed(2) : '–',
    ];
    console.log(`${WAY_NAMES[w.transport].padEnd(24)} ${cells.map((c, i) => c.padStart(i < 5 ? 8 : columns[i].length)).join(' ')}`);
  }
  if (ways.some((way) => way.paced)) {
    const low = (run.thinkMs / 2000).toFixed(1);
    const high = ((run.thinkMs * 3) / 2000).toFixed(1);
    console.log(
      `\nThe same ${run.users} people as people write: each message ${low}–${high} s after the answer before it (--think ${run.thinkMs}), ${run.pacedSeconds} s per way`,
    );
    console.log(`${'way'.padEnd(24)} ${['turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'].map((c) => c.padStart(8)).join(' ')}`);
    for (const { measured, paced } of ways) {
      if (!paced) continue;
      const cells = rateAndLatencyCells(paced);
      console.log(`${WAY_NAMES[measured.transport].padEnd(24)} ${cells.map((c) => c.padStart(8)).join(' ')}`);
    }
  }
  console.log('');
  for (const way of ways.filter((w) => w.measured.transport !== 'messages')) {
    const w = way.measured;
    const perRound =
      rounds === 1
        ? ''
        : `, the median of the rounds' ${ratiosOf(way)
            .map((r) => r.toFixed(2))
            .join(', ')} (turns/s by round: ${ratesByRound(way)}; /api/messages' ${reference ? ratesByRound(reference) : '–'})`;
    const ratio = reference
      ? `${ratioOf(way).toFixed(2)}${perRound} (goal ≥ ${WEBCHAT_GOALS.ratio}: ${mark(ratioOf(way) >= WEBCHAT_GOALS.ratio)}); ` +
        `read by the bot's CPU per turn, /api/messages' over this way's: ${(reference.measured.cpuMsPerTurn / w.cpuMsPerTurn).toFixed(2)}`
      : 'not measured (/api/messages left out)';
    // The latency goal is what a person waits: read from the paced run when there is one.
    const judged = way.paced ?? w;
    const p99Of = way.paced ? `p99 with people's pauses ${judged.latencyMs.p99} ms` : `p99 ${judged.latencyMs.p99} ms`;
    console.log(
      `${WAY_NAMES[w.transport]}: turns/s ratio to /api/messages ${ratio}; ` +
        `${p99Of} (goal ≤ ${WEBCHAT_GOALS.p99Ms}: ${mark(judged.turns > 0 && judged.latencyMs.p99 <= WEBCHAT_GOALS.p99Ms)}); ` +
        `replies matched to their posts: ${w.replies.matched}, answering nothing posted: ${w.replies.unmatched}`,
    );
  }
  console.log('\nRedis commands per turn (INFO commandstats, calls inside a script counted too):');
  for (const { measured: w } of ways) console.log(`${WAY_NAMES[w.transport]}: ${w.redisPerTurn.byCommand}`);
  if (values.steps) {
    for (const { measured: w } of ways) {
      const slowest = Object.entries(w.byStep)
        .sort(([, a], [, b]) => b.p99 - a.p99)
        .slice(0, 5)
        .map(([step, l]) => `${step} ${l.p99}`)
        .join(', ');
      console.log(`${WAY_NAMES[w.transport]}, slowest turns by p99 ms: ${slowest}`);
    }
  }
  for (const { measured: w } of ways) for (const e of w.firstErrors) console.log(`\nfirst error (${WAY_NAMES[w.transport]}):\n${e}`);
}

(values.webchat ? webchat() : values.compare ? compare(values.compare) : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
