/**
 * Who may call the operator API: a bearer JWT issued by the organisation's OpenID Connect provider,
 * for this API's audience, carrying the operator role. The keys come from the issuer's discovery
 * document (`jwks_uri`), fetched on first use and cached by jose (re-read when a token names an
 * unknown key, at most every 30 s).
 *
 * Refusals follow RFC 6750: 401 with `WWW-Authenticate: Bearer …` for a missing or bad token, 403
 * (error="insufficient_scope") for a good token without the role, 503 when the issuer cannot be reached.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod/v4';
import type { Clock } from '../domain/clock';
import type { Actor } from '../domain/operations/types';

export interface OperatorAuthSettings {
  /** OPERATOR_OIDC_ISSUER: compared exactly with the token's `iss` and the discovery document's `issuer`. */
  issuer: string;
  audience: string;
  /** A claim name, or a dotted path to a nested claim ("realm_access.roles"). */
  roleClaim: string;
  role: string;
  /** The bot's clock: a token's `exp` and `nbf` are read against it. */
  clock: Clock;
  /** How long to wait for the discovery document and the keys. */
  fetchTimeoutMs?: number;
}

export type OperatorCheck =
  | { ok: true; actor: Actor }
  | {
      ok: false;
      status: 401 | 403 | 503;
      error: 'no_token' | 'invalid_token' | 'insufficient_scope' | 'issuer_unavailable';
      description: string;
    };

/** Clocks of the identity provider and of the bot may differ by this much. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_FETCH_TIMEOUT_MS = 5_000;
const REALM = 'infopass-operator';
/** Signatures with a public key only: an HMAC or "none" token is never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

class IssuerUnavailableError extends Error {}

export class OperatorAuthenticator {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly settings: OperatorAuthSettings) {}

  /** Checks the request's Authorization header. */
  async check(authorization: string | undefined): Promise<OperatorCheck> {
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization ?? '');
    if (!authorization) return { ok: false, status: 401, error: 'no_token', description: 'a bearer token is required' };
    if (!match) return invalid('the Authorization header is not a bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], await this.keySet(), {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: this.settings.clock.now(),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      return refusalOf(err);
    }
    if (!hasRole(payload, this.settings.roleClaim, this.settings.role)) {
      return { ok: false, status: 403, error: 'insufficient_scope', description: `the token lacks the role ${this.settings.role}` };
    }
    return { ok: true, actor: actorOf(payload) };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((err: unknown) => {
      // A failed discovery is tried again by the next request.
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const timeoutDuration = this.settings.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    const url = `${this.settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let document: z.infer<typeof discoverySchema>;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutDuration), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = discoverySchema.parse(await response.json());
    } catch (err) {
      throw new IssuerUnavailableError(`discovery document ${url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (document.issuer !== this.settings.issuer) {
      throw new IssuerUnavailableError(`the discovery document names issuer ${document.issuer}, not ${this.settings.issuer}`);
    }
    return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration });
  }
}

/** The RFC 6750 challenge for a refusal. */
export function wwwAuthenticate(check: Extract<OperatorCheck, { ok: false }>): string {
  if (check.error === 'no_token' || check.error === 'issuer_unavailable') return `Bearer realm="${REALM}"`;
  return `Bearer realm="${REALM}", error="${check.error}", error_description="${check.description.replace(/["\\]/g, '')}"`;
}

function invalid(description: string): OperatorCheck {
  return { ok: false, status: 401, error: 'invalid_token', description };
}

function refusalOf(err: unknown): OperatorCheck {
  if (err instanceof IssuerUnavailableError || err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return { ok: false, status: 503, error: 'issuer_unavailable', description: 'the identity provider cannot be reached' };
  }
  if (err instanceof errors.JWTExpired) return invalid('the token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) return invalid(`the token's "${err.claim}" claim is not accepted`);
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWSSignatureVerificationFailed) {
    return invalid('the token is not signed by the identity provider');
  }
  if (err instanceof errors.JOSEError) return invalid('the token is malformed or uses a refused algorithm');
  // The key set's fetch failed (network, HTTP status): jose passes those errors on as they are.
  return { ok: false, status: 503, error: 'issuer_unavailable', description: 'the identity provider cannot be reached' };
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The role claim may be a list of roles or one string of space-separated roles (as `scope`). */
function hasRole(payload: JWTPayload, path: string, role: string): boolean {
  const value = claimAt(payload, path);
  if (Array.isArray(value)) return value.includes(role);
  return typeof value === 'string' && value.split(' ').includes(role);
}

function actorOf(payload: JWTPayload): Actor {
  const sub = String(payload.sub);
  for (const claim of ['name', 'preferred_username', 'email']) {
    const value = payload[claim];
    if (typeof value === 'string' && value.trim() !== '') return { sub, name: value.trim().slice(0, 200) };
  }
  return { sub };
}
