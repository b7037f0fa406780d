import { spawn } from 'node:child_process';
import { bookingConversation, PEOPLE, ZIPS, type Post } from './conversation';
async function main() {
  const port = 39877; const prefix = 'heap' + Date.now();
  const child = spawn('node', ['--heap-prof', '--heap-prof-dir=/tmp/heap', '--heap-prof-interval=4096', 'dist/src/index.js'], { cwd: '/work/main', env: { ...process.env, PORT: String(port), REDIS_URL: 'redis://127.0.0.1:6379/7', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' }, stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 3000));
  let turns = 0;
  const post: Post = async (activity) => { turns++;
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = (await res.json().catch(() => ({}))) as { activities?: [] };
    return { status: res.status, replies: body.activities ?? [] };
  };
  const langs = Object.keys(PEOPLE);
  const letters = (n: number) => { let s = ''; do { s += String.fromCharCode(97 + (n % 26)); n = Math.floor(n / 26); } while (n > 0); return s; };
  const work: Promise<void>[] = [];
  for (let w = 0; w < 8; w++) work.push((async () => { for (let i = w; i < 400; i += 8) { const l = langs[i % langs.length]; await bookingConversation(post, { language: l, name: `Bench Heap ${letters(i)}`, dateOfBirth: '1980-02-29', zip: ZIPS[i % ZIPS.length], when: PEOPLE[l].when[i % 3], cancels: i % 4 === 0 }, (n) => ({ conversationId: `c${n}-${i}-${prefix}`, userId: 'u' + i })); } })());
  await Promise.all(work);
  console.log('turns', turns);
  child.kill('SIGINT'); await new Promise((r) => setTimeout(r, 3000));
}
main().catch((e) => { console.error(e); process.exit(1); });
