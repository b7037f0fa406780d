import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding package.json: data and locale files are found from here, from source or from dist/. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = up;
  }
  root = dir;
  return root;
}
