/**
 * A local Redis Cluster for tests: three masters (no replicas) from redis-server binaries on
 * free loopback ports, each in its own temporary directory, joined by
 * `redis-cli --cluster create`, ready once every node reports cluster_state:ok.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectRedis } from '../../src/infra/redis/connect';
import { freePort, realTimeEnvironment, startRedisServer, type RunningRedisServer } from './redisServer';

const run = promisify(execFile);

const HOST = '127.0.0.1';
/** Redis listens for its cluster bus on port + 10000. */
const BUS_PORT_OFFSET = 10_000;
const MASTERS = 3;
const READY_TIMEOUT_MS = 15_000;

export interface RunningRedisCluster {
  /** "host:port,host:port,host:port": the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  stop(): Promise<void>;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is a valid port and free too. */
async function freeClusterPort(taken: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = await freePort();
    if (port + BUS_PORT_OFFSET > 65_535 || taken.includes(port) || taken.includes(port + BUS_PORT_OFFSET)) continue;
    if (await canListen(port + BUS_PORT_OFFSET)) return port;
  }
  throw new Error('no free port pair for a Redis Cluster node');
}

async function startNode(port: number): Promise<RunningRedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'infopass-cluster-'));
  const configFile = join(dir, 'redis.conf');
  await writeFile(
    configFile,
    ['cluster-enabled yes', 'cluster-config-file nodes.conf', 'cluster-node-timeout 5000', 'save ""', 'appendonly no', ''].join('\n'),
  );
  try {
    const server = await startRedisServer({ port, dir, configFile });
    return {
      ...server,
      async stop(signal) {
        await server.stop(signal);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function waitForClusterOk(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const port of ports) {
    const client = await connectRedis(`redis://${HOST}:${port}`);
    try {
      for (;;) {
        const info = String(await client.sendCommand(['CLUSTER', 'INFO']));
        if (/cluster_state:ok/.test(info)) break;
        if (Date.now() > deadline) throw new Error(`Redis Cluster node ${port} not ok within ${READY_TIMEOUT_MS} ms:\n${info}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await client.close();
    }
  }
}

export async function startRedisCluster(): Promise<RunningRedisCluster> {
  const ports: number[] = [];
  for (let i = 0; i < MASTERS; i++) ports.push(await freeClusterPort(ports));
  const started = await Promise.allSettled(ports.map((port) => startNode(port)));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const addresses = ports.map((port) => `${HOST}:${port}`);
  try {
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: READY_TIMEOUT_MS,
      env: realTimeEnvironment(),
    });
    await waitForClusterOk(ports);
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes: addresses.join(','), ports, stop };
}
