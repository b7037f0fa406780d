import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { APP_PACKAGE_DIR, buildAppPackage, fillManifest, pngSize, type AppPackageSettings } from '../../../src/channels/teams/appPackage';
import { projectRoot } from '../../../src/domain/projectPaths';

const SETTINGS: AppPackageSettings = {
  botId: '11111111-2222-3333-4444-555555555555',
  publicBaseUrl: 'https://infopass.example.org',
  version: '1.2.3',
};

/** Reads a zip through its central directory, checking each file's CRC. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    assert.equal(zip.readUInt32LE(localOffset), 0x04034b50, `local header of ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    assert.equal(data.length, size, `size of ${name}`);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

interface Manifest {
  manifestVersion: string;
  version: string;
  id: string;
  developer: { websiteUrl: string };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[] }[];
  validDomains: string[];
}

describe('Teams app package', () => {
  it('holds the manifest with the configured bot id and both icons at the right sizes', () => {
    const files = unzip(buildAppPackage(SETTINGS));
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    assert.equal(manifest.bots[0].botId, SETTINGS.botId);
    assert.equal(manifest.id, SETTINGS.botId, 'the app id defaults to the bot id');
    assert.equal(manifest.version, '1.2.3');
    assert.ok(Number(manifest.manifestVersion.split('.')[1]) >= 17, `manifest schema ${manifest.manifestVersion} is current`);
    assert.deepEqual(manifest.bots[0].scopes, ['personal']);
    assert.equal(manifest.developer.websiteUrl, 'https://infopass.example.org/');
    assert.deepEqual(manifest.validDomains, ['infopass.example.org']);
    assert.deepEqual(pngSize(files.get(manifest.icons.color)!), { width: 192, height: 192 });
    assert.deepEqual(pngSize(files.get(manifest.icons.outline)!), { width: 32, height: 32 });
    assert.ok(!files.get('manifest.json')!.toString('utf8').includes('${{'), 'no placeholder left');
  });

  it('uses a separate Teams app id when given one', () => {
    const template = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
    const manifest = fillManifest(template, { ...SETTINGS, teamsAppId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' });
    assert.equal(manifest.id, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    assert.equal(manifest.bots[0].botId, SETTINGS.botId);
  });

  it('refuses settings Teams would reject, saying which', () => {
    const template = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
    assert.throws(() => fillManifest(template, { ...SETTINGS, botId: 'infopass-bot' }), /MicrosoftAppId must be/);
    assert.throws(() => fillManifest(template, { ...SETTINGS, publicBaseUrl: 'http://infopass.example.org' }), /https/);
    assert.throws(() => fillManifest('{"id": "${{NOPE}}"}', SETTINGS), /unknown placeholder/);
    assert.throws(() => pngSize(Buffer.from('not a png')), /not a PNG/);
  });

  it('npm run teams:package writes appPackage/build/infopass.zip from the configuration', function () {
    this.timeout(60_000);
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'infopass-teams-'));
    const tsx = path.join(projectRoot(), 'node_modules', '.bin', 'tsx');
    const script = path.join(projectRoot(), 'scripts', 'teams-package.ts');
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
      const missing = spawnSync(tsx, [script], { cwd, env, encoding: 'utf8' });
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /MicrosoftAppId is not set/);

      const run = spawnSync(tsx, [script], {
        cwd,
        env: { ...env, MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: SETTINGS.publicBaseUrl },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const out = path.join(APP_PACKAGE_DIR, 'build', 'infopass.zip');
      const manifest = JSON.parse(unzip(fs.readFileSync(out)).get('manifest.json')!.toString('utf8')) as Manifest;
      assert.equal(manifest.bots[0].botId, SETTINGS.botId);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
