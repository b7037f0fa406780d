import { createHash } from 'node:crypto';

/** The two commands a Lua script needs; a node-redis v5 client (or cluster client) has both. */
export interface ScriptClient {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which also loads it) when the server
 * does not know it yet: after a restart, a failover, or a SCRIPT FLUSH.
 */
export class LuaScript {
  readonly sha1: string;

  constructor(readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(client: ScriptClient, keys: string[], args: string[]): Promise<unknown> {
    const options = { keys, arguments: args };
    try {
      return await client.evalSha(this.sha1, options);
    } catch (err) {
      if (!isNoScriptError(err)) throw err;
      return client.eval(this.source, options);
    }
  }
}

function isNoScriptError(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('NOSCRIPT');
}
