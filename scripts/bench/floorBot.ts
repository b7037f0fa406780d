/**
 * The floor of the benchmark: a bare Bot Framework bot with what every bot on this stack pays
 * for — restify, CloudAdapter (anonymous), a ConversationState over the same RedisStorage and
 * Redis as ours — and nothing else: it counts the conversation's messages and replies with the count.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 PORT=3979 node dist/scripts/bench/floorBot.js
 */
import { ActivityTypes } from 'botbuilder';
import { runFloorBot } from './floorServer';

runFloorBot('floor', (state) => {
  const count = state.createProperty<number>('count');
  return async (context) => {
    if (context.activity.type === ActivityTypes.Message) {
      const n = ((await count.get(context, 0)) ?? 0) + 1;
      await count.set(context, n);
      await context.sendActivity(String(n));
    }
    await state.saveChanges(context);
  };
});
