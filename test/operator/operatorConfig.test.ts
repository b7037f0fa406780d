import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';

describe('operator API settings', () => {
  it('are off by default, with the role claim and role defaulted', () => {
    const config = loadConfig({});
    assert.equal(config.OPERATOR_OIDC_ISSUER, undefined);
    assert.equal(config.OPERATOR_ROLE_CLAIM, 'roles');
    assert.equal(config.OPERATOR_ROLE, 'infopass.operator');
  });

  it('take an https issuer with its audience, or an http one on a loopback host', () => {
    const https = loadConfig({ OPERATOR_OIDC_ISSUER: 'https://login.example.org/realms/uscis', OPERATOR_AUDIENCE: 'api://infopass' });
    assert.equal(https.OPERATOR_OIDC_ISSUER, 'https://login.example.org/realms/uscis');
    assert.equal(loadConfig({ OPERATOR_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x', OPERATOR_AUDIENCE: 'a' }).OPERATOR_AUDIENCE, 'a');
  });

  it('refuse an issuer without an audience, and a plain-http issuer elsewhere', () => {
    assert.throws(
      () => loadConfig({ OPERATOR_OIDC_ISSUER: 'https://login.example.org' }),
      /OPERATOR_AUDIENCE: must be set when OPERATOR_OIDC_ISSUER is set/,
    );
    assert.throws(
      () => loadConfig({ OPERATOR_OIDC_ISSUER: 'http://login.example.org', OPERATOR_AUDIENCE: 'a' }),
      /OPERATOR_OIDC_ISSUER: must be an https URL/,
    );
    assert.throws(() => loadConfig({ OPERATOR_OIDC_ISSUER: 'not a url', OPERATOR_AUDIENCE: 'a' }), /OPERATOR_OIDC_ISSUER/);
  });
});
