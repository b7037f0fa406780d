import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../domain/projectPaths';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../domain/languages';

const gzipAsync = promisify(gzip);

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** The version of the installed Web Chat: part of the bundle's address, so it can be cached for good. */
export function webChatVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'node_modules/botframework-webchat/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export function webChatScriptPath(): string {
  return `/webchat/${webChatVersion()}/webchat.js`;
}

/**
 * What the page may load: only this server, and no inline script or eval (Web Chat needs
 * neither; the end-to-end test fails on any CSP violation). Styles need 'unsafe-inline':
 * Web Chat injects its styles as <style> elements, and 4.18 creates one of them (the
 * transcript's scroll container, from react-scroll-to-bottom) without the `nonce` it is
 * given, so a nonce-only style-src breaks the transcript. Adaptive Cards may use data:/blob: images.
 * Who may show the page in a frame: nobody, or the origins of WEBCHAT_ALLOWED_ORIGINS.
 */
export function contentSecurityPolicy(frameAncestors: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

export interface WebChatPageOptions {
  /** Origins allowed to frame the page (WEBCHAT_ALLOWED_ORIGINS); none by default. */
  frameAncestors?: readonly string[];
  /** How the page receives the bot's messages by default (`?transport=` on the page's address overrides it); a WebSocket stream by default. */
  transport?: 'websocket' | 'polling';
}

/** JSON that can sit inside a <script> element: no "<" can close it. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** What the page script needs to know: our languages (to follow the browser, then the bot), and how to listen. */
function pageConfig(options: WebChatPageOptions): object {
  return {
    languages: LANGUAGES.map((l) => ({ code: l.code, locale: l.intlLocale, direction: l.direction })),
    defaultLanguage: DEFAULT_LANGUAGE,
    transport: options.transport ?? 'websocket',
  };
}

function sendFile(res: Response, file: StaticFile, cacheControl: string, extraHeaders: Record<string, string> = {}): void {
  res.sendRaw(200, file.body, {
    'content-type': file.contentType,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  });
}

function acceptsGzip(req: Request): boolean {
  return /\bgzip\b/.test(req.header('accept-encoding') ?? '');
}

/**
 * GET / (the Web Chat page), its script and style, and Web Chat's bundle from node_modules
 * (no CDN). The bundle (~4 MB) is read and gzipped on its first request, and kept in memory from
 * then on: a bot that serves only Teams and SMS never holds it.
 */
export function registerWebChatRoutes(server: Server, options: WebChatPageOptions = {}): void {
  const root = projectRoot();
  const framed = (options.frameAncestors ?? []).length > 0;
  // X-Frame-Options cannot name several origins; where framing is allowed, frame-ancestors alone decides.
  const pageHeaders: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options.frameAncestors),
    'referrer-policy': 'no-referrer',
    ...(framed ? {} : { 'x-frame-options': 'DENY' }),
  };
  const read = (relative: string, contentType: string): StaticFile => ({ body: readFileSync(path.join(root, relative)), contentType });
  const html = readFileSync(path.join(root, 'public/index.html'), 'utf8')
    .replace('__WEBCHAT_SCRIPT__', webChatScriptPath())
    .replace('__INFOPASS_CONFIG__', jsonForHtml(pageConfig(options)));
  const page: StaticFile = { body: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8' };
  const pageScript = read('public/page.js', 'application/javascript; charset=utf-8');
  const pageStyle = read('public/page.css', 'text/css; charset=utf-8');
  const bundleType = 'application/javascript; charset=utf-8';
  let bundle: Promise<Buffer> | undefined;
  let gzippedBundle: Promise<Buffer> | undefined;
  /** A failed read or gzip is not kept: the next request tries again. */
  const once = (make: () => Promise<Buffer>, forget: () => void): Promise<Buffer> =>
    make().catch((err: unknown) => {
      forget();
      throw err;
    });
  const bundleBody = (): Promise<Buffer> =>
    (bundle ??= once(
      () => readFile(path.join(root, 'node_modules/botframework-webchat/dist/webchat.js')),
      () => (bundle = undefined),
    ));

  server.get('/', async (_req, res) => {
    sendFile(res, page, 'no-cache', pageHeaders);
  });

  server.get('/webchat/page.js', async (_req, res) => sendFile(res, pageScript, 'no-cache'));
  server.get('/webchat/page.css', async (_req, res) => sendFile(res, pageStyle, 'no-cache'));

  server.get(webChatScriptPath(), async (req, res) => {
    const cache = `public, max-age=${ONE_YEAR_SECONDS}, immutable`;
    if (!acceptsGzip(req)) {
      sendFile(res, { body: await bundleBody(), contentType: bundleType }, cache, { vary: 'Accept-Encoding' });
      return;
    }
    gzippedBundle ??= once(
      async () => gzipAsync(await bundleBody()),
      () => (gzippedBundle = undefined),
    );
    sendFile(res, { body: await gzippedBundle, contentType: bundleType }, cache, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
  });
}
