// Lists of addresses and CIDRs from the configuration (METRICS_ALLOW, TRUST_PROXY), checked
// against a socket's address.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** proxy-addr's names, which Fastify's trustProxy accepts too. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** `key` names the setting in the error thrown for an entry that is not an address. */
export function toAddressList(entries: readonly string[], key: string): BlockList {
  const list = new BlockList();
  for (const entry of entries.flatMap((item) => NAMED[item] ?? [item])) {
    const [address = '', prefix] = entry.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (!isIPv4(address) && !isIPv6(address)) throw new Error(`${key}: not an IP address: ${entry}`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

export function isInAddressList(list: BlockList, remoteAddress: string | undefined): boolean {
  if (remoteAddress === undefined) return false;
  const mapped = remoteAddress.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (mapped !== undefined) return list.check(mapped, 'ipv4');
  return list.check(remoteAddress, isIPv6(remoteAddress) ? 'ipv6' : 'ipv4');
}
