/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the busy time by owner (the Bot Framework and
 * its server, our code, the libraries our code calls, Node.js, GC), the files (grouped by
 * package or project directory) and the functions with the most self time; with --callers, the
 * call chains (up to --depth frames) that lead to the functions of that name. Idle time is left out.
 *
 *   tsx scripts/bench/profileSummary.ts <file.cpuprofile> [--top 25] [--skip SECONDS] [--callers NAME] [--depth 8]
 *
 * --skip leaves out the first seconds of the profile (start-up), to look at the load alone.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per node id, leaving out the samples of the first `skipMs`. */
function selfTimes(profile: Profile, skipMs: number): Map<number, number> {
  const selfMs = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsed += delta;
    if (elapsed >= skipMs) selfMs.set(id, (selfMs.get(id) ?? 0) + delta);
  });
  return selfMs;
}

function place(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url === '') return '(native / GC)';
  if (url.startsWith('node:')) return 'node internals';
  const project = url.replace(/^file:\/\//, '').replace(/^.*\/(src|dialogs|dist|scripts|test)\//, '$1/');
  return project;
}

/** The packages both our bot and the bare floor bot run on: what a turn costs before any work of ours. */
const FRAMEWORK =
  /^(botbuilder|botframework-|restify|find-my-way|@redis\/|redis$|cluster-key-slot|dependency-graph|adaptive-expressions|@azure\/|jsonwebtoken|jws|jwa)/;

function owner(frame: ProfileNode['callFrame']): string {
  if (frame.functionName === '(garbage collector)') return 'GC';
  if (frame.functionName === '(program)') return 'V8 (compiling, other)';
  const where = place(frame.url);
  if (where === '(native / GC)') return 'native (built-ins, socket writes, microtask queue)';
  if (where === 'node internals') return 'Node.js (HTTP, streams, timers)';
  if (/^(src|dialogs|dist)\//.test(where)) return 'ours (src/, dialogs/)';
  if (frame.url.includes('node_modules/'))
    return FRAMEWORK.test(where) ? 'framework (botbuilder, restify, Redis client)' : 'libraries our code calls (dates, i18n, validation…)';
  return 'other';
}

function summarise(profile: Profile, path: string, top: number, skipMs: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = selfTimes(profile, skipMs);
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let idle = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const where = place(frame.url);
    const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byPlace.set(where, (byPlace.get(where) ?? 0) + ms);
    byOwner.set(owner(frame), (byOwner.get(owner(frame)) ?? 0) + ms);
  }
  console.log(`${path}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
  const show = (title: string, map: Map<string, number>): void => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / (total - idle || 1)).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  show('busy time by owner (self time)', byOwner);
  show('self time by place', byPlace);
  show('self time by function', byFunction);
}

function callers(profile: Profile, name: string, depth: number, top: number, skipMs: number): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const chains = new Map<string, number>();
  for (const [id, ms] of selfTimes(profile, skipMs)) {
    if (byId.get(id)?.callFrame.functionName !== name) continue;
    const chain: string[] = [];
    for (let up = parent.get(id), d = 0; up !== undefined && d < depth; up = parent.get(up), d++) {
      const frame = byId.get(up)?.callFrame;
      if (frame) chain.push(`${frame.functionName || '(anonymous)'} ${place(frame.url)}:${frame.lineNumber + 1}`);
    }
    const key = chain.join('\n      < ');
    chains.set(key, (chains.get(key) ?? 0) + ms);
  }
  console.log(`\ncallers of ${name}`);
  for (const [chain, ms] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms.toFixed(0).padStart(8)} ms  < ${chain}`);
}

const USAGE = 'usage: profileSummary <file.cpuprofile> [--top N] [--skip SECONDS] [--callers NAME] [--depth N]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '25' },
    skip: { type: 'string', default: '0' },
    callers: { type: 'string' },
    depth: { type: 'string', default: '8' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const file = positionals[0];
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!file) {
  console.error(USAGE);
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const skipMs = Number(values.skip) * 1000;
if (values.callers) callers(profile, values.callers, Number(values.depth), Number(values.top), skipMs);
else summarise(profile, file, Number(values.top), skipMs);
