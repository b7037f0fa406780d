import { LuaScript, type ScriptClient } from './luaScript';

/**
 * The same client, whose `eval` runs each script by its SHA-1 (EVALSHA, loading it with EVAL
 * only when the server does not know it): for a library that sends the full script text with
 * every call (rate-limiter-flexible's RateLimiterRedis on node-redis). Everything else is the
 * client's own, called on the client itself (node-redis keeps private fields).
 */
export function withCachedScripts<T extends object & Pick<ScriptClient, 'eval'>>(client: T): T {
  const scripts = new Map<string, LuaScript>();
  const evalBySha: ScriptClient['eval'] = (source, options) => {
    let script = scripts.get(source);
    if (!script) {
      script = new LuaScript(source);
      scripts.set(source, script);
    }
    return script.run(client as unknown as ScriptClient, options.keys, options.arguments);
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'eval') return evalBySha;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
