import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { fixedClock } from '../../src/domain/clock';
import { CLOCK_TOLERANCE_SECONDS, OperatorAuthenticator, wwwAuthenticate, type OperatorCheck } from '../../src/http/operatorAuth';
import { freePort } from '../support/redisServer';
import { startTestIssuer, TEST_AUDIENCE, type TestIssuer } from './support/oidcIssuer';

const NOW = new Date('2026-12-01T14:00:00.000Z');
const clock = fixedClock(NOW.toISOString());

function refusal(check: OperatorCheck): { status: number; error: string } {
  assert.equal(check.ok, false, 'expected a refusal');
  return check.ok ? { status: 200, error: '' } : { status: check.status, error: check.error };
}

describe('OperatorAuthenticator: operators’ bearer tokens, against a loopback OIDC issuer', () => {
  let issuer: TestIssuer;
  let auth: OperatorAuthenticator;

  before(async () => {
    issuer = await startTestIssuer(() => NOW);
  });

  after(async () => {
    await issuer.close();
  });

  beforeEach(() => {
    auth = new OperatorAuthenticator({ issuer: issuer.url, audience: TEST_AUDIENCE, roleClaim: 'roles', role: 'infopass.operator', clock });
  });

  it('accepts a token of the issuer, for the audience, with the role; the actor is its subject and name', async () => {
    const check = await auth.check(`Bearer ${await issuer.token()}`);
    assert.deepEqual(check, { ok: true, actor: { sub: 'operator-dana', name: 'Dana Operator' } });
  });

  it('reads the discovery document once and the keys from its jwks_uri', async () => {
    const fresh = new OperatorAuthenticator({
      issuer: issuer.url,
      audience: TEST_AUDIENCE,
      roleClaim: 'roles',
      role: 'infopass.operator',
      clock,
    });
    const before = issuer.requests.get(new URL(issuer.url).pathname + '/.well-known/openid-configuration') ?? 0;
    for (let i = 0; i < 3; i++) assert.ok((await fresh.check(`Bearer ${await issuer.token()}`)).ok);
    assert.equal(issuer.requests.get(new URL(issuer.url).pathname + '/.well-known/openid-configuration'), before + 1);
    assert.ok((issuer.requests.get(new URL(issuer.url).pathname + '/protocol/openid-connect/certs') ?? 0) >= 1);
  });

  it('names the operator by preferred_username or e-mail when the token has no name', async () => {
    const check = await auth.check(`Bearer ${await issuer.token({ claims: { name: undefined, email: 'lee@uscis.example' } })}`);
    assert.deepEqual(check, { ok: true, actor: { sub: 'operator-dana', name: 'lee@uscis.example' } });
  });

  it('refuses a request with no token, or with another kind of Authorization, with 401', async () => {
    assert.deepEqual(refusal(await auth.check(undefined)), { status: 401, error: 'no_token' });
    assert.deepEqual(refusal(await auth.check('Basic dXNlcjpwYXNz')), { status: 401, error: 'invalid_token' });
    assert.deepEqual(refusal(await auth.check('Bearer not-a-jwt')), { status: 401, error: 'invalid_token' });
  });

  it('refuses an expired token, allowing a small clock difference', async () => {
    const expiredJustNow = await issuer.token({ issuedAt: new Date(NOW.getTime() - 310_000) });
    assert.ok((await auth.check(`Bearer ${expiredJustNow}`)).ok, 'expired 10 s ago: within the tolerance');
    const expired = await issuer.token({ issuedAt: new Date(NOW.getTime() - (300 + CLOCK_TOLERANCE_SECONDS + 5) * 1000) });
    assert.deepEqual(refusal(await auth.check(`Bearer ${expired}`)), { status: 401, error: 'invalid_token' });
  });

  it('refuses a token for another audience, or from another issuer', async () => {
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.token({ audience: 'api://someone-else' })}`)), {
      status: 401,
      error: 'invalid_token',
    });
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.token({ issuer: 'https://login.example.org/other' })}`)), {
      status: 401,
      error: 'invalid_token',
    });
  });

  it('refuses a token signed by a key the issuer never published', async () => {
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.strangerToken()}`)), { status: 401, error: 'invalid_token' });
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.strangerToken({ kid: 'unknown-key' })}`)), {
      status: 401,
      error: 'invalid_token',
    });
  });

  it('refuses a token signed with a shared secret (HS256), whatever its claims', async () => {
    const hmac = await new SignJWT({ roles: ['infopass.operator'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
      .setSubject('forger')
      .setIssuer(issuer.url)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt(Math.floor(NOW.getTime() / 1000))
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 300)
      .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123456789'));
    assert.deepEqual(refusal(await auth.check(`Bearer ${hmac}`)), { status: 401, error: 'invalid_token' });
  });

  it('refuses a token with no expiry, or no subject', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const base = { iss: issuer.url, aud: TEST_AUDIENCE, roles: ['infopass.operator'], iat };
    assert.ok((await auth.check(`Bearer ${await issuer.signClaims({ ...base, sub: 'dana', exp: iat + 60 })}`)).ok);
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.signClaims({ ...base, sub: 'dana' })}`)), {
      status: 401,
      error: 'invalid_token',
    });
    assert.deepEqual(refusal(await auth.check(`Bearer ${await issuer.signClaims({ ...base, exp: iat + 60 })}`)), {
      status: 401,
      error: 'invalid_token',
    });
  });

  it('answers 403 for a good token without the role', async () => {
    const check = await auth.check(`Bearer ${await issuer.token({ roles: ['infopass.viewer'] })}`);
    assert.deepEqual(refusal(check), { status: 403, error: 'insufficient_scope' });
    assert.ok(!check.ok && wwwAuthenticate(check).includes('error="insufficient_scope"'));
  });

  it('reads the role from a nested claim, or from a space-separated string', async () => {
    const nested = new OperatorAuthenticator({
      issuer: issuer.url,
      audience: TEST_AUDIENCE,
      roleClaim: 'realm_access.roles',
      role: 'desk',
      clock,
    });
    const token = await issuer.token({ claims: { realm_access: { roles: ['desk', 'other'] } } });
    assert.ok((await nested.check(`Bearer ${token}`)).ok);
    const scoped = new OperatorAuthenticator({
      issuer: issuer.url,
      audience: TEST_AUDIENCE,
      roleClaim: 'scp',
      role: 'operator.write',
      clock,
    });
    assert.ok((await scoped.check(`Bearer ${await issuer.token({ claims: { scp: 'operator.read operator.write' } })}`)).ok);
    assert.equal(refusal(await scoped.check(`Bearer ${await issuer.token({ claims: { scp: 'operator.read' } })}`)).status, 403);
  });

  it('answers 503 while the issuer cannot be reached, and works once it can', async () => {
    const port = await freePort();
    const later = `http://127.0.0.1:${port}/realms/later`;
    const waiting = new OperatorAuthenticator({
      issuer: later,
      audience: TEST_AUDIENCE,
      roleClaim: 'roles',
      role: 'infopass.operator',
      clock,
    });
    assert.deepEqual(refusal(await waiting.check(`Bearer ${await issuer.token({ issuer: later })}`)), {
      status: 503,
      error: 'issuer_unavailable',
    });
    const started = await startTestIssuer(() => NOW, '/realms/later', port);
    try {
      assert.ok((await waiting.check(`Bearer ${await started.token()}`)).ok);
    } finally {
      await started.close();
    }
  });

  it('refuses to trust a discovery document that names another issuer', async () => {
    const separate = await startTestIssuer(() => NOW, '/realms/mismatch');
    try {
      separate.claimIssuer('https://attacker.example.org');
      const strict = new OperatorAuthenticator({
        issuer: separate.url,
        audience: TEST_AUDIENCE,
        roleClaim: 'roles',
        role: 'infopass.operator',
        clock,
      });
      assert.deepEqual(refusal(await strict.check(`Bearer ${await separate.token()}`)), { status: 503, error: 'issuer_unavailable' });
    } finally {
      await separate.close();
    }
  });

  it('writes RFC 6750 challenges', () => {
    assert.equal(wwwAuthenticate({ ok: false, status: 401, error: 'no_token', description: 'x' }), 'Bearer realm="infopass-operator"');
    assert.equal(
      wwwAuthenticate({ ok: false, status: 401, error: 'invalid_token', description: 'the token has "expired"' }),
      'Bearer realm="infopass-operator", error="invalid_token", error_description="the token has expired"',
    );
  });
});
