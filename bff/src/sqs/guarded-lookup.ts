/**
 * A DNS lookup for SQS clients that refuses, after resolution, private,
 * loopback, link-local, metadata and other non-public addresses for AWS
 * host names. A queue URL is validated before any lookup; this check
 * stops DNS rebinding, where a valid AWS-looking name resolves to an
 * internal address. Hosts that the operator allowed by origin are not
 * checked: they are meant to be local.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
) => void;

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Tells whether an address is one no public AWS endpoint can have. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, 'ipv6');
}

export function isAwsHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn');
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EBLOCKEDADDRESS';
}

/** Wraps a lookup so that AWS names never resolve to internal addresses. */
export function createGuardedLookup(
  base: LookupFunction = dns.lookup as unknown as LookupFunction,
): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      if (err || !isAwsHostname(hostname)) {
        callback(err, address, family);
        return;
      }
      const addresses = Array.isArray(address)
        ? address.map((entry) => entry.address)
        : [address];
      const bad = addresses.find(isNonPublicAddress);
      if (bad !== undefined) {
        callback(
          new BlockedAddressError(
            `${hostname} resolved to ${bad}, which is not a public ` +
              'address; refusing to connect',
          ),
          '',
        );
        return;
      }
      callback(null, address, family);
    });
  };
}
