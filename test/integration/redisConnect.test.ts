import assert from 'node:assert/strict';
import { connectRedis, reconnectDelayMs, RECONNECT_MAX_MS } from '../../src/infra/redis/connect';
import { startRedisServer } from '../support/redisServer';

describe('connectRedis', () => {
  it('backs off exponentially, capped, with jitter of at most 20%', () => {
    const noJitter = (retries: number): number => reconnectDelayMs(retries, () => 1);
    assert.deepEqual([0, 1, 2, 3].map(noJitter), [100, 200, 400, 800]);
    assert.equal(noJitter(7), RECONNECT_MAX_MS);
    assert.equal(noJitter(1000), RECONNECT_MAX_MS);
    assert.equal(
      reconnectDelayMs(3, () => 0),
      640,
    );
  });

  it('connects, and reports a lost server through onError instead of crashing', async () => {
    const server = await startRedisServer();
    let reportError: (err: Error) => void = () => undefined;
    const firstError = new Promise<Error>((resolve) => (reportError = resolve));
    const client = await connectRedis(server.url, { onError: (err) => reportError(err) });
    try {
      assert.equal(await client.ping(), 'PONG');
      await server.stop('SIGKILL');
      assert.ok((await firstError) instanceof Error);
      assert.equal(client.isOpen, true); // still trying to reconnect
    } finally {
      client.destroy();
      await server.stop();
    }
  });
});
