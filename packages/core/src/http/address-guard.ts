import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { FetchError } from "./errors";

/** Decides whether we may connect to an IP address. */
export type AddressPolicy = (address: string) => boolean;

/**
 * True only for globally routable unicast addresses. ipaddr.js classifies every special-purpose
 * block (loopback, private, link-local incl. 169.254.169.254, unique-local, CGNAT, multicast,
 * unspecified, reserved, benchmarking, ...) as something other than "unicast", so an allow-list of
 * one range is safer than a deny-list that must remember every block.
 */
export const isPublicAddress: AddressPolicy = (address) => {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return false; // Not an IP literal: never "allowed" by accident.
  }
  // ::ffff:127.0.0.1 (IPv4-mapped) and ::127.0.0.1 (IPv4-compatible, which URLs write ::7f00:1) can
  // reach 127.0.0.1: judge the embedded IPv4 address.
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    const compatible = v6.parts.slice(0, 6).every((part) => part === 0);
    if (v6.isIPv4MappedAddress() || compatible) ip = new ipaddr.IPv4(v6.toByteArray().slice(12));
  }
  return ip.range() === "unicast";
};

function blocked(address: string, hostname: string): FetchError {
  const shown = address === hostname ? address : `${address} (${hostname})`;
  return new FetchError("blocked-address", `Refusing to connect to private or reserved address ${shown}`);
}

/**
 * Node skips the `lookup` hook when the host is already an IP literal, so literal hosts must be
 * checked before connecting. WHATWG URL has already normalised forms like 2130706433 or 0x7f.1.
 */
export function assertHostAllowed(hostname: string, policy: AddressPolicy): void {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) && !policy(bare)) throw blocked(bare, bare);
}

/**
 * A `lookup` for http.request that resolves the name and refuses it if ANY address fails the policy.
 * The socket then connects to exactly the addresses checked here, so a DNS answer that changes
 * between a check and the connect (rebinding) cannot slip through.
 */
export function createGuardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "");
      const bad = addresses.find((a) => !policy(a.address));
      if (bad) return callback(blocked(bad.address, hostname), "");
      const first = addresses[0];
      if (!first) {
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "");
      }
      // net.connect asks for all addresses when autoSelectFamily (happy eyeballs) is on.
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
