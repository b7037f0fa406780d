import { BlockList, isIP } from 'node:net';

/** Names for common ranges, as `proxy-addr` (Express's "trust proxy") spells them. */
const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * An address as it may appear on a socket or in X-Forwarded-For: with a port (some proxies,
 * Azure Application Gateway among them, write "203.0.113.7:51234" or "[2001:db8::7]:443"), a zone
 * ("fe80::1%eth0"), or IPv4 mapped into IPv6 ("::ffff:203.0.113.7", how a dual-stack socket shows
 * an IPv4 peer). Gives the plain address, IPv4 for a mapped one; undefined for anything else.
 */
export function plainAddress(raw: string): string | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  text = text.replace(/%[\w.-]+$/, '');
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return undefined;
  const groups = ipv6Groups(text);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  return text.toLowerCase();
}

/** The eight 16-bit groups of a valid IPv6 address (one "::" at most; an IPv4 tail counts as two groups). */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a, b, c, d] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head, tail] = address.split('::');
  if (tail === undefined) return toGroups(head);
  const front = toGroups(head);
  const back = toGroups(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * What counts as one client for rate limits: an IPv4 address, or an IPv6 address's /64 — one
 * network's prefix, inside which a host can change its address at will (privacy addresses).
 */
export function clientBlock(address: string): string {
  if (isIP(address) !== 6) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':');
  return `${prefix}::/64`;
}

/**
 * The proxies whose X-Forwarded-For the bot believes (TRUSTED_PROXIES): addresses, CIDR ranges,
 * and the names loopback, linklocal and uniquelocal. Empty: no proxy is trusted, and the client is
 * always the socket's peer.
 */
export class TrustedProxies {
  private constructor(
    private readonly list: BlockList,
    readonly isEmpty: boolean,
  ) {}

  static readonly none = new TrustedProxies(new BlockList(), true);

  /** Parses a comma list; throws naming the first entry that is not an address, a range or a name. */
  static parse(list: string | undefined): TrustedProxies {
    const entries = (list ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    if (entries.length === 0) return TrustedProxies.none;
    const blocks = new BlockList();
    for (const entry of entries.flatMap((e) => NAMED_RANGES[e.toLowerCase()] ?? [e])) {
      const [address, bits, extra] = entry.split('/');
      const plain = plainAddress(address);
      const family = plain && isIP(plain) === 6 ? 'ipv6' : 'ipv4';
      const maxBits = family === 'ipv6' ? 128 : 32;
      const prefix = bits === undefined ? maxBits : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!plain || plain !== address.toLowerCase() || extra !== undefined || !(prefix >= 0 && prefix <= maxBits)) {
        throw new Error(`"${entry}" is not an IP address, a CIDR range, or one of ${Object.keys(NAMED_RANGES).join(', ')}`);
      }
      blocks.addSubnet(plain, prefix, family);
    }
    return new TrustedProxies(blocks, false);
  }

  trusts(address: string): boolean {
    return !this.isEmpty && this.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

/**
 * The address of the client that sent a request, as `proxy-addr` computes it: the socket's peer,
 * unless it is a trusted proxy; then X-Forwarded-For is read from the right (the entry that proxy
 * added) leftwards, past every trusted proxy, to the first address that is not one. Entries left
 * of that are whatever the client wrote, and never read. A malformed entry stops the walk at the
 * proxy that forwarded it. Several X-Forwarded-For headers count as one list, in order.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  let address = (peer && plainAddress(peer)) ?? 'unknown';
  if (!trusted.trusts(address)) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (hops[i].trim() === '') continue;
    const hop = plainAddress(hops[i]);
    if (!hop) return address;
    address = hop;
    if (!trusted.trusts(hop)) return hop;
  }
  return address;
}
