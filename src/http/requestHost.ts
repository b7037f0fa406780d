import type { IncomingMessage } from 'node:http';

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The host as the client sees it: a proxy that rewrites Host says the original in X-Forwarded-Host. */
export function hostOf(req: IncomingMessage): string {
  const forwarded = headerOf(req, 'x-forwarded-host')?.split(',')[0]?.trim();
  return forwarded && /^[A-Za-z0-9.:[\]-]+$/.test(forwarded) ? forwarded : (headerOf(req, 'host') ?? 'localhost');
}
