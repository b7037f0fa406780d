import { AuthenticationConstants, type ClaimsIdentity, type ConnectorClient, ConnectorFactory } from 'botframework-connector';

/** Distinct (bot, service URL, audience) clients kept; a channel has a handful of service URLs. */
export const MAX_CACHED_CONNECTOR_CLIENTS = 256;

/**
 * Connector clients reused across turns. CloudAdapter asks for a new ConnectorClient on every
 * turn, and building one builds an @azure HTTP pipeline (about 5% of a turn's CPU in the
 * benchmark) even when, with expectReplies, nothing is sent through it. A client holds its
 * credentials (which cache their own token) and no per-turn state, so one per (bot app id,
 * service URL, audience) serves every turn. The cache is bounded: in anonymous development mode
 * the service URL is whatever the request says.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly maxEntries = MAX_CACHED_CONNECTOR_CLIENTS) {}

  /** A factory for one turn's claims that hands out cached clients, creating them with `inner`. */
  factory(claimsIdentity: ClaimsIdentity, inner: ConnectorFactory): ConnectorFactory {
    const appId =
      claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    const cache = this;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return cache.get(JSON.stringify([appId, serviceUrl, audience ?? null]), () => inner.create(serviceUrl, audience));
      }
    })();
  }

  get size(): number {
    return this.clients.size;
  }

  private get(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const cached = this.clients.get(key);
    if (cached) {
      // Most recently used last: the oldest entry is the first to go.
      this.clients.delete(key);
      this.clients.set(key, cached);
      return cached;
    }
    const created = create();
    created.catch(() => {
      if (this.clients.get(key) === created) this.clients.delete(key);
    });
    this.clients.set(key, created);
    if (this.clients.size > this.maxEntries) {
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    return created;
  }
}
