/**
 * The load generator, run in its own process by scripts/bench/run.ts: `users` simulated people,
 * each going through complete conversations one after another over HTTP keep-alive until the
 * duration is over (a conversation under way then finishes). Prints one JSON line of results.
 *
 *   node dist/scripts/bench/loadgen.js --url http://127.0.0.1:PORT --kind ours|floor
 *     [--users 50] [--duration 30] [--cancel-share 0.25] [--run-id x]
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import type { Activity } from 'botbuilder';
import { BENCH_LANGUAGES, bookingConversation, counterConversation, PEOPLE, ZIPS, type Post } from './conversation';
import { type Latency, type LatencySamples, SampleRecorder, summariseSamples } from './latency';

export type { Latency } from './latency';

export interface LoadResult {
  kind: string;
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
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    kind: { type: 'string', default: 'ours' },
    users: { type: 'string', default: '50' },
    duration: { type: 'string', default: '30' },
    'cancel-share': { type: 'string', default: '0.25' },
    'run-id': { type: 'string', default: String(process.pid) },
  },
});

const url = new URL(values.url ?? 'http://127.0.0.1:3978');
const kind = values.kind === 'floor' ? 'floor' : 'ours';
const users = Number(values.users);
const durationMs = Number(values.duration) * 1000;
const cancelShare = Number(values['cancel-share']);
const runId = values['run-id'] ?? '';

const agent = new Agent({ keepAlive: true, maxSockets: users + 4 });
const recorder = new SampleRecorder();
const samples = recorder.samples;

const post: Post = (activity, step) =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(activity);
    const started = process.hrtime.bigint();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          recorder.add(step, Math.round(ms * 100) / 100);
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = text ? (JSON.parse(text) as { activities?: Partial<Activity>[] }) : {};
            resolve({ status: res.statusCode ?? 0, replies: parsed.activities ?? [] });
          } catch {
            resolve({ status: res.statusCode ?? 0, replies: [] });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

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

function cpuMsSoFar(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

async function main(): Promise<void> {
  const deadline = Date.now() + durationMs;
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
              post,
              { language, name: `Bench ${runTag} ${letters(n)}`, dateOfBirth: '1980-02-29', zip: ZIPS[n % ZIPS.length], when, cancels },
              ids,
            )
          : counterConversation(post, cancels ? 15 : 12, ids(0)));
        conversations += 1;
        byLanguage[language] = (byLanguage[language] ?? 0) + 1;
      } catch (err) {
        errors += 1;
        if (firstErrors.length < 3) firstErrors.push(err instanceof Error ? err.message : String(err));
        // The turns that did succeed still count through the latencies; a failed conversation is not retried.
      }
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  const seconds = (Date.now() - started) / 1000;
  const summary = summariseSamples(samples);
  const result: LoadResult = {
    kind,
    users,
    seconds: round(seconds),
    turns: samples.ms.length,
    conversations,
    errors,
    firstErrors,
    latencyMs: summary.all,
    byStep: summary.byStep,
    byLanguage,
    cpuMs: cpuMsSoFar(),
    samples,
  };
  agent.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
