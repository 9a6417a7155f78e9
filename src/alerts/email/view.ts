import { alertPageUrl, categoryWords } from '../chat/view.js';
import { oneLine, safeHref } from '../render.js';
import type { Alert } from '../types.js';

/** Why one category's rule fired, in the rule's own words. */
export interface ReasonGroup {
  /** The category as an analyst says it (`arms transfer`). */
  category: string;
  reasons: string[];
}

/** One watchlist entry the item names, with every wording it was found under. */
export interface EntityLine {
  /** The entry's primary name. */
  name: string;
  /** Its reference on an official list (`KPe.001`), or empty. */
  ref: string;
  /** The watchlist it is on. */
  list: string;
  /** The texts in the item that named it, when they differ from `name`. */
  seenAs: string[];
}

/** Everything an e-mail shows of one alert, already one-line, not yet escaped. */
export interface EmailView {
  id: string;
  title: string;
  /** The article, http(s) only. */
  link?: string;
  /** `<http.publicUrl>/alerts/<id>`, when the dashboard's public URL is configured. */
  alertUrl?: string;
  feed: string;
  /** The item's language tag, when known: set on the elements that quote the item. */
  language?: string;
  /** As a reader dates it (`27 Jul 2023, 10:00 UTC`), or as the feed gave it. */
  published?: string;
  categories: string[];
  /** The category ids, as in the subject and in routing rules. */
  categoryIds: string[];
  score: string;
  reasons: ReasonGroup[];
  /** Evidence sentences, one line each. */
  evidence: string[];
  /** The texts the matcher found, to highlight in the evidence. */
  terms: string[];
  entities: EntityLine[];
  /** UN documents and measures the item cites (`Security Council resolutions`). */
  references: string[];
  /** A flood-control summary's titles and links, else empty. */
  summary: string[];
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** An ISO time as `27 Jul 2023, 10:00 UTC`; anything else as it stood. */
export function readableDate(value: string): string {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) return oneLine(value);
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

// Vocabulary terms (`kind: term`) are the engine's word groups: they are highlighted in the
// evidence but never listed, since their group ids mean nothing to a reader.
function entitiesOf(alert: Alert): EntityLine[] {
  const byKey = new Map<string, EntityLine>();
  for (const m of alert.matches) {
    if (m.kind !== 'entity') continue;
    const key = `${m.list}\u0000${m.name}`;
    let line = byKey.get(key);
    if (!line) {
      line = {
        name: oneLine(m.name),
        ref: oneLine(m.ref ?? ''),
        list: oneLine(m.list),
        seenAs: [],
      };
      byKey.set(key, line);
    }
    const text = oneLine(m.text);
    const known = [line.name, ...line.seenAs].map((s) => s.toLowerCase());
    if (text && !known.includes(text.toLowerCase())) line.seenAs.push(text);
  }
  return [...byKey.values()];
}

function referencesOf(alert: Alert): string[] {
  const names = alert.matches.filter((m) => m.kind === 'reference').map((m) => oneLine(m.name));
  return [...new Set(names)];
}

function reasonsOf(alert: Alert): ReasonGroup[] {
  if (alert.summary) return [];
  return Object.entries(alert.reasons ?? {})
    .map(([cat, why]) => ({
      category: categoryWords(cat),
      reasons: [...new Set(why.map(oneLine))].filter(Boolean),
    }))
    .filter((g) => g.reasons.length > 0);
}

/** The fields of one alert's e-mail; `publicUrl` is `http.publicUrl`. */
export function emailView(alert: Alert, publicUrl?: string): EmailView {
  const link = safeHref(alert.item.link);
  const alertUrl = safeHref(alertPageUrl(alert.id, publicUrl));
  return {
    id: alert.id,
    title: oneLine(alert.item.title) || '(untitled)',
    ...(link ? { link } : {}),
    ...(alertUrl ? { alertUrl } : {}),
    feed: oneLine(alert.item.feed),
    ...(alert.item.language ? { language: alert.item.language } : {}),
    ...(alert.item.published ? { published: readableDate(alert.item.published) } : {}),
    categories: alert.categories.map(categoryWords),
    categoryIds: alert.categories.map(oneLine),
    score: alert.score.toFixed(2),
    reasons: reasonsOf(alert),
    evidence: alert.evidence.map(oneLine).filter(Boolean),
    terms: alert.matches.map((m) => m.text),
    entities: entitiesOf(alert),
    references: referencesOf(alert),
    summary: alert.summary ? (alert.reasons?.summary ?? []).map(oneLine) : [],
  };
}
