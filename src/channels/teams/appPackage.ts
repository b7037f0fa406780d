import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod/v4';
import { projectRoot } from '../../domain/projectPaths';
import { zipArchive } from './zipArchive';

/** appPackage/: the manifest template and the two icons. */
export const APP_PACKAGE_DIR = path.join(projectRoot(), 'appPackage');

export interface AppPackageSettings {
  /** The bot's Microsoft App ID (MicrosoftAppId): a GUID. */
  botId: string;
  /** The Teams app's own id; the bot id when not given. */
  teamsAppId?: string;
  /** https address the bot is reached at (the developer's website, valid domain). */
  publicBaseUrl: string;
  /** major.minor.patch */
  version: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const settingsSchema = z.object({
  botId: z.string().regex(GUID, "MicrosoftAppId must be the bot's Microsoft App ID (a GUID)"),
  teamsAppId: z.string().regex(GUID, 'TEAMS_APP_ID must be a GUID').optional(),
  publicBaseUrl: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://'), 'PUBLIC_BASE_URL must be an https address: Teams accepts no other'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'the version must be major.minor.patch'),
});

const httpsUrl = z.string().url().startsWith('https://');

/** The parts of the Teams manifest schema (v1.19) that a mistake here would break. */
const manifestSchema = z.object({
  $schema: z.string().url(),
  manifestVersion: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: z.string().regex(GUID),
  developer: z.object({ name: z.string().min(1).max(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bots: z
    .array(
      z.object({
        botId: z.string().regex(GUID),
        scopes: z.array(z.enum(['personal', 'team', 'groupChat', 'copilot'])).min(1),
        commandLists: z
          .array(
            z.object({
              scopes: z.array(z.string()),
              commands: z.array(z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) })).max(10),
            }),
          )
          .optional(),
      }),
    )
    .length(1),
  validDomains: z.array(z.string().regex(/^[^/:\s]+(:\d+)?$/)).optional(),
});

export type TeamsManifest = z.infer<typeof manifestSchema> & Record<string, unknown>;

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}

/** The manifest template with every ${{NAME}} filled in, checked. */
export function fillManifest(template: string, settings: AppPackageSettings): TeamsManifest {
  const checked = settingsSchema.safeParse(settings);
  if (!checked.success) throw new Error(`Cannot build the Teams app package: ${problems(checked.error)}`);
  const base = settings.publicBaseUrl.replace(/\/+$/, '');
  const values: Record<string, string> = {
    MicrosoftAppId: settings.botId,
    TEAMS_APP_ID: settings.teamsAppId ?? settings.botId,
    PUBLIC_BASE_URL: base,
    PUBLIC_HOST: new URL(base).host,
    APP_VERSION: settings.version,
  };
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest.json: unknown placeholder \${{${name}}}`);
    return JSON.stringify(value).slice(1, -1);
  });
  const parsed = manifestSchema.passthrough().safeParse(JSON.parse(filled) as unknown);
  if (!parsed.success) throw new Error(`manifest.json is not a valid Teams manifest: ${problems(parsed.error)}`);
  return parsed.data as TeamsManifest;
}

/** Width and height from a PNG's header; throws when the data is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('not a PNG file');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** Teams wants a 192×192 colour icon and a 32×32 white-on-transparent outline. */
const ICON_SIZES = { color: 192, outline: 32 } as const;

/** The app package: manifest.json and both icons at the root of a zip. */
export function buildAppPackage(settings: AppPackageSettings, dir: string = APP_PACKAGE_DIR): Buffer {
  const manifest = fillManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), settings);
  const icons = (['color', 'outline'] as const).map((kind) => {
    const name = manifest.icons[kind];
    const data = fs.readFileSync(path.join(dir, name));
    const { width, height } = pngSize(data);
    const size = ICON_SIZES[kind];
    if (width !== size || height !== size) throw new Error(`${name}: the ${kind} icon must be ${size}×${size}, not ${width}×${height}`);
    return { name, data };
  });
  return zipArchive([{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...icons]);
}
