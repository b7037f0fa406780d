/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and
 * the files (grouped by package or project directory) with the most self time.
 * Usage: tsx scripts/bench/profileSummary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

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

function summarise(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = place(frame.url);
    const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    byPlace.set(where, (byPlace.get(where) ?? 0) + ms);
  }
  const idle = [...byFunction.entries()].filter(([name]) => name.startsWith('(idle)')).reduce((a, [, ms]) => a + ms, 0);
  console.log(`${path}: ${total.toFixed(0)} ms sampled, ${(total - idle).toFixed(0)} ms busy`);
  const show = (title: string, map: Map<string, number>): void => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / (total - idle || 1)).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  show('self time by place', byPlace);
  show('self time by function', byFunction);
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profileSummary <file.cpuprofile> [top]');
  process.exit(2);
}
summarise(file, Number(topArg ?? 25));
