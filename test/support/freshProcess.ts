import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../../src/domain/projectPaths';

/**
 * Runs `script` (CommonJS; TypeScript files may be required) in a new Node process from the project
 * root, for what this process cannot show: which modules load, and when. Fails on a non-zero exit
 * (with its stderr); returns the JSON the script printed on its last line.
 */
export function runInFreshProcess(script: string): unknown {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot(), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? 'null');
}
