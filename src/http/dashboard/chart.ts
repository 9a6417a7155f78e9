import { escapeHtml } from '../../alerts/render.js';
import type { Bucket } from '../../store/stats.js';

/** One bar of a {@link barChart}. */
export interface Bar {
  /** Full label, shown as the bar's tooltip. */
  label: string;
  value: number;
  /** Short axis label; bars without one get no tick text. */
  tick?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /** Accessible name of the chart. */
  title: string;
  bars: readonly Bar[];
  /** Unit named in the tooltips, e.g. `items`. */
  unit: string;
  /** @defaultValue 560 */
  width?: number;
  /** @defaultValue 160 */
  height?: number;
}

const PAD = { top: 10, right: 8, bottom: 20, left: 34 };

/** A round axis maximum at or above `max` (1, 2, 5 × 10ⁿ), so the gridline label reads well. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const base = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * base >= max) return step * base;
  return 10 * base;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/**
 * A bar chart as inline SVG: no script, no inline style (the dashboard's CSP forbids both), every
 * label escaped. Colours come from the stylesheet's `.bar`, `.axis` and `.grid` classes.
 */
export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 160;
  const { bars } = options;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = bars.length > 0 ? plotW / bars.length : plotW;
  const barW = Math.max(1, slot * 0.8);
  const baseY = PAD.top + plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<line class="grid" x1="${PAD.left}" y1="${PAD.top}" x2="${width - PAD.right}" y2="${PAD.top}"/>`,
    `<text x="${PAD.left - 4}" y="${PAD.top + 4}" text-anchor="end">${fmt(top)}</text>`,
    `<text x="${PAD.left - 4}" y="${baseY}" text-anchor="end">0</text>`,
  ];
  bars.forEach((bar, i) => {
    const value = Number.isFinite(bar.value) && bar.value > 0 ? bar.value : 0;
    const h = (value / top) * plotH;
    const x = PAD.left + i * slot + (slot - barW) / 2;
    parts.push(
      `<rect class="bar" x="${x.toFixed(1)}" y="${(baseY - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}">` +
        `<title>${escapeHtml(`${bar.label}: ${fmt(value)} ${options.unit}`)}</title></rect>`,
    );
    if (bar.tick) {
      parts.push(
        `<text x="${(x + barW / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${escapeHtml(bar.tick)}</text>`,
      );
    }
  });
  parts.push(
    `<line class="axis" x1="${PAD.left}" y1="${baseY}" x2="${width - PAD.right}" y2="${baseY}"/>`,
  );
  if (bars.every((b) => !(b.value > 0))) {
    parts.push(
      `<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" text-anchor="middle">no data yet</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Ticks every `step` bars, ending on the newest, so the latest bucket is always labelled. */
function ticked(buckets: readonly Bucket[], step: number, tick: (b: Bucket) => string): Bar[] {
  const last = buckets.length - 1;
  return buckets.map((b, i) => ({
    label: b.bucket,
    value: b.count,
    tick: (last - i) % step === 0 ? tick(b) : undefined,
  }));
}

/** Alerts per day (UTC day buckets), a tick each week. */
export function alertsPerDayChart(buckets: readonly Bucket[]): string {
  return barChart({
    title: `Alerts per day, last ${buckets.length} days (UTC)`,
    unit: 'alerts',
    bars: ticked(buckets, 7, (b) => b.bucket.slice(5)),
  });
}

/** New items per hour (UTC hour buckets), a tick every six hours. */
export function itemsPerHourChart(buckets: readonly Bucket[]): string {
  return barChart({
    title: `New items per hour, last ${buckets.length} hours (UTC)`,
    unit: 'items',
    bars: ticked(buckets, 6, (b) => `${b.bucket.slice(11)}h`).map((bar) => ({
      ...bar,
      label: `${bar.label.replace('T', ' ')}:00 UTC`,
    })),
  });
}
