/** The dashboard stylesheet, served as `/dashboard.css` so the CSP needs no inline styles. */
export const DASHBOARD_CSS = `
:root { --fg: #1d2330; --muted: #667085; --line: #d9dee7; --bg: #f6f7f9; --accent: #1f5fbf;
  --bad: #b42318; --ok: #067647; --warn: #b54708; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: var(--bg); }
header { background: #101828; color: #fff; padding: 0.6rem 1.2rem; display: flex; gap: 1.5rem;
  align-items: baseline; flex-wrap: wrap; }
header strong { font-size: 1.05rem; }
header nav a { color: #d0d5dd; margin-right: 1rem; text-decoration: none; }
header nav a.active, header nav a:hover { color: #fff; text-decoration: underline; }
main { padding: 1rem 1.2rem 3rem; max-width: 78rem; }
h1 { font-size: 1.35rem; margin: 0.4rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.6rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: #eef1f5; font-weight: 600; font-size: 0.85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); font-size: 0.85rem; }
.t { white-space: nowrap; }
.chip { display: inline-block; padding: 0 0.45rem; border-radius: 0.7rem; background: #e0eaff;
  color: #1d3d7a; font-size: 0.8rem; margin: 0 0.2rem 0.2rem 0; text-decoration: none; }
.badge-ok { color: var(--ok); font-weight: 600; }
.badge-bad { color: var(--bad); font-weight: 600; }
.badge-warn { color: var(--warn); font-weight: 600; }
mark { background: #fde68a; color: inherit; padding: 0 0.1rem; border-radius: 2px; }
ul.evidence { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.alert { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.7rem 0.9rem;
  margin-bottom: 0.7rem; }
.alert h3 { margin: 0 0 0.2rem; font-size: 1rem; }
form.filters { display: flex; gap: 0.8rem; align-items: end; margin-bottom: 1rem; flex-wrap: wrap; }
form.filters label { display: flex; flex-direction: column; font-size: 0.8rem; color: var(--muted); }
form.filters select, form.filters button { font: inherit; padding: 0.2rem 0.4rem; }
.charts { display: flex; gap: 1rem; flex-wrap: wrap; }
figure.chart { display: inline-block; margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px;
  padding: 0.5rem; }
figure.chart figcaption { font-size: 0.85rem; font-weight: 600; margin-bottom: 0.2rem; }
svg .bar { fill: #5b8def; }
svg .bar:hover { fill: #1f5fbf; }
svg .axis { stroke: #98a2b3; stroke-width: 1; }
svg .grid { stroke: #eaecf0; stroke-width: 1; }
svg text { fill: #475467; font-size: 10px; font-family: system-ui, sans-serif; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
`;
