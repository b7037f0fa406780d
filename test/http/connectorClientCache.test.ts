import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  MicrosoftAppCredentials,
} from 'botframework-connector';
import { ConnectorClientCache } from '../../src/http/connectorClientCache';
import { createBotAuthentication } from '../../src/http/strictAuthentication';

/** A factory that makes real connector clients and counts them; fails for URLs containing "fail". */
class CountingFactory extends ConnectorFactory {
  created = 0;
  readonly serviceUrls = new Map<ConnectorClient, string>();
  create(serviceUrl: string): Promise<ConnectorClient> {
    this.created += 1;
    if (serviceUrl.includes('fail')) return Promise.reject(new Error('cannot create'));
    const client = new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: serviceUrl });
    this.serviceUrls.set(client, serviceUrl);
    return Promise.resolve(client);
  }
}

const claimsFor = (appId: string): ClaimsIdentity =>
  new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

describe('connector client cache', () => {
  it('hands the same client to every turn of one bot, service URL and audience', async () => {
    const cache = new ConnectorClientCache();
    const inner = new CountingFactory();
    const first = await cache.factory(claimsFor('bot'), inner).create('https://smba.example/amer/', 'scope');
    const second = await cache.factory(claimsFor('bot'), inner).create('https://smba.example/amer/', 'scope');
    assert.equal(first, second);
    assert.equal(inner.created, 1);
    assert.equal(inner.serviceUrls.get(first), 'https://smba.example/amer/');
  });

  it('keeps clients apart by bot, service URL and audience', async () => {
    const cache = new ConnectorClientCache();
    const inner = new CountingFactory();
    const a = await cache.factory(claimsFor('bot'), inner).create('https://a.example/', 'scope');
    const b = await cache.factory(claimsFor('bot'), inner).create('https://b.example/', 'scope');
    const c = await cache.factory(claimsFor('other-bot'), inner).create('https://a.example/', 'scope');
    const d = await cache.factory(claimsFor('bot'), inner).create('https://a.example/', 'other-scope');
    assert.equal(new Set([a, b, c, d]).size, 4);
    assert.equal(inner.serviceUrls.get(b), 'https://b.example/');
    assert.equal(inner.created, 4);
  });

  it('keeps at most its limit, dropping the least recently used', async () => {
    const cache = new ConnectorClientCache(2);
    const inner = new CountingFactory();
    const factory = cache.factory(claimsFor('bot'), inner);
    const a = await factory.create('https://a.example/');
    await factory.create('https://b.example/');
    assert.equal(await factory.create('https://a.example/'), a);
    await factory.create('https://c.example/');
    assert.equal(cache.size, 2);
    assert.equal(await factory.create('https://a.example/'), a, 'a was used more recently than b');
    assert.equal(inner.created, 3);
    await factory.create('https://b.example/');
    assert.equal(inner.created, 4, 'b was dropped and made again');
  });

  it('does not keep a failed creation: the next turn tries again', async () => {
    const cache = new ConnectorClientCache();
    const inner = new CountingFactory();
    const factory = cache.factory(claimsFor('bot'), inner);
    await assert.rejects(factory.create('https://fail.example/'), /cannot create/);
    await assert.rejects(factory.create('https://fail.example/'), /cannot create/);
    assert.equal(inner.created, 2);
    assert.equal(cache.size, 0);
  });

  it("is what the bot's authentication hands to CloudAdapter for each incoming request", async () => {
    const cache = new ConnectorClientCache();
    const auth = createBotAuthentication({}, { connectorClients: cache });
    const activity = { type: 'message', serviceUrl: 'https://webchat.example/', channelId: 'webchat' } as Activity;
    const clients: ConnectorClient[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const result = await auth.authenticateRequest(activity, '');
      assert.ok(result.connectorFactory);
      clients.push(await result.connectorFactory.create(activity.serviceUrl, result.audience));
    }
    assert.equal(new Set(clients).size, 1);
    assert.equal(cache.size, 1);
    const proactive = await auth
      .createConnectorFactory((await auth.authenticateRequest(activity, '')).claimsIdentity)
      .create(activity.serviceUrl, undefined);
    assert.ok(proactive instanceof ConnectorClient);
  });

  it('hands one user-token client per bot to every turn', async () => {
    const cache = new ConnectorClientCache();
    const auth = createBotAuthentication({}, { connectorClients: cache });
    const activity = { type: 'message', serviceUrl: 'https://webchat.example/', channelId: 'webchat' } as Activity;
    const { claimsIdentity } = await auth.authenticateRequest(activity, '');
    const first = await auth.createUserTokenClient(claimsIdentity);
    const second = await auth.createUserTokenClient((await auth.authenticateRequest(activity, '')).claimsIdentity);
    assert.equal(first, second);
    const uncached = createBotAuthentication({});
    assert.notEqual(await uncached.createUserTokenClient(claimsIdentity), await uncached.createUserTokenClient(claimsIdentity));
  });
});
