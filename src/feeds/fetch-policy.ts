import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { SwError } from '../errors.js';
import { classifyAddress, isLocalhostName, type AddressClass } from '../net/addresses.js';

/** Where a feed's requests may connect. Built by {@link fetchPolicyFor}. */
export interface FetchPolicy {
  /** Loopback, private, link-local, multicast and unspecified addresses may be reached. */
  allowPrivate: boolean;
  /** Ports of the daemon's own servers, refused on any non-public address. */
  ownPorts: readonly number[];
  /** Resolver under the check (tests resolve made-up names with it). @defaultValue dns.lookup */
  lookup?: LookupFunction;
}

/** The settings a feed's policy is made from; `poller.allowPrivateNetworks` and `http.port`. */
export interface FetchPolicyOptions {
  /**
   * Let every feed reach loopback, private, link-local, multicast and unspecified addresses
   * (`poller.allowPrivateNetworks`). @defaultValue false
   */
  allowPrivateNetworks?: boolean;
  /** Ports the daemon itself listens on (its HTTP server). @defaultValue none */
  ownPorts?: readonly number[];
  /** Resolver under the check. @defaultValue dns.lookup */
  lookup?: LookupFunction;
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** True when the URL's host is, as written, a non-public address or a localhost name. */
function namesLocalHost(url: URL): boolean {
  const cls = classifyAddress(url.hostname);
  return cls === undefined ? isLocalhostName(url.hostname) : cls !== 'public';
}

/**
 * The policy for a feed configured at `configuredUrl`. The operator chose that URL, so when it is
 * itself a loopback or private address (as written: an IP literal or `localhost`, never what a
 * name resolves to, or a hostile DNS answer would unlock everything) every hop may go private; so
 * may every feed with `allowPrivateNetworks`. The daemon's own port stays out of reach unless the
 * configured URL is that very port on a local host.
 */
export function fetchPolicyFor(
  configuredUrl: string,
  options: FetchPolicyOptions = {},
): FetchPolicy {
  let configured: URL | undefined;
  try {
    configured = new URL(configuredUrl);
  } catch {
    configured = undefined;
  }
  const local = configured !== undefined && namesLocalHost(configured);
  const exempt = local && configured ? effectivePort(configured) : undefined;
  return {
    allowPrivate: options.allowPrivateNetworks === true || local,
    ownPorts: (options.ownPorts ?? []).filter((p) => p > 0 && p !== exempt),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
}

/** The rule an address breaks under the policy, or undefined when it may be reached. */
function refusal(policy: FetchPolicy, cls: AddressClass, port: number): SwError | undefined {
  if (cls !== 'public' && policy.ownPorts.includes(port)) {
    return new SwError(
      'FEED_BLOCKED_ADDRESS',
      "refused by the fetch policy: a feed may not reach the daemon's own HTTP port",
      { details: { rule: 'own-port' } },
    );
  }
  if (cls !== 'public' && !policy.allowPrivate) {
    return new SwError(
      'FEED_BLOCKED_ADDRESS',
      'refused by the fetch policy: a feed whose configured URL is public may not reach a ' +
        'loopback, private, link-local, multicast or unspecified address ' +
        '(set poller.allowPrivateNetworks to allow it)',
      { details: { rule: 'private-address' } },
    );
  }
  return undefined;
}

type LookupCallback = (
  err: Error | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that resolves every address of the name and refuses the connection
 * when any of them breaks the policy: the socket may try them in turn, and a hostile name can
 * answer with a public address and a private one. Runs at connect time, so a name that resolved
 * publicly once and privately now (DNS rebinding) is refused as well.
 */
function guardedLookup(policy: FetchPolicy, port: number): LookupFunction {
  const resolve = policy.lookup ?? dns.lookup;
  const guarded = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    const done = (err: NodeJS.ErrnoException | null, found: string | LookupAddress[]) => {
      if (err) return callback(err, []);
      const list = Array.isArray(found) ? found : [{ address: found, family: 4 }];
      for (const a of list) {
        const refused = refusal(policy, classifyAddress(a.address) ?? 'reserved', port);
        if (refused) return callback(refused, []);
      }
      if (list.length === 0)
        return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    };
    resolve(hostname, { ...options, all: true }, done);
  };
  return guarded;
}

/** A connector that checks an IP-literal host itself (net skips `lookup` for those). */
function guardedConnector(policy: FetchPolicy, timeout: number): buildConnector.connector {
  const byPort = new Map<number, buildConnector.connector>();
  return (opts, callback) => {
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    const literal = classifyAddress(opts.hostname);
    const refused = literal ? refusal(policy, literal, port) : undefined;
    if (refused) return callback(refused, null);
    let connector = byPort.get(port);
    if (!connector) {
      connector = buildConnector({ timeout, lookup: guardedLookup(policy, port) });
      byPort.set(port, connector);
    }
    connector(opts, callback);
  };
}

const agents = new Map<string, Agent>();

/**
 * The undici Agent for a policy and timeouts. Agents are shared per setting; one with an injected
 * resolver is made fresh and `owned` (the caller closes it).
 */
export function agentFor(
  policy: FetchPolicy,
  connectTimeoutMs: number,
  timeoutMs: number,
): { agent: Agent; owned: boolean } {
  const make = () =>
    new Agent({
      connect: guardedConnector(policy, connectTimeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  if (policy.lookup) return { agent: make(), owned: true };
  const key = `${connectTimeoutMs}/${timeoutMs}/${policy.allowPrivate}/${policy.ownPorts.join(',')}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = make();
    agents.set(key, agent);
  }
  return { agent, owned: false };
}
