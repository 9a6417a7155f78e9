import { createHash } from 'node:crypto';
import { oneLine, safeHref } from './render.js';
import type { Alert } from './types.js';

/** Items a summary names by title and link; the rest are counted ("and N more"). */
export const SUMMARY_LISTED = 20;

/**
 * How long a summary job waits before it first looks at the held alerts, and how long no alert
 * may have joined before it sends: the poll's other match jobs add theirs meanwhile.
 */
export const SUMMARY_QUIET_MS = 3000;

/** Longest a summary waits for alerts still joining, from the first one held. */
export const SUMMARY_MAX_WAIT_MS = 120_000;

/** One round of one channel's summary for one poll of one feed. */
export interface SummaryRef {
  feed: string;
  polledAt: number;
  channel: string;
  round: number;
}

/**
 * Summary id: `s_` and 24 hex characters of a hash of the poll, channel and round, so every
 * match job of the poll (and every retry) names the same summary and BullMQ keeps one job.
 */
export function summaryId(ref: SummaryRef): string {
  const key = `${ref.feed}\u0000${ref.polledAt}\u0000${ref.channel}\u0000${ref.round}`;
  return `s_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** The summary job's alert until it is sent: its id and feed, no items yet. */
export function summaryPlaceholder(ref: SummaryRef, now: Date): Alert {
  const id = summaryId(ref);
  return {
    id,
    createdAt: now.toISOString(),
    route: 0,
    item: { key: id, title: `alerts from ${ref.feed} in one poll (summary)`, feed: ref.feed },
    categories: [],
    score: 0,
    matches: [],
    evidence: [],
    polledAt: ref.polledAt,
    summary: { count: 0, alertIds: [] },
  };
}

/**
 * The one message standing for `alerts` on a channel: titled "N alerts from <feed> in one poll",
 * the union of their categories, the highest score, and in `reasons.summary` the first
 * {@link SUMMARY_LISTED} titles with links (highest score first), then "and N more". Pure.
 */
export function buildSummary(
  placeholder: Alert,
  alerts: readonly Alert[],
  listed = SUMMARY_LISTED,
): Alert {
  const sorted = [...alerts].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const lines = sorted.slice(0, listed).map((a) => {
    const title = oneLine(a.item.title) || '(untitled)';
    const href = safeHref(a.item.link);
    return href ? `${title} — ${href}` : title;
  });
  if (sorted.length > listed) lines.push(`and ${sorted.length - listed} more`);
  const n = sorted.length;
  return {
    ...placeholder,
    route: Math.min(...sorted.map((a) => a.route)),
    item: {
      key: placeholder.id,
      title: `${n} alert${n === 1 ? '' : 's'} from ${placeholder.item.feed} in one poll`,
      feed: placeholder.item.feed,
    },
    categories: [...new Set(sorted.flatMap((a) => a.categories))].sort(),
    score: Math.max(...sorted.map((a) => a.score)),
    matches: [],
    evidence: [],
    reasons: { summary: lines },
    summary: { count: n, alertIds: sorted.map((a) => a.id) },
  };
}
