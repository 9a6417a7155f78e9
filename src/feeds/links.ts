/** Query parameters that only track the reader; dropping them makes one story one link. */
const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'twclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'ocid',
  'cmpid',
  'cmp',
  'icid',
  'ito',
  'ns_mchannel',
  'ns_source',
  'ns_campaign',
  'ns_linkname',
  'ns_fee',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'smid',
  'smtyp',
  'rss',
  'feedtype',
  'xtor',
  'spm',
  'guccounter',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || TRACKING.has(n);
}

/**
 * Canonical form of an http(s) link: resolved against `base`, scheme and host lower-cased
 * (the URL parser does it), default port, fragment and tracking parameters dropped.
 * Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalLink(link: string | undefined, base?: string): string | undefined {
  if (!link) return undefined;
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const kept = [...url.searchParams].filter(([k]) => !isTracking(k));
  if (kept.length !== [...url.searchParams].length) {
    url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  return url.toString();
}
