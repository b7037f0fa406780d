/**
 * The load generator, run in its own process by scripts/bench/run.ts: `users` simulated people,
 * each going through complete conversations one after another over HTTP keep-alive until the
 * duration is over (a conversation under way then finishes), through one of the transports
 * (transports.ts: /api/messages, or Direct Line polling or streaming). Prints one JSON line of results.
 *
 *   node dist/scripts/bench/loadgen.js --url http://127.0.0.1:PORT --kind ours|floor
 *     [--transport messages|polling|stream] [--users 50] [--duration 30] [--cancel-share 0.25] [--think 0] [--run-id x]
 *
 * --think MS: each person reads and writes before every message, for a time drawn evenly between half
 * and one and a half times MS (0: none, each answer is followed at once by the next message).
 */
import { Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { BENCH_LANGUAGES, bookingConversation, counterConversation, PEOPLE, ZIPS, type Post } from './conversation';
import { type Latency, type LatencySamples, SampleRecorder, summariseSamples } from './latency';
import { makeTransport, type ReplyCounts, TRANSPORTS, type TransportName } from './transports';

export type { Latency } from './latency';

export interface LoadResult {
  kind: string;
  transport: TransportName;
  users: number;
  seconds: number;
  turns: number;
  conversations: number;
  errors: number;
  firstErrors: string[];
  latencyMs: Latency;
  /** Latency per kind of turn, named by the reply it brings (e.g. "details.phonePrompt": the date of birth was typed). */
  byStep: Record<string, Latency>;
  byLanguage: Record<string, number>;
  /** CPU time (user + system) the load generator itself spent, ms. */
  cpuMs: number;
  /** Every turn's latency, for merging runs. */
  samples: LatencySamples;
  /** The bot's replies matched to a post by replyToId, and those that answered nothing posted. */
  replies: ReplyCounts;
}

export interface LoadOptions {
  url: string;
  kind: 'ours' | 'floor';
  transport: TransportName;
  users: number;
  durationMs: number;
  cancelShare: number;
  /** The mean pause before each message, ms (0: none). */
  thinkMs: number;
  runId: string;
}

/** A person's pauses: evenly between half and one and a half times the mean, from a seeded generator (each run pauses alike). */
export function thinkTimes(meanMs: number, seed: number): () => number {
  let state = (seed * 2654435761 + 1) >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return meanMs * (0.5 + state / 2 ** 32);
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 0 → "a", 25 → "z", 26 → "ba": names must be letters only. */
function letters(n: number): string {
  let text = '';
  do {
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  } while (n > 0);
  return text;
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** Runs the load and resolves with its results; the CLI below prints them. */
export async function generateLoad(options: LoadOptions): Promise<LoadResult> {
  const { kind, users, cancelShare, runId } = options;
  const cpuBefore = process.cpuUsage();
  const agent = new Agent({ keepAlive: true, maxSockets: users + 4 });
  const transport = makeTransport(options.transport, options.url, agent);
  const recorder = new SampleRecorder();
  const samples = recorder.samples;
  const post: Post = async (activity, step, expected) => {
    const started = process.hrtime.bigint();
    const answer = await transport.exchange(activity, expected);
    recorder.add(step, Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100);
    return answer;
  };
  /** A person's messages: each after their pause (--think), which the turn's latency leaves out. */
  const thinkOf = Array.from({ length: users }, (_, u) => thinkTimes(options.thinkMs, u + 1));
  const postFor =
    (u: number): Post =>
    async (activity, step, expected) => {
      if (options.thinkMs > 0) await pause(thinkOf[u]());
      return post(activity, step, expected);
    };

  const deadline = Date.now() + options.durationMs;
  const started = Date.now();
  let conversations = 0;
  let errors = 0;
  let next = 0;
  const firstErrors: string[] = [];
  const byLanguage: Record<string, number> = {};
  const runTag = letters(Number.parseInt(runId.replace(/\D/g, '').slice(-6) || '0', 10));

  const user = async (u: number): Promise<void> => {
    while (Date.now() < deadline) {
      const n = next++;
      const language = BENCH_LANGUAGES[n % BENCH_LANGUAGES.length];
      const when = PEOPLE[language].when[Math.floor(n / BENCH_LANGUAGES.length) % PEOPLE[language].when.length];
      const cancels = (n * 0.618034) % 1 < cancelShare;
      const ids = (i: number) => ({ conversationId: `bench-${runId}-${n}-${i}`, userId: `bench-user-${runId}-${u}` });
      try {
        await (kind === 'ours'
          ? bookingConversation(
              postFor(u),
              { language, name: `Bench ${runTag} ${letters(n)}`, dateOfBirth: '1980-02-29', zip: ZIPS[n % ZIPS.length], when, cancels },
              ids,
            )
          : counterConversation(postFor(u), cancels ? 15 : 12, ids(0)));
        conversations += 1;
        byLanguage[language] = (byLanguage[language] ?? 0) + 1;
      } catch (err) {
        errors += 1;
        if (firstErrors.length < 3) firstErrors.push(err instanceof Error ? err.message : String(err));
        // The turns that did succeed still count through the latencies; a failed conversation is not retried.
      } finally {
        transport.end(ids(0).conversationId);
        transport.end(ids(1).conversationId);
      }
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  const seconds = (Date.now() - started) / 1000;
  transport.close();
  agent.destroy();
  const summary = summariseSamples(samples);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    kind,
    transport: options.transport,
    users,
    seconds: round(seconds),
    turns: samples.ms.length,
    conversations,
    errors,
    firstErrors,
    latencyMs: summary.all,
    byStep: summary.byStep,
    byLanguage,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    samples,
    replies: transport.counts(),
  };
}

function readOptions(): LoadOptions {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      kind: { type: 'string', default: 'ours' },
      transport: { type: 'string', default: 'messages' },
      users: { type: 'string', default: '50' },
      duration: { type: 'string', default: '30' },
      'cancel-share': { type: 'string', default: '0.25' },
      think: { type: 'string', default: '0' },
      'run-id': { type: 'string', default: String(process.pid) },
    },
  });
  const transport = TRANSPORTS.find((name) => name === values.transport);
  if (!transport) throw new Error(`--transport takes ${TRANSPORTS.join(', ')}`);
  return {
    url: values.url ?? 'http://127.0.0.1:3978',
    kind: values.kind === 'floor' ? 'floor' : 'ours',
    transport,
    users: Number(values.users),
    durationMs: Number(values.duration) * 1000,
    cancelShare: Number(values['cancel-share']),
    thinkMs: Number(values.think),
    runId: values['run-id'] ?? '',
  };
}

if (require.main === module) {
  generateLoad(readOptions())
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
