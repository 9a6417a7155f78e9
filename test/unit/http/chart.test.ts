import { describe, expect, it } from 'vitest';
import {
  alertsPerDayChart,
  barChart,
  itemsPerHourChart,
  niceMax,
} from '../../../src/http/dashboard/chart.js';

describe('barChart (inline SVG)', () => {
  it('draws one bar per value, scaled to a round maximum', () => {
    const svg = barChart({
      title: 'Alerts per day',
      unit: 'alerts',
      height: 130,
      bars: [
        { label: '2026-11-25', value: 0, tick: '11-25' },
        { label: '2026-11-26', value: 3 },
        { label: '2026-11-27', value: 5, tick: '11-27' },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    const heights = [...svg.matchAll(/<rect class="bar"[^>]*height="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    // Plot height 130 - 30 padding = 100; axis max niceMax(5) = 5.
    expect(heights).toEqual([0, 60, 100]);
    expect(svg).toContain('<title>2026-11-26: 3 alerts</title>');
    expect(svg.match(/<text[^>]*text-anchor="middle">11-2[57]<\/text>/g)).toHaveLength(2);
    expect(svg).not.toContain('no data yet');
  });

  it('says so when there is no data, and never divides by zero', () => {
    const svg = barChart({ title: 't', unit: 'items', bars: [{ label: 'a', value: 0 }] });
    expect(svg).toContain('no data yet');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(barChart({ title: 't', unit: 'items', bars: [] })).not.toMatch(/NaN|Infinity/);
  });

  it('escapes every label and uses no inline style or script', () => {
    const svg = barChart({
      title: '<script>alert(1)</script>',
      unit: '"units"',
      bars: [{ label: '</title><script>x</script>', value: 1, tick: '<b>&' }],
    });
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(svg).toContain('&#60;b&#62;&#38;');
    expect(svg).not.toMatch(/style=|on\w+=/);
  });

  it('rounds the axis to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 10, 11, 240, 999].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 500, 1000]);
  });

  it('labels the newest bucket and every week (days) or six hours (hours) before it', () => {
    const days = Array.from({ length: 15 }, (_, i) => ({
      bucket: `2026-11-${String(13 + i).padStart(2, '0')}`,
      count: i,
    }));
    const dayTicks = [...alertsPerDayChart(days).matchAll(/text-anchor="middle">([^<]+)</g)];
    expect(dayTicks.map((m) => m[1])).toEqual(['11-13', '11-20', '11-27']);
    const hours = Array.from({ length: 13 }, (_, i) => ({
      bucket: `2026-11-27T${String(i).padStart(2, '0')}`,
      count: 1,
    }));
    const chart = itemsPerHourChart(hours);
    const hourTicks = [...chart.matchAll(/text-anchor="middle">([^<]+)</g)];
    expect(hourTicks.map((m) => m[1])).toEqual(['00h', '06h', '12h']);
    expect(chart).toContain('<title>2026-11-27 12:00 UTC: 1 items</title>');
  });
});
