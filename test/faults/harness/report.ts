import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../helpers/config.js';
import type { ExpectedAlerts } from './expected.js';

/** Deliveries of one channel compared with the expected alert ids. */
export interface ChannelTally {
  /** Expected ids delivered at least once. */
  delivered: number;
  /** Expected ids never delivered. */
  missing: string[];
  /** Delivered ids that were not expected. */
  unexpected: string[];
  /** Extra deliveries: Σ (count − 1) over ids delivered more than once. */
  duplicates: number;
  /** Ids delivered more than once. */
  duplicateIds: string[];
}

/** Compares per-id delivery counts with the expected set of a channel. */
export function tallyChannel(
  expected: ReadonlySet<string>,
  counts: ReadonlyMap<string, number>,
): ChannelTally {
  const missing = [...expected].filter((id) => !counts.has(id));
  const unexpected = [...counts.keys()].filter((id) => !expected.has(id));
  const duplicateIds = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const duplicates = [...counts.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  return {
    delivered: expected.size - missing.length,
    missing,
    unexpected,
    duplicates,
    duplicateIds,
  };
}

/**
 * Alert ids appended to a log channel's JSON-lines file, with counts (a missing file is empty).
 * Only whole lines count: read while the daemon appends, the file may end in a line still being
 * written (a CI run failed parsing one), which the next read sees whole.
 */
export async function logFileCounts(file: string): Promise<Map<string, number>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out = new Map<string, number>();
  const lines = text.split('\n');
  // The piece after the last newline is a line in the making (empty when the file ends whole).
  lines.pop();
  for (const line of lines) {
    if (!line.trim()) continue;
    const id = (JSON.parse(line) as { id: string }).id;
    out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

/**
 * Ids whose repeated delivery is NOT explained by a fault: a redelivery is allowed only when
 * every earlier delivery of the id arrived within `windowMs` of a fault — a kill time, or a
 * `[from, to]` interval such as a Redis outage (the sender may have been cut off between sending
 * and recording it). Returns the unexplained ids; empty means every duplicate is allowed.
 */
export function unexplainedDuplicates(
  deliveries: readonly { alertId: string; at: number }[],
  faults: readonly (number | readonly [number, number])[],
  windowMs = 3000,
): string[] {
  const spans = faults.map((f) => (typeof f === 'number' ? [f, f] : f));
  const byId = new Map<string, number[]>();
  for (const d of deliveries) byId.set(d.alertId, [...(byId.get(d.alertId) ?? []), d.at]);
  const out: string[] = [];
  for (const [id, times] of byId) {
    if (times.length < 2) continue;
    const explained = times
      .slice(0, -1)
      .every((t) => spans.some(([from, to]) => t >= from - windowMs && t <= to + windowMs));
    if (!explained) out.push(id);
  }
  return out;
}

/** The numbers the note needs for one fault scenario. */
export interface FaultReport {
  scenario: string;
  items: number;
  alerts_expected: number;
  /** Expected alerts delivered at least once, per channel. */
  alerts_delivered: Record<string, number>;
  /** Extra deliveries per channel. */
  duplicates: Record<string, number>;
  /** Time from the fault's end (restart, Redis back, …) to every alert delivered, ms. */
  recover_ms: number | null;
  /** Anything scenario-specific (kill times, exit codes, readyz samples…). */
  [extra: string]: unknown;
}

/** Writes `test-results/faults/<scenario>.json`; resolves with its path. */
export async function writeFaultReport(report: FaultReport): Promise<string> {
  const dir = path.join(repoRoot, 'test-results/faults');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${report.scenario}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return file;
}

/** Per-channel tallies of a run, from the log file, the webhook receiver and the SMTP catcher. */
export async function tallyAll(input: {
  expected: ExpectedAlerts;
  channels: { log: string; email?: string; webhook?: string };
  logFile: string;
  webhookCounts?: ReadonlyMap<string, number>;
  smtpCounts?: ReadonlyMap<string, number>;
}): Promise<Record<string, ChannelTally>> {
  const { expected, channels } = input;
  const set = (name: string) => expected.byChannel.get(name) ?? new Set<string>();
  const out: Record<string, ChannelTally> = {
    [channels.log]: tallyChannel(set(channels.log), await logFileCounts(input.logFile)),
  };
  if (channels.webhook && input.webhookCounts)
    out[channels.webhook] = tallyChannel(set(channels.webhook), input.webhookCounts);
  if (channels.email && input.smtpCounts)
    out[channels.email] = tallyChannel(set(channels.email), input.smtpCounts);
  return out;
}
