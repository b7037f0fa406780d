import { stopSharedTestRedis } from './redisServer';

/** Mocha root hooks (loaded through .mocharc.json "require"): stop the shared test redis-server after the run. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopSharedTestRedis();
  },
};
