import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Who may read `/metrics`: a bearer token (`METRICS_TOKEN`) or a client address in `METRICS_ALLOWED_NETWORKS`. */
export interface MetricsAccessConfig {
  token: string | null;
  networks: string[];
}

export class MetricsConfigurationError extends Error {}

/** Read from the environment; a short token or a malformed network stops the start. */
export function metricsAccessFrom(env: NodeJS.ProcessEnv): MetricsAccessConfig {
  const token = env.METRICS_TOKEN || null;
  if (token !== null && token.length < 32)
    throw new MetricsConfigurationError('METRICS_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)');
  const networks = (env.METRICS_ALLOWED_NETWORKS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  networkList(networks);
  return { token, networks };
}

const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

function networkList(networks: string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address, bits] = network.split('/');
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    const prefix = bits === undefined ? (type === 'ipv4' ? 32 : 128) : Number(bits);
    if (!type || !Number.isInteger(prefix) || prefix < 0 || prefix > (type === 'ipv4' ? 32 : 128))
      throw new MetricsConfigurationError(`METRICS_ALLOWED_NETWORKS: "${network}" is not an address or a CIDR range`);
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Decides each scrape: the token in `Authorization: Bearer`, or the address; nothing is open by default. */
export class MetricsAccess {
  private readonly networks: BlockList;

  constructor(private readonly config: MetricsAccessConfig) {
    this.networks = networkList(config.networks);
  }

  allows(authorization: string | undefined, address: string | undefined): boolean {
    if (this.config.token && authorization?.startsWith('Bearer ')) {
      const given = Buffer.from(authorization.slice(7));
      const expected = Buffer.from(this.config.token);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    if (!address) return false;
    const plain = unmapped(address);
    return this.networks.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
  }
}
