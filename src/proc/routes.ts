/**
 * Which network interfaces carry routes, from the text of /proc/net/route and
 * /proc/net/ipv6_route.
 *
 * IPv6 link-local (fe80::/10) and multicast (ff00::/8) routes are left out:
 * the kernel adds them to every interface that is up, so they say nothing
 * about the interface being in use. Loopback is left out too.
 */

/** Interface names with at least one IPv4 or IPv6 route. */
export function routedInterfaces(ipv4Table: string, ipv6Table: string): Set<string> {
  const names = new Set<string>();
  for (const line of ipv4Table.split("\n").slice(1)) {
    const iface = line.split("\t")[0]?.trim();
    if (iface) names.add(iface);
  }
  for (const line of ipv6Table.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const dest = fields[0];
    const iface = fields[9];
    if (fields.length < 10 || dest === undefined || iface === undefined) continue;
    if (/^fe[89ab]/i.test(dest) || /^ff/i.test(dest)) continue;
    names.add(iface);
  }
  names.delete("lo");
  return names;
}
