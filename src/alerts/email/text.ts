import { matchSpans } from '../render.js';
import type { EmailView } from './view.js';

/** Evidence in plain text: the matched words in `*stars*`, as mail readers bold them. */
export function starred(sentence: string, terms: readonly string[]): string {
  let out = '';
  let pos = 0;
  for (const [s, e] of matchSpans(sentence, terms)) {
    out += `${sentence.slice(pos, s)}*${sentence.slice(s, e)}*`;
    pos = e;
  }
  return out + sentence.slice(pos);
}

/**
 * Plain-text body of one alert. The first line is the title and the `Categories:`, `Score:` and
 * `Feed:` lines keep their form: the demo's SMTP catcher and desks' mail filters read them.
 */
export function alertText(v: EmailView): string {
  const lines = [
    v.title,
    '',
    `Categories: ${v.categoryIds.join(', ')}`,
    `Score: ${v.score}`,
    `Feed: ${v.feed}`,
  ];
  if (v.published) lines.push(`Published: ${v.published}`);
  if (v.link) lines.push(`Link: ${v.link}`);
  if (v.alertUrl) lines.push(`Alert page: ${v.alertUrl}`);
  if (v.reasons.length > 0) {
    lines.push('', 'Why it was flagged:');
    for (const g of v.reasons) {
      lines.push(`  ${g.category}:`);
      for (const r of g.reasons) lines.push(`    - ${r}`);
    }
  }
  if (v.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const e of v.evidence) lines.push(`  > ${starred(e, v.terms)}`);
  }
  if (v.entities.length > 0) {
    lines.push('', 'Named in the report:');
    for (const e of v.entities) {
      const ref = e.ref ? ` [${e.ref}]` : '';
      const seen = e.seenAs.length > 0 ? ` (as ${e.seenAs.map((s) => `"${s}"`).join(', ')})` : '';
      lines.push(`  - ${e.name}${ref}${seen} · watchlist ${e.list}`);
    }
  }
  if (v.references.length > 0) {
    lines.push('', 'UN measures cited:');
    for (const r of v.references) lines.push(`  - ${r}`);
  }
  if (v.summary.length > 0) {
    lines.push('', 'Alerts in this summary:');
    for (const l of v.summary) lines.push(`  - ${l}`);
  }
  lines.push('', `Alert id: ${v.id}`);
  return `${lines.join('\n')}\n`;
}

const RULE = '----------------------------------------';

/** Plain-text body of a digest: the list of titles, then each alert in full. */
export function digestText(views: readonly EmailView[]): string {
  const n = views.length;
  const index = views.map((v, i) => `  ${i + 1}. ${v.title} (${v.categoryIds.join(', ')})`);
  const head = [`sanctionwatch digest: ${n} alert${n === 1 ? '' : 's'}`, '', ...index, ''];
  return [head.join('\n'), ...views.map(alertText)].join(`\n${RULE}\n\n`);
}
