/**
 * A flood of unauthenticated `POST /v3/directline/tokens/generate`, for scripts/flood.ts and the
 * flood test: `requests` of them, `concurrency` at a time, each (with `addresses`) carrying
 * `X-Forwarded-For` with one of that many client addresses, as a proxy in front of the bot would.
 */
import { readFileSync } from 'node:fs';
import { createClient } from 'redis';

export interface FloodOptions {
  requests: number;
  concurrency: number;
  /** 0: no X-Forwarded-For, every request from the socket's own address. */
  addresses: number;
}

export interface FloodResult {
  /** Answers by HTTP status, and failed requests by error. */
  statuses: Record<string, number>;
  seconds: number;
  retryAfter: { min: number; max: number } | undefined;
}

/** Client address number n, in the private 10.0.0.0/8. */
export function floodAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export async function floodTokenRequests(baseUrl: string, options: FloodOptions): Promise<FloodResult> {
  const statuses: Record<string, number> = {};
  const retryAfter: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const n = next++;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.addresses > 0) headers['x-forwarded-for'] = floodAddress(n % options.addresses);
      try {
        const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers, body: '{}' });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const retry = response.headers.get('retry-after');
        if (retry !== null) retryAfter.push(Number(retry));
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        const name = `${err instanceof Error ? err.name : 'error'}${cause}`;
        statuses[name] = (statuses[name] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    statuses,
    seconds: (performance.now() - started) / 1000,
    retryAfter: retryAfter.length > 0 ? { min: Math.min(...retryAfter), max: Math.max(...retryAfter) } : undefined,
  };
}

/** Redis's INFO memory used_memory, in bytes. */
export async function redisUsedMemory(url: string): Promise<number> {
  const client = createClient({ url });
  await client.connect();
  try {
    return Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1]);
  } finally {
    await client.close();
  }
}

/** A process's resident memory (Linux), in MB. */
export function residentMegabytes(pid: number): number | undefined {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}
