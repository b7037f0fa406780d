/**
 * The floor of the benchmark: a bare Bot Framework bot with what every bot on this stack pays
 * for — restify, CloudAdapter (anonymous), a ConversationState over the same RedisStorage and
 * Redis as ours — and nothing else: it counts the conversation's messages and replies with the count.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 PORT=3979 node dist/scripts/bench/floorBot.js
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, type TurnContext } from 'botbuilder';
import { connectRedis } from '../../src/domain/redis/connect';
import { RedisStorage } from '../../src/storage/redisStorage';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  const client = await connectRedis(redisUrl);
  const state = new ConversationState(new RedisStorage(client, { keyPrefix: 'floor:state:' }));
  const count = state.createProperty<number>('count');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

  const onTurn = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === ActivityTypes.Message) {
      const n = ((await count.get(context, 0)) ?? 0) + 1;
      await count.set(context, n);
      await context.sendActivity(String(n));
    }
    await state.saveChanges(context);
  };

  const server = restify.createServer({ name: 'floor-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, onTurn);
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    process.stdout.write(`${JSON.stringify({ msg: 'floor bot listening', port })}\n`);
  });
  const stop = (): void => {
    server.close();
    void client.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
