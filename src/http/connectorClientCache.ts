import {
  AuthenticationConstants,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** Distinct (bot, service URL, audience) clients kept; a channel has a handful of service URLs. */
export const MAX_CACHED_CONNECTOR_CLIENTS = 256;

/**
 * Connector and user-token clients reused across turns. CloudAdapter asks for a new
 * ConnectorClient and a new UserTokenClient on every turn, and building each builds an @azure
 * HTTP pipeline (together about 7% of a turn's CPU in the benchmark) even when, with
 * expectReplies, nothing is sent through them. A client holds its credentials (which cache their
 * own token) and no per-turn state, so one connector client per (bot app id, service URL,
 * audience) and one user-token client per bot app id serve every turn. The cache is bounded: in
 * anonymous development mode the service URL is whatever the request says.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly maxEntries = MAX_CACHED_CONNECTOR_CLIENTS) {}

  /** A factory for one turn's claims that hands out cached clients, creating them with `inner`. */
  factory(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    return new CachingConnectorFactory(this.clients, this.maxEntries, appIdOf(claimsIdentity), inner);
  }

  /** The user-token client of the bot the claims are for, made with `create` the first time. */
  userTokenClient(claimsIdentity: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return cached(this.userTokenClients, this.maxEntries, appIdOf(claimsIdentity), create);
  }

  /** Connector clients kept. */
  get size(): number {
    return this.clients.size;
  }
}

/** One class for every turn's factory: a class expression per call would give V8 a new shape each turn. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly clients: Map<string, Promise<ConnectorClient>>,
    private readonly maxEntries: number,
    private readonly appId: string,
    private readonly inner: ConnectorFactory,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId, serviceUrl, audience ?? null]);
    return cached(this.clients, this.maxEntries, key, () => this.inner.create(serviceUrl, audience));
  }
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** The entry for `key`, created (and the least recently used dropped) when missing; a failed creation is not kept. */
function cached<T>(entries: Map<string, Promise<T>>, maxEntries: number, key: string, create: () => Promise<T>): Promise<T> {
  const found = entries.get(key);
  if (found) {
    // Most recently used last: the oldest entry is the first to go.
    entries.delete(key);
    entries.set(key, found);
    return found;
  }
  const created = create();
  created.catch(() => {
    if (entries.get(key) === created) entries.delete(key);
  });
  entries.set(key, created);
  if (entries.size > maxEntries) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  return created;
}
