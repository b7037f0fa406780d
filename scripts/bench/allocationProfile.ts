/**
 * Preloaded into our bot by `npm run bench -- --heap-prof DIR` (node --require): V8's sampling
 * heap profiler, keeping the samples of objects the garbage collector has already freed, so the
 * profile shows where the run's allocations came from (what GC time is spent on), not only what
 * is still alive at the end, which is all node's own --heap-prof keeps. Written to
 * DIR/allocations.<pid>.heapprofile when the process exits (open it in Chrome DevTools, Memory).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_HEAP_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // A session on the main thread answers synchronously, so this works inside 'exit'.
  process.once('exit', () => {
    session.post('HeapProfiler.stopSampling', (err, result) => {
      if (err) {
        process.stderr.write(`heap profile not written: ${err.message}\n`);
        return;
      }
      writeFileSync(join(dir, `allocations.${process.pid}.heapprofile`), JSON.stringify(result.profile));
    });
  });
}
