import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { createClient } from 'redis';
import { sharedTestRedisUrl, startRedisServer } from '../support/redisServer';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

describe('test redis-server harness', () => {
  it('starts a server on a free loopback port (never 6379) and removes its temp dir on stop', async () => {
    const server = await startRedisServer();
    assert.notEqual(server.port, 6379);
    assert.equal(server.url, `redis://127.0.0.1:${server.port}`);
    try {
      const client = createClient({ url: server.url });
      await client.connect();
      try {
        assert.equal(await client.ping(), 'PONG');
        assert.equal((await client.configGet('save')).save, '');
        assert.equal((await client.configGet('appendonly')).appendonly, 'no');
        assert.equal((await client.configGet('dir')).dir, server.dir);
      } finally {
        await client.close();
      }
      assert.equal(await exists(server.dir), true);
    } finally {
      await server.stop();
    }
    assert.equal(await exists(server.dir), false);
    await server.stop(); // a second stop is harmless
  });

  it('turns the append-only file on when asked', async () => {
    const server = await startRedisServer({ appendOnly: true });
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      assert.equal((await client.configGet('appendonly')).appendonly, 'yes');
      assert.equal((await client.configGet('appendfsync')).appendfsync, 'always');
    } finally {
      await client.close();
      await server.stop('SIGKILL');
    }
  });

  it('says how to install redis-server when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(startRedisServer(), {
        message: 'redis-server not found on PATH: install it (apt-get install redis-server)',
      });
    } finally {
      process.env.PATH = path;
    }
  });

  it('shares one server across calls', async () => {
    const url = await sharedTestRedisUrl();
    assert.equal(await sharedTestRedisUrl(), url);
    assert.match(url, /^redis:\/\/127\.0\.0\.1:\d+$/);
  });
});
