/**
 * Builds the Teams app package: appPackage/build/infopass.zip, with the bot id and public
 * address taken from the configuration (environment or .env).
 *
 *   MicrosoftAppId=<guid> PUBLIC_BASE_URL=https://infopass.example.org npm run teams:package
 *
 * TEAMS_APP_ID (a GUID) sets the Teams app's own id; by default it is the bot id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { projectRoot } from '../src/domain/projectPaths';
import { APP_PACKAGE_DIR, buildAppPackage } from '../src/channels/teams/appPackage';

function main(): void {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (!config.MicrosoftAppId) throw new Error("MicrosoftAppId is not set: the Teams package needs the bot's Microsoft App ID");
  if (!config.PUBLIC_BASE_URL) throw new Error("PUBLIC_BASE_URL is not set: the Teams package needs the bot's public https address");
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  const teamsAppId = process.env.TEAMS_APP_ID?.trim() || undefined;
  const zip = buildAppPackage({
    botId: config.MicrosoftAppId,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    version,
    ...(teamsAppId ? { teamsAppId } : {}),
  });
  const out = path.join(APP_PACKAGE_DIR, 'build', 'infopass.zip');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip);
  console.log(`${path.relative(process.cwd(), out)} (${zip.length} bytes)`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
