import Mustache from 'mustache';
import { oneLine, safeHref } from '../render.js';
import type { Alert } from '../types.js';
import { capMarkup, capText, escaperFor, highlightFor, type Markup } from './escape.js';

/** One evidence sentence: as it stood, and escaped with its matched terms emphasised. */
export interface EvidenceView {
  /** The sentence (escaped by `{{text}}` like every field). */
  text: string;
  /** Already escaped for the channel, matches emphasised: use it as `{{{highlighted}}}`. */
  highlighted: string;
}

/** One matched watchlist entry. */
export interface EntityView {
  /** The entry's primary name. */
  name: string;
  /** The watchlist it is on. */
  list: string;
  /** Its reference on an official list (`KPe.001`), or empty. */
  ref: string;
  /** The text as it stood in the item. */
  text: string;
}

/** The fields a channel template sees (documented in docs/alerts.md). */
export interface TemplateView {
  title: string;
  link: string;
  published: string;
  feed: string;
  language: string;
  /** In words: `arms transfer, UN sanctions violation`. */
  categories: string;
  categoryList: string[];
  /** Two decimals. */
  score: string;
  reasons: string[];
  evidence: EvidenceView[];
  entities: EntityView[];
  /** The entities' names (with refs), comma-separated. */
  who: string;
  /** `<http.publicUrl>/alerts/<id>`, or empty without `http.publicUrl`. */
  alertUrl: string;
  alertId: string;
}

const CATEGORY_WORDS: Record<string, string> = {
  arms_transfer: 'arms transfer',
  un_violation: 'UN sanctions violation',
};

/** A category as an analyst says it. */
export function categoryWords(category: string): string {
  return CATEGORY_WORDS[category] ?? category.replace(/_/g, ' ');
}

// Evidence and entities are bounded so one alert's message stays well inside every service's limit.
const MAX_EVIDENCE = 3;
const MAX_SENTENCE = 600;
const MAX_ENTITIES = 8;

/** The alert page's URL on the dashboard, or undefined without a public URL. */
export function alertPageUrl(alertId: string, publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}/alerts/${encodeURIComponent(alertId)}`;
}

// Parentheses would end a Markdown link's destination early; encoded, the URL means the same.
function linkSafe(href: string | undefined): string {
  return href ? href.replace(/\(/g, '%28').replace(/\)/g, '%29') : '';
}

function entitiesOf(alert: Alert): EntityView[] {
  const seen = new Set<string>();
  const out: EntityView[] = [];
  for (const m of alert.matches) {
    // Vocabulary terms are engine internals; only watchlist entries name who is involved.
    if (m.kind !== 'entity' || seen.has(m.name)) continue;
    seen.add(m.name);
    out.push({ name: oneLine(m.name), list: m.list, ref: m.ref ?? '', text: oneLine(m.text) });
  }
  return out.slice(0, MAX_ENTITIES);
}

/** The template fields of an alert, with evidence highlighted for `markup`. */
export function templateView(
  alert: Alert,
  markup: Markup,
  publicUrl?: string,
  maxEvidence = MAX_EVIDENCE,
): TemplateView {
  const terms = alert.matches.map((m) => m.text);
  const entities = entitiesOf(alert);
  const reasons = [...new Set(Object.values(alert.reasons ?? {}).flat())].map(oneLine);
  return {
    title: oneLine(alert.item.title) || '(untitled)',
    link: linkSafe(safeHref(alert.item.link)),
    published: alert.item.published ? oneLine(alert.item.published) : '',
    feed: oneLine(alert.item.feed),
    language: alert.item.language ?? '',
    categories: alert.categories.map(categoryWords).join(', '),
    categoryList: alert.categories.map(categoryWords),
    score: alert.score.toFixed(2),
    reasons,
    evidence: alert.evidence.slice(0, maxEvidence).map((e) => {
      const text = capText(oneLine(e), MAX_SENTENCE);
      return { text, highlighted: highlightFor(markup, text, terms) };
    }),
    entities,
    who: entities.map((e) => (e.ref ? `${e.name} [${e.ref}]` : e.name)).join(', '),
    alertUrl: linkSafe(alertPageUrl(alert.id, publicUrl)),
    alertId: alert.id,
  };
}

/** Throws when the template does not parse (unclosed section, bad tag); used by the config check. */
export function checkTemplate(template: string): void {
  Mustache.parse(template);
}

/** Renders a template with every `{{field}}` escaped for `markup`. */
export function renderTemplate(template: string, view: TemplateView, markup: Markup): string {
  const escape = escaperFor(markup);
  return Mustache.render(template, view, undefined, {
    escape: (value: unknown) => escape(String(value)),
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface BodyOptions {
  template: string;
  markup: Markup;
  /** The service's limit for this text, in UTF-16 units. */
  max: number;
  publicUrl?: string;
}

/**
 * The message body within `max`: with fewer evidence sentences when the full text is too long,
 * and cut without breaking markup as a last resort.
 */
export function renderBody(alert: Alert, options: BodyOptions): string {
  const { template, markup, max, publicUrl } = options;
  let text = '';
  for (let n = Math.min(MAX_EVIDENCE, alert.evidence.length); n >= 0; n--) {
    text = renderTemplate(template, templateView(alert, markup, publicUrl, n), markup);
    if (text.length <= max) return text;
  }
  return capMarkup(text, max, markup);
}
