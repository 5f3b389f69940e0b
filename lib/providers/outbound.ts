// Where a provider request may go (issue 12 point 4). Every client sends through http.ts, which asks this
// module first, so a manager who points an account at another host cannot make Dialboard carry its stored
// secrets to a cloud metadata service or into the private network:
// - link-local addresses (169.254.0.0/16, fe80::/10: the metadata endpoint of every cloud lives there),
//   Alibaba Cloud's metadata address 100.100.100.200 and metadata.google.internal are always refused;
// - private, loopback and other non-public addresses are refused unless the account may use them (the
//   embedded demo accounts, or an administrator allowed it for that account: ProviderContext.network).
// Requests never follow redirects (http.ts): a 3xx would carry signed headers and tokens to its Location.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { catalogText } from "../domain/text";
import en from "../../messages/en/security.json";
import zh from "../../messages/zh-CN/security.json";
import { ProviderError } from "./errors";
import type { ProviderContext, ProviderKind } from "./types";

export const securityText = catalogText(en, zh);

export type AddressClass = "public" | "private" | "forbidden";

export type LookupAll = (host: string) => Promise<{ address: string }[]>;

const FORBIDDEN_NAMES = new Set(["metadata.google.internal", "metadata.google.internal.", "metadata", "instance-data", "instance-data.ec2.internal"]);

function ipv4Parts(ip: string): number[] | null {
  const parts = ip.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

function classifyIpv4([a, b, c, d]: number[]): AddressClass {
  if (a === 169 && b === 254) return "forbidden"; // link-local, cloud metadata (169.254.169.254)
  if (a === 100 && b === 100 && c === 100 && d === 200) return "forbidden"; // Alibaba Cloud metadata
  if (a >= 224) return "forbidden"; // multicast, reserved, broadcast
  if (a === 0 || a === 10 || a === 127) return "private";
  if (a === 172 && b >= 16 && b <= 31) return "private";
  if (a === 192 && b === 168) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private"; // carrier-grade NAT
  if (a === 198 && (b === 18 || b === 19)) return "private"; // benchmarking
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "private";
  return "public";
}

function ipv6Words(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  // A trailing dotted IPv4 (::ffff:169.254.169.254) becomes two 16-bit words.
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = ipv4Parts(tail);
    if (!v4) return null;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const words = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const h = words(head);
  const r = words(rest);
  const fill = text.includes("::") ? 8 - h.length - r.length : 0;
  const all = [...h, ...Array<number>(Math.max(0, fill)).fill(0), ...r];
  return all.length === 8 && all.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? all : null;
}

/** How an IP address literal may be used by a provider request. Anything unreadable is forbidden. */
export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip.replace(/^\[|\]$/g, ""));
  const bare = ip.replace(/^\[|\]$/g, "");
  if (family === 4) return classifyIpv4(ipv4Parts(bare)!);
  if (family !== 6) return "forbidden";
  const w = ipv6Words(bare);
  if (!w) return "forbidden";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are judged as the IPv4 address they carry.
  if (w.slice(0, 5).every((x) => x === 0) && (w[5] === 0xffff || w[5] === 0) && (w[6] !== 0 || w[7] > 1)) {
    return classifyIpv4([w[6] >> 8, w[6] & 0xff, w[7] >> 8, w[7] & 0xff]);
  }
  if ((w[0] & 0xffc0) === 0xfe80) return "forbidden"; // link-local fe80::/10
  if ((w[0] & 0xff00) === 0xff00) return "forbidden"; // multicast
  if (w.every((x) => x === 0) || (w.slice(0, 7).every((x) => x === 0) && w[7] === 1)) return "private"; // :: and ::1
  if ((w[0] & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7 (AWS fd00:ec2::254 included)
  if ((w[0] & 0xffc0) === 0xfec0) return "private"; // site-local
  return "public";
}

function refused(provider: ProviderKind, host: string, why: "forbidden" | "private"): ProviderError {
  return new ProviderError({
    provider,
    code: why === "forbidden" ? "ADDRESS_FORBIDDEN" : "ADDRESS_PRIVATE",
    providerMessage: `refused to send to ${host} (${why} address)`,
    userMessage: securityText(why === "forbidden" ? "outbound.forbidden" : "outbound.private"),
  });
}

/**
 * Throws a ProviderError (never sent: nothing applied) when `url` may not receive a provider request.
 * Literal addresses and the known metadata names are judged without DNS; a host name is resolved and every
 * address it resolves to is judged, when the context carries a network policy (lib/server always sets one).
 */
export async function checkOutboundUrl(
  provider: ProviderKind,
  url: string,
  network: ProviderContext["network"],
  resolve: LookupAll = (host) => lookup(host, { all: true, verbatim: true }),
): Promise<void> {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    throw refused(provider, url, "forbidden");
  }
  if (FORBIDDEN_NAMES.has(host)) throw refused(provider, host, "forbidden");
  const literal = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(literal)) addresses = [literal];
  else if (!network) return;
  else {
    try {
      addresses = (await resolve(host)).map((a) => a.address);
    } catch {
      // Unresolvable: let the request fail as "could not be reached" the usual way.
      return;
    }
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === "forbidden") throw refused(provider, host, "forbidden");
    // Without a policy (a provider's own tests against a local simulator) private addresses are not judged.
    if (kind === "private" && network && network.privateHosts !== "allow") throw refused(provider, host, "private");
  }
}
