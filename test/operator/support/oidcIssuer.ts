/**
 * A loopback stand-in for the organisation's OpenID Connect provider: it serves its discovery
 * document (/.well-known/openid-configuration) and its key set (JWKS) over real HTTP, and signs
 * tokens with its private key (jose), as the provider would. `strangerToken` signs with a key the
 * provider never published.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

export interface TokenOptions {
  /** The instant the token is issued (iat), default the issuer's `now`. */
  issuedAt?: Date;
  /** Seconds from iat to exp; default 300. */
  lifetimeSeconds?: number;
  audience?: string;
  issuer?: string;
  /** Roles in the `roles` claim; default ['infopass.operator']. */
  roles?: string[];
  /** More claims, or claims replacing the defaults (sub, name, roles). */
  claims?: JWTPayload;
  kid?: string;
}

export interface TestIssuer {
  /** The issuer URL (OPERATOR_OIDC_ISSUER). */
  url: string;
  /** Requests served, by path. */
  requests: Map<string, number>;
  token(options?: TokenOptions): Promise<string>;
  /** A well-formed token signed by a key this issuer never published (same kid as its own). */
  strangerToken(options?: TokenOptions): Promise<string>;
  /** Exactly these claims, signed with the issuer's key (no defaults: a token missing exp or sub). */
  signClaims(claims: JWTPayload): Promise<string>;
  /** The discovery document answers with another issuer name from now on. */
  claimIssuer(name: string): void;
  close(): Promise<void>;
}

export const TEST_AUDIENCE = 'api://infopass-operator';
const KID = 'test-key-1';
const ALG = 'RS256';

export async function startTestIssuer(now: () => Date, path = '/realms/infopass', port = 0): Promise<TestIssuer> {
  const own = await generateKeyPair(ALG);
  const stranger = await generateKeyPair(ALG);
  const jwk = { ...(await exportJWK(own.publicKey)), kid: KID, alg: ALG, use: 'sig' };
  const requests = new Map<string, number>();
  let claimedIssuer: string | undefined;
  let url = '';

  const server: Server = createServer((req, res) => {
    const requestPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.set(requestPath, (requests.get(requestPath) ?? 0) + 1);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (requestPath === `${path}/.well-known/openid-configuration`) {
      json(200, {
        issuer: claimedIssuer ?? url,
        jwks_uri: `${url}/protocol/openid-connect/certs`,
        authorization_endpoint: `${url}/protocol/openid-connect/auth`,
        token_endpoint: `${url}/protocol/openid-connect/token`,
        id_token_signing_alg_values_supported: [ALG],
      });
    } else if (requestPath === `${path}/protocol/openid-connect/certs`) {
      json(200, { keys: [jwk] });
    } else {
      json(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  const sign = async (key: CryptoKey, options: TokenOptions = {}): Promise<string> => {
    const issuedAt = Math.floor((options.issuedAt ?? now()).getTime() / 1000);
    return new SignJWT({ name: 'Dana Operator', roles: options.roles ?? ['infopass.operator'], ...options.claims })
      .setProtectedHeader({ alg: ALG, kid: options.kid ?? KID, typ: 'JWT' })
      .setSubject(typeof options.claims?.sub === 'string' ? options.claims.sub : 'operator-dana')
      .setIssuer(options.issuer ?? url)
      .setAudience(options.audience ?? TEST_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (options.lifetimeSeconds ?? 300))
      .sign(key);
  };

  return {
    url,
    requests,
    token: (options) => sign(own.privateKey, options),
    strangerToken: (options) => sign(stranger.privateKey, options),
    signClaims: (claims) => new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: KID, typ: 'JWT' }).sign(own.privateKey),
    claimIssuer: (name) => {
      claimedIssuer = name;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
