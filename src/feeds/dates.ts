/** Zone abbreviations seen in feeds that Date.parse does not know (it knows GMT, UT, EST…PDT). */
const ZONES: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  MET: '+0100',
  MEST: '+0200',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  KST: '+0900',
  HKT: '+0800',
  SGT: '+0800',
  AEST: '+1000',
  AEDT: '+1100',
  MSK: '+0300',
  EET: '+0200',
  EEST: '+0300',
  WET: '+0000',
  WEST: '+0100',
  NZST: '+1200',
  NZDT: '+1300',
  AKST: '-0900',
  AKDT: '-0800',
  HST: '-1000',
  Z: '+0000',
};

/** Parses the date formats feeds use (RFC 822/1123, ISO 8601, W3CDTF) to ISO 8601, or undefined. */
export function parseFeedDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return undefined;
  let ms = Date.parse(t);
  if (Number.isNaN(ms)) {
    const fixed = t
      .replace(/\b([A-Z]{1,4})$/, (m) => ZONES[m] ?? m)
      .replace(/^[A-Za-z]+,?\s*/, '') // a wrong or localised day name
      .replace(/(\d)(st|nd|rd|th)\b/, '$1');
    ms = Date.parse(fixed);
  }
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 9999) return undefined;
  return new Date(ms).toISOString();
}
