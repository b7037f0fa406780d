import { isSupportedLanguage } from '../domain/languages';

/**
 * Label values are kept to small fixed sets: every distinct value is a time series Prometheus
 * keeps, and a value taken from a request (an id, a locale, a typed word) would grow them without
 * bound.
 */

export const CHANNEL_LABELS = ['msteams', 'webchat', 'directline', 'sms', 'emulator', 'other'] as const;
export type ChannelLabel = (typeof CHANNEL_LABELS)[number];

const KNOWN_CHANNELS: ReadonlySet<string> = new Set(CHANNEL_LABELS);

function isChannelLabel(value: string): value is ChannelLabel {
  return KNOWN_CHANNELS.has(value);
}

/** A Bot Framework channel id as a label: the channels the bot serves by name, anything else "other". */
export function channelLabel(channelId: string | undefined): ChannelLabel {
  return channelId !== undefined && isChannelLabel(channelId) ? channelId : 'other';
}

/** One of the bot's 13 language codes, else "other". */
export function languageLabel(code: string | undefined): string {
  return code !== undefined && isSupportedLanguage(code) ? code : 'other';
}

/**
 * Values named in code (routes, dialog ids, step names) are few, but nothing stops a caller from
 * passing one built at run time: past `max` distinct values, the rest are counted as "other".
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
