import type { Command } from 'commander';

/**
 * Examples shown under each command's `--help`, keyed by the command's path (`alerts retry`).
 * Kept in one place so every command has one and a test can check that none is missing.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  start: [
    'sanctionwatch start                                  # every role, config found as described above',
    'sanctionwatch start -c /etc/sanctionwatch/sanctionwatch.yaml --role poller',
  ],
  check: ['sanctionwatch check -c config/sanctionwatch.yaml'],
  scan: [
    'sanctionwatch scan --format text https://news.un.org/feed/subscribe/en/news/all/rss.xml',
    'sanctionwatch scan article.txt saved-feed.xml',
    'echo "Navy seizes dhow carrying rifles bound for Houthis" | sanctionwatch scan -',
    'curl -s https://example.org/story.html | sanctionwatch scan --format text -',
  ],
  eval: [
    'sanctionwatch eval                                   # train, holdout and dev sets',
    'sanctionwatch eval --show-misses labelled.jsonl',
  ],
  import: [
    'sanctionwatch import un consolidated.xml --out config/watchlists/un.yaml',
    'sanctionwatch import ofac sdn.csv --aliases alt.csv --out config/watchlists/ofac.yaml',
  ],
  alerts: [
    'sanctionwatch alerts failed',
    'sanctionwatch alerts retry --all',
    'sanctionwatch alerts recent --limit 5',
  ],
  'alerts failed': ['sanctionwatch alerts failed --limit 10 --format jsonl'],
  'alerts retry': [
    'sanctionwatch alerts retry a_c0fbe8592c0965cc6de26c77',
    'sanctionwatch alerts retry --all',
  ],
  'alerts recent': ['sanctionwatch alerts recent --limit 5'],
  demo: [
    'sanctionwatch demo',
    'sanctionwatch demo --port 8081          # dashboard on a fixed port',
  ],
};

/** Adds "Example:" to the help of `command` and of every subcommand that has one. */
export function addExamples(command: Command, parent = ''): void {
  for (const sub of command.commands) {
    const key = parent ? `${parent} ${sub.name()}` : sub.name();
    const lines = EXAMPLES[key];
    if (lines) {
      const title = lines.length === 1 ? 'Example' : 'Examples';
      sub.addHelpText('after', `\n${title}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
    }
    addExamples(sub, key);
  }
}
