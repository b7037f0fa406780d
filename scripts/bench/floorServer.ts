/**
 * What both floor bots of the benchmark share: restify, CloudAdapter (anonymous) and a
 * ConversationState over the same RedisStorage and Redis as ours. Logs one JSON line with the
 * port once listening; stops on SIGTERM / SIGINT.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, type TurnContext } from 'botbuilder';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisStorage } from '../../src/infra/redis/redisStorage';

export type FloorTurn = (context: TurnContext) => Promise<void>;

export function runFloorBot(name: string, makeTurn: (state: ConversationState) => FloorTurn): void {
  start(name, makeTurn).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

async function start(name: string, makeTurn: (state: ConversationState) => FloorTurn): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is not set');
  const client = await connectRedis(redisUrl);
  const state = new ConversationState(new RedisStorage(client, { keyPrefix: `${name}:state:` }));
  const onTurn = makeTurn(state);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

  const server = restify.createServer({ name, handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, onTurn);
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    process.stdout.write(`${JSON.stringify({ msg: `${name} listening`, port })}\n`);
  });
  const stop = (): void => {
    server.close();
    void client.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
