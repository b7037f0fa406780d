import { twilioLibrary } from './twilioLibrary';

/** A webhook's form fields; a field sent twice keeps every value, as Twilio signs them. */
export type FormParams = Record<string, string | string[]>;

export function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const previous = params[key];
    if (previous === undefined) params[key] = value;
    else params[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return params;
}

export function firstValue(params: FormParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export interface RequestAddress {
  /** Path and query as received ("/api/sms?x=1"). */
  path: string;
  host?: string;
  /** The request arrived over TLS (or a proxy says it did). */
  secure: boolean;
}

/**
 * The URL Twilio signed: the public base URL (when the bot is behind a proxy or a path prefix)
 * followed by the request's path, else the address the request itself was made to.
 */
export function signedUrl(request: RequestAddress, publicBaseUrl?: string): string {
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}${request.path}`;
  return `${request.secure ? 'https' : 'http'}://${request.host ?? 'localhost'}${request.path}`;
}

/** True when `signature` is Twilio's X-Twilio-Signature for this URL and these fields. */
export function isSignedByTwilio(authToken: string, signature: string | undefined, url: string, params: FormParams): boolean {
  if (!signature) return false;
  return twilioLibrary().validateRequest(authToken, signature, url, params);
}
