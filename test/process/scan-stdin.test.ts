import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { ScanLine } from '../../src/cli/commands/scan.js';

const TITLE = 'Navy seizes dhow carrying 2,000 rifles bound for Houthis';
const BODY = 'The rifles were found aboard a dhow heading for Yemen, the navy said.';

const scan = (stdin: string, ...flags: string[]) => runCli(['scan', ...flags, '-'], { stdin });

function oneLine(stdout: string): ScanLine {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as ScanLine;
}

describe('sanctionwatch scan - (process)', () => {
  it('takes plain text as one item: first line the title, the rest the body', async () => {
    const r = await scan(`${TITLE}\n\n${BODY}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line = oneLine(r.stdout);
    expect(line).toMatchObject({ id: 'stdin', title: TITLE, flagged: true });
    expect(line.categories).toEqual(['arms_transfer', 'un_violation']);
    expect(line.evidence.length).toBeGreaterThan(0);
  });

  it('takes a headline that starts with a bracket as text, not as broken JSON', async () => {
    const r = await scan(`[UPDATE] ${TITLE}\n${BODY}`);
    expect(r.code).toBe(0);
    expect(oneLine(r.stdout)).toMatchObject({ title: `[UPDATE] ${TITLE}`, flagged: true });
  });

  it('takes an HTML page as one item: <title> as title, visible text as body', async () => {
    const html = `<!DOCTYPE html><html><head><title>${TITLE.replace('&', '&amp;')} &ndash; Gulf Wire</title>
<script>var houthis = "rifles rifles rifles";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a></nav><article><h1>${TITLE}</h1><p>${BODY}</p>
<p>Officials said the weapons were bound for the Houthis in breach of the UN arms embargo.</p></article></body></html>`;
    const r = await scan(html, '--format', 'jsonl');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line = oneLine(r.stdout);
    expect(line.title).toBe(`${TITLE} – Gulf Wire`);
    expect(line.flagged).toBe(true);
    expect(line.categories).toContain('arms_transfer');
    // Scripts and styles are not the article.
    expect(line.evidence.join(' ')).not.toContain('var houthis');
    expect(line.evidence.join(' ')).not.toContain('color:red');
  });

  it('a page without <title> takes its first line of text as title', async () => {
    const r = await scan(`<div><p>${TITLE}</p><p>${BODY}</p></div>`);
    expect(r.code).toBe(0);
    expect(oneLine(r.stdout)).toMatchObject({ title: TITLE, flagged: true });
  });

  it('still reads a feed as its items', async () => {
    const feed = `<?xml version="1.0"?>
<!-- a comment before the root -->
<rss version="2.0"><channel><title>T</title>
<item><title>${TITLE}</title><guid>a</guid><description>${BODY}</description></item>
<item><title>Harbour festival draws record crowds</title><guid>b</guid><description>Fireworks closed the night.</description></item>
</channel></rss>`;
    const r = await scan(feed);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ScanLine);
    expect(lines.map((l) => [l.title, l.flagged])).toEqual([
      [TITLE, true],
      ['Harbour festival draws record crowds', false],
    ]);
  });

  it('refuses empty stdin in one line, exit 2', async () => {
    const r = await scan('  \n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual(['sanctionwatch: -: stdin is empty']);
  });
});
