/**
 * npm run bench:stream — how a bot process learns that another appended to a Web Chat
 * conversation it streams: the two ways issue 23 names, measured on one redis-server of our own.
 *
 * - pubsub (what the bot does, RedisDirectLineStore): each append's script PUBLISHes the sequence on
 *   the conversation's channel; a process SUBSCRIBEs (one connection) to the channels of the
 *   conversations it streams, and on a notice reads the log after the stream's watermark.
 * - xread: one connection per process loops on XREAD BLOCK over the logs of every conversation it
 *   streams (each call names all of them); a new stream has to wait for, or interrupt, the block.
 *
 * Both get the same appends (the bot's own APPEND script), spread evenly over the conversations,
 * with the conversations split between the listening processes (simulated here, each with its own
 * connections). Prints the delay from an append's start to its delivery (p50, p99), and the Redis
 * server's CPU and commands per append.
 *
 *   npm run bench:stream -- [--conversations 500] [--rate 200] [--seconds 10] [--processes 2]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../src/infra/redis/connect';
import { RedisDirectLineStore } from '../src/infra/redis/redisDirectLineStore';
import { startRedisServer } from '../test/support/redisServer';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '500' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    processes: { type: 'string', default: '2' },
  },
});
const CONVERSATIONS = Number(values.conversations);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const PROCESSES = Number(values.processes);

interface Listener {
  /** Starts following these conversations; `delivered` gets each appended entry's sentAt. */
  start(conversationIds: string[], delivered: (sentAt: number) => void): Promise<void>;
  stop(): Promise<void>;
}

const sentAtOf = (json: string): number => (JSON.parse(json) as { channelData: { sentAt: number } }).channelData.sentAt;

/** What the bot does: one subscription per conversation, a read after each notice. */
function pubSubListener(store: () => Promise<RedisDirectLineStore>): Listener {
  const stops: Array<() => Promise<void>> = [];
  return {
    async start(conversationIds, delivered) {
      const own = await store();
      for (const id of conversationIds) {
        let watermark = 0;
        let reading = false;
        let again = false;
        const read = async (): Promise<void> => {
          if (reading) {
            again = true;
            return;
          }
          reading = true;
          do {
            again = false;
            const slice = await own.read(id, watermark);
            for (const entry of slice?.entries ?? []) delivered((entry.activity.channelData as { sentAt: number }).sentAt);
            watermark = slice?.watermark ?? watermark;
          } while (again);
          reading = false;
        };
        stops.push(await own.subscribe(id, () => void read()));
      }
    },
    async stop() {
      await Promise.all(stops.splice(0).map((stop) => stop()));
    },
  };
}

/** One XREAD BLOCK loop over every followed log. */
function xreadListener(url: string, logKey: (id: string) => string): Listener {
  let running = true;
  let client: RedisClientType | undefined;
  let loop: Promise<void> = Promise.resolve();
  return {
    async start(conversationIds, delivered) {
      client = await connectRedis(url);
      const keys = conversationIds.map(logKey);
      const ids = new Map(keys.map((key) => [key, '0-0']));
      const blocking = client;
      loop = (async () => {
        while (running) {
          const reply = (await blocking.sendCommand([
            'XREAD',
            'BLOCK',
            '200',
            'STREAMS',
            ...keys,
            ...keys.map((key) => ids.get(key) ?? '0-0'),
          ])) as Array<[string, Array<[string, string[]]>]> | null;
          for (const [key, entries] of reply ?? []) {
            for (const [id, fields] of entries) {
              delivered(sentAtOf(fields[fields.indexOf('a') + 1]));
              ids.set(key, id);
            }
          }
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
      await client?.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function redisCpuMs(admin: RedisClientType): Promise<{ cpuMs: number; commands: number }> {
  const cpu = await admin.info('cpu');
  const stats = await admin.info('stats');
  const field = (text: string, name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(text)?.[1] ?? 0);
  return {
    cpuMs: (field(cpu, 'used_cpu_user') + field(cpu, 'used_cpu_sys')) * 1000,
    commands: field(stats, 'total_commands_processed'),
  };
}

async function run(name: 'pubsub' | 'xread', url: string, admin: RedisClientType): Promise<void> {
  const keyPrefix = `bench-stream-${name}:`;
  const connections: RedisClientType[] = [];
  /** A store on connections of its own, as a bot process has. */
  const newStore = async (): Promise<RedisDirectLineStore> => {
    const [client, subscriber] = await Promise.all([connectRedis(url), connectRedis(url)]);
    connections.push(client, subscriber);
    return new RedisDirectLineStore(client, async () => subscriber, { keyPrefix });
  };
  const writer = await newStore();
  const ids: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) ids.push((await writer.create({})).conversationId);

  const delays: number[] = [];
  const delivered = (sentAt: number): void => {
    delays.push(performance.now() - sentAt);
  };
  const listeners: Listener[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const listener = name === 'pubsub' ? pubSubListener(newStore) : xreadListener(url, (id) => writer.keysOf(id).log);
    await listener.start(
      ids.filter((_, i) => i % PROCESSES === p),
      delivered,
    );
    listeners.push(listener);
  }

  const before = await redisCpuMs(admin);
  const total = Math.round(RATE * SECONDS);
  const startedAt = performance.now();
  const appends: Array<Promise<unknown>> = [];
  for (let n = 0; n < total; n++) {
    const due = startedAt + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const activity = { type: 'message', text: 'Thank you. What would you like to do?', channelData: { sentAt: performance.now() } };
    appends.push(writer.append(ids[n % ids.length], [activity], Date.now()));
  }
  await Promise.all(appends);
  const deadline = performance.now() + 5_000;
  while (delays.length < total && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const after = await redisCpuMs(admin);
  await Promise.all(listeners.map((listener) => listener.stop()));
  await Promise.all(connections.map((connection) => connection.close()));

  const sorted = [...delays].sort((a, b) => a - b);
  console.log(
    [
      name.padEnd(7),
      `${delays.length}/${total} delivered`.padEnd(18),
      `p50 ${percentile(sorted, 50).toFixed(2)} ms`.padEnd(14),
      `p99 ${percentile(sorted, 99).toFixed(2)} ms`.padEnd(14),
      `Redis CPU ${((after.cpuMs - before.cpuMs) / total).toFixed(3)} ms/append`.padEnd(30),
      `${((after.commands - before.commands) / total).toFixed(2)} commands/append`,
    ].join('  '),
  );
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  const admin = await connectRedis(server.url);
  try {
    console.log(
      `${CONVERSATIONS} conversations streamed by ${PROCESSES} processes, ${RATE} appends/s for ${SECONDS} s, one redis-server on loopback`,
    );
    await run('pubsub', server.url, admin);
    await run('xread', server.url, admin);
  } finally {
    await admin.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
