import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication, StatusCodes } from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { ConnectorClientCache } from './connectorClientCache';

/** Longest a request waits for Microsoft's signing keys before it is refused. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 10_000;

export interface StrictAuthenticationOptions {
  verifyTimeoutMs?: number;
  /** Told why a request was refused: an error name, never the token. */
  onRefused?: (reason: string) => void;
  /** Reuses connector clients across turns; without it, botbuilder builds one per turn. */
  connectorClients?: ConnectorClientCache;
}

/**
 * Bot Framework authentication that refuses (401) every request it cannot verify.
 *
 * botbuilder 4.23 lets some failures through as plain errors, which CloudAdapter answers with
 * 500: a token signed with a key that is not Microsoft's ("invalid signature"), and signing
 * keys that cannot be fetched (no network). Its key fetch also has no time limit. Here each of
 * those is a refusal, within verifyTimeoutMs.
 */
export class StrictAuthentication extends BotFrameworkAuthentication {
  private readonly verifyTimeoutMs: number;
  private readonly onRefused: (reason: string) => void;
  private readonly connectorClients: ConnectorClientCache | undefined;

  constructor(
    private readonly inner: BotFrameworkAuthentication,
    options: StrictAuthenticationOptions = {},
  ) {
    super();
    this.verifyTimeoutMs = options.verifyTimeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
    this.onRefused = options.onRefused ?? (() => undefined);
    this.connectorClients = options.connectorClients;
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachedClients(await this.refuseOnFailure(() => this.inner.authenticateRequest(activity, authHeader)));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withCachedClients(await this.refuseOnFailure(() => this.inner.authenticateStreamingRequest(authHeader, channelIdHeader)));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.refuseOnFailure(() => this.inner.authenticateChannelRequest(authHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const factory = this.inner.createConnectorFactory(claimsIdentity);
    return this.connectorClients ? this.connectorClients.factory(claimsIdentity, factory) : factory;
  }

  /** CloudAdapter takes the connector factory of an incoming request from the authentication result. */
  private withCachedClients(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory } = result;
    if (!this.connectorClients || !connectorFactory) return result;
    return { ...result, connectorFactory: this.connectorClients.factory(result.claimsIdentity, connectorFactory) };
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const create = () => this.inner.createUserTokenClient(claimsIdentity);
    return this.connectorClients ? this.connectorClients.userTokenClient(claimsIdentity, create) : create();
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  private async refuseOnFailure<T>(verify: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('VerifyTimeout')), this.verifyTimeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([verify(), timeout]);
    } catch (err) {
      const reason = err instanceof Error ? (err.message === 'VerifyTimeout' ? 'VerifyTimeout' : err.name) : 'unknown';
      this.onRefused(reason);
      if (err instanceof AuthenticationError && err.statusCode === StatusCodes.UNAUTHORIZED) throw err;
      throw new AuthenticationError('Unauthorized Access. Request is not authorized', StatusCodes.UNAUTHORIZED);
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface BotAuthenticationSettings {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
  /** Where the signing keys of channel tokens are published; Microsoft's public cloud when unset. */
  ToBotFromChannelOpenIdMetadataUrl?: string;
  /** The same for Emulator and skill tokens. */
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
}

/**
 * The bot's authentication: botbuilder's, for Microsoft's public cloud, made strict. botbuilder
 * takes the other public-cloud settings as unset as soon as one metadata URL is given, so
 * they are all spelled out then.
 */
export function createBotAuthentication(
  settings: BotAuthenticationSettings,
  options: StrictAuthenticationOptions = {},
): StrictAuthentication {
  const { ToBotFromChannelOpenIdMetadataUrl: channelKeys, ToBotFromEmulatorOpenIdMetadataUrl: emulatorKeys, ...credentials } = settings;
  const publicCloud =
    channelKeys || emulatorKeys
      ? {
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: channelKeys ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: emulatorKeys ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {};
  return new StrictAuthentication(new ConfigurationBotFrameworkAuthentication({ ...credentials, ...publicCloud }), options);
}
