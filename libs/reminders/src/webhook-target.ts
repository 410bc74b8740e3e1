import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must not reach (SSRF): this host, the cloud metadata service, private networks, and every
 * other range that is not the public Internet (RFC 6890 special-purpose registries).
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/** Hosts and ranges a deployment lets webhooks reach although internal (WEBHOOK_ALLOWED_TARGETS). */
export class WebhookTargetPolicy {
  private readonly hosts = new Set<string>();
  private readonly addresses = new BlockList();

  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (family === 0) this.hosts.add(entry.toLowerCase());
      else if (prefix === undefined) this.addresses.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      else this.addresses.addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  /** Why an address may not be reached, or null. IPv4-mapped IPv6 addresses are judged as the IPv4 they carry. */
  addressRefusal(address: string): string | null {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const ip = mapped ?? address;
    const family = isIP(ip) === 4 ? 'ipv4' : 'ipv6';
    if (!INTERNAL.check(ip, family) || this.addresses.check(ip, family)) return null;
    return `${ip} là địa chỉ nội bộ / is an internal address (loopback, link-local or private)`;
  }

  private hostAllowed(hostname: string) {
    return this.hosts.has(hostname.toLowerCase());
  }

  /** Why a webhook URL is refused when it is registered, or null; names are resolved again at each delivery. */
  urlRefusal(url: URL): string | null {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https';
    if (url.username || url.password) return 'no credentials in the URL';
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (this.hostAllowed(hostname)) return null;
    if (isIP(hostname)) return this.addressRefusal(hostname);
    if (hostname === 'localhost' || hostname.endsWith('.localhost'))
      return `${hostname} là máy chủ nội bộ / is this host`;
    return null;
  }

  /**
   * The `lookup` for the connection of a delivery: every address the name resolves to must be allowed, and the
   * connection goes to the address checked, so a name that resolves differently a second time (DNS rebinding)
   * cannot slip through.
   */
  guardedLookup(hostname: string): LookupFunction {
    const allowedHost = this.hostAllowed(hostname);
    return (name, options, callback) =>
      lookup(name, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const refused = allowedHost ? null : addresses.map((a) => this.addressRefusal(a.address)).find(Boolean);
        if (refused) return callback(new WebhookTargetRefusedError(refused), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
  }
}

export class WebhookTargetRefusedError extends Error {}
