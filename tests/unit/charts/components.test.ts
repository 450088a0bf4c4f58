import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import Treemap from '../../../src/charts/treemap/Treemap.svelte';
import RfGrid from '../../../src/charts/rf-grid/RfGrid.svelte';
import Histogram from '../../../src/charts/histogram/Histogram.svelte';
import WhaleCurve from '../../../src/charts/whale-curve/WhaleCurve.svelte';
import { treemapLabelsEn } from '../../../src/charts/treemap/labels';
import CohortHeatmap from '../../../src/charts/cohort-heatmap/CohortHeatmap.svelte';
import CohortRevenue from '../../../src/charts/cohort-revenue/CohortRevenue.svelte';
import MigrationFlow from '../../../src/charts/migration-flow/MigrationFlow.svelte';
import MigrationMatrix from '../../../src/charts/migration-flow/MigrationMatrix.svelte';
import CumulativeTransactions from '../../../src/charts/model-check/CumulativeTransactions.svelte';
import HoldoutByFrequency from '../../../src/charts/model-check/HoldoutByFrequency.svelte';
import PAliveDistribution from '../../../src/charts/p-alive/PAliveDistribution.svelte';
import PAliveByRecency from '../../../src/charts/p-alive/PAliveByRecency.svelte';

const components = [
  'treemap/Treemap.svelte',
  'rf-grid/RfGrid.svelte',
  'histogram/Histogram.svelte',
  'whale-curve/WhaleCurve.svelte',
  'chart-table/ChartTable.svelte',
  'chart-table/CellOutline.svelte',
  'line-series/LineSeriesChart.svelte',
  'cohort-heatmap/CohortHeatmap.svelte',
  'cohort-revenue/CohortRevenue.svelte',
  'migration-flow/MigrationFlow.svelte',
  'migration-flow/MigrationMatrix.svelte',
  'migration-flow/MigrationTable.svelte',
  'model-check/CumulativeTransactions.svelte',
  'model-check/HoldoutByFrequency.svelte',
  'p-alive/PAliveDistribution.svelte',
  'p-alive/PAliveByRecency.svelte',
];

describe('components compile', () => {
  test.each(components)('%s compiles for the client with no warnings (no a11y_ ones in particular)', (file) => {
    const path = fileURLToPath(new URL(`../../../src/charts/${file}`, import.meta.url));
    const source = readFileSync(path, 'utf8');
    const result = compile(source, { generate: 'client', filename: path, runes: true });
    const codes = result.warnings.map((w) => w.code);
    expect(codes.filter((c) => c.startsWith('a11y'))).toEqual([]);
    expect(codes).toEqual([]);
    // Svelte 5 syntax only
    expect(source).not.toMatch(/export let|on:[a-z]+=|\$:/);
  });
});

describe('components render (server)', () => {
  const rows = [
    { segment: 'Champions', customers: 2345, revenue: 50_000, revenueShare: 0.312, avgMonetary: 21.32 },
    { segment: 'At risk', customers: 1200, revenue: 9_000, revenueShare: 0.056, avgMonetary: 7.5 },
  ];

  test('Treemap: one role=button tile per segment, named with its figures; the selected one is pressed', () => {
    const { body } = render(Treemap, { props: { rows, width: 600, height: 300, selected: 'At risk' } });
    expect(body.match(/role="button"/g)).toHaveLength(2);
    expect(body).toContain('aria-label="Champions: 2,345 customers, 31.2% of revenue"');
    expect(body).toMatch(/aria-label="At risk: 1,200 customers, 5.6% of revenue" aria-pressed="true"/);
    expect(body).toMatch(/aria-label="Champions[^"]*" aria-pressed="false"/);
    expect(body).toContain('tabindex="0"');
    expect(body).toContain('class="outline');
  });

  test('Treemap: labels and locale come from props; no rows shows the empty text', () => {
    const labels = { ...treemapLabelsEn, tile: (s: string, c: string, p: string) => `${s} · ${c} clientes · ${p}`, empty: 'Nada' };
    const { body } = render(Treemap, { props: { rows, width: 600, height: 300, locale: 'es', labels } });
    expect(body).toContain('aria-label="Champions · 2345 clientes · 31,2\u00a0%"');
    expect(render(Treemap, { props: { rows: [], width: 600, height: 300, labels } }).body).toContain('Nada');
  });

  test('RfGrid: k×k role=button cells named "R r, F f: n customers", axis titles shown', () => {
    const cells = [{ r: 5, f: 4, customers: 1234, revenue: 5000, avgMonetary: 4.05 }];
    const { body } = render(RfGrid, { props: { cells, bins: 5, width: 500, height: 400, selected: { r: 5, f: 4 } } });
    expect(body.match(/role="button"/g)).toHaveLength(25);
    expect(body).toMatch(/aria-label="R 5, F 4: 1,234 customers" aria-pressed="true"/);
    expect(body).toContain('aria-label="R 1, F 1: 0 customers"');
    expect(body).toContain('Recency score R (5 = most recent, right)');
    expect(body).toContain('Frequency score F (5 = most frequent, top)');
  });

  test('Histogram: role=img with <title> and <desc>, one line per cut', () => {
    const bins = [
      { x0: 0, x1: 30, count: 40 },
      { x0: 30, x1: 60, count: 20 },
    ];
    const { body } = render(Histogram, { props: { bins, cuts: [15, 45], width: 400, height: 200, label: 'Recency (days)' } });
    expect(body).toContain('role="img"');
    expect(body).toMatch(/<title id="[^"]+-title">Recency \(days\)<\/title>/);
    expect(body).toContain('Histogram of Recency (days) for 60 customers, from 0 to 60. Score cut points at 15, 45.');
    expect(body.match(/<rect /g)).toHaveLength(2);
    expect(body.match(/class="cuts[^"]*"[\s\S]*?<\/g>/)![0].match(/<line /g)).toHaveLength(2);
  });

  test('WhaleCurve: the peak sentence as caption; a non-positive total shows the message instead', () => {
    const points = [
      { cumCustomerShare: 0.25, cumProfitShare: 1 },
      { cumCustomerShare: 0.5, cumProfitShare: 1.5 },
      { cumCustomerShare: 0.75, cumProfitShare: 1.2 },
      { cumCustomerShare: 1, cumProfitShare: 1 },
    ];
    const { body } = render(WhaleCurve, { props: { points, totalProfit: 10, width: 400, height: 300 } });
    expect(body).toContain('The most profitable 50% of customers earn 150% of the profit; the rest lose 50%.');
    expect(body).toContain('<path class="curve');
    const empty = render(WhaleCurve, { props: { points, totalProfit: 0, width: 400, height: 300 } }).body;
    expect(empty).toContain('Total profit is zero or negative');
    expect(empty).not.toContain('<svg');
  });
});

describe('lifecycle components render (server)', () => {
  const cell = (cohort: string, period: number, customers: number, active: number, revenue: number, partial = false) => ({
    cohort, period, cohort_customers: customers, active_customers: active, retention: active / customers, revenue, partial,
  });
  const cells = [cell('1997-01', 0, 7814, 7814, 100_000), cell('1997-01', 1, 7814, 1172, 30_000), cell('1997-02', 0, 500, 500, 9000, true)];
  const flows = [
    { before: 'New', after: 'Champions', customers: 40, revenue: 900 },
    { before: 'Champions', after: 'Champions', customers: 500, revenue: 20_000 },
    { before: 'Champions', after: 'At Risk', customers: 312, revenue: 1500.5 },
  ];

  test('CohortHeatmap: a named, focusable cell per given cell, row labels with sizes, the partial one marked; a table view', () => {
    const { body } = render(CohortHeatmap, { props: { cells, width: 500, height: 200, selected: { cohort: '1997-01', period: 1 } } });
    expect(body).toMatch(/<svg[^>]*aria-label="Retention by acquisition cohort\. 2 cohorts over 2 periods/);
    expect(body.match(/<g role="button" tabindex="0"/g)).toHaveLength(3);
    expect(body).toContain('1997-01 · 7,814');
    expect(body).toMatch(/aria-label="Cohort 1997-01, period 1: 1,172 of 7,814 customers active, 15% retention, revenue 30,000.00" aria-pressed="true"/);
    expect(body).toContain('aria-label="Cohort 1997-02, period 0: 500 of 500 customers active, 100% retention, revenue 9,000.00 (partial period)"');
    expect(body.match(/stroke-dasharray="3 2"/g)).toHaveLength(1);
    expect(body).toMatch(/<button[^>]*aria-pressed="true"[^>]*>Retention<\/button>/);
    expect(body).toMatch(/<button type="button" class="secondary" aria-expanded="false" aria-controls="[^"]+">Table view<\/button>/);
    expect(body).toMatch(/<table id="[^"]+" hidden=""/);
    const revenue = render(CohortHeatmap, { props: { cells, width: 500, height: 200, mode: 'revenue' } }).body;
    expect(revenue).toMatch(/<button[^>]*aria-pressed="true"[^>]*>Revenue per customer<\/button>/);
  });

  test('CohortRevenue: one line per cohort, each point a named button, a legend', () => {
    const { body } = render(CohortRevenue, { props: { cells, width: 400, height: 200 } });
    expect(body.match(/<path class="line"/g)).toHaveLength(2);
    expect(body).toContain('aria-label="Cohort 1997-01, period 1: 16.64 per customer"'); // 130,000 / 7,814
    expect(body.match(/role="button"/g)).toHaveLength(3);
    expect(body).toMatch(/<li[^>]*>[\s\S]*?1997-02/);
  });

  test('MigrationFlow: a focusable, named path per flow; node labels with counts; the table view', () => {
    const { body } = render(MigrationFlow, { props: { flows, width: 600, height: 300, selected: { before: 'Champions', after: 'At Risk' } } });
    expect(body.match(/<path role="button" tabindex="0"/g)).toHaveLength(3);
    expect(body).toMatch(/aria-label="312 Champions → At Risk, net revenue 1,500.50" aria-pressed="true"/);
    expect(body).toContain('aria-label="500 stayed Champions, net revenue 20,000.00"');
    expect(body).toContain('Champions 812');
    expect(body).toContain('Champions 540');
    expect(body).toContain('Table view');
  });

  test('MigrationMatrix: a button per non-empty pair, totals shown', () => {
    const { body } = render(MigrationMatrix, { props: { flows, width: 500, height: 300 } });
    // rows Champions, New; columns Champions, At Risk: New → At Risk is empty
    expect(body.match(/<g role="button"/g)).toHaveLength(3);
    expect(body).toContain('Champions before: 812 customers, net revenue 21,500.50');
    expect(body).toContain('>852</text>');
  });

  test('CumulativeTransactions: actual solid, model dashed, the calibration rule labelled, weeks on x', () => {
    const weeks = [1, 2, 3].map((week) => ({ week, actual: week * 10, predicted: week * 12 }));
    const { body } = render(CumulativeTransactions, { props: { weeks, calibrationWeeks: 2, width: 400, height: 200 } });
    expect(body).toContain('role="img"');
    expect(body.match(/<path class="line"[^>]*stroke-dasharray="6 4"/g)).toHaveLength(1);
    expect(body).toContain('End of calibration (week 2)');
    expect(body).toContain('Week (weeks since the start)');
    expect(body).toContain('At the last week: 30 actual, 36 predicted by the model.');
  });

  test('HoldoutByFrequency: 7+ on the axis and in the table; points named', () => {
    const rows = [0, 7].map((f) => ({ frequency: f, customers: 100, actual: f / 4, predicted: f / 4 + 0.05 }));
    const { body } = render(HoldoutByFrequency, { props: { rows, width: 400, height: 200 } });
    expect(body).toContain('>7+</text>');
    expect(body).toMatch(/<th scope="row"[^>]*>7\+<\/th>/);
    expect(body).toContain('aria-label="Actual, 7+: 1.75"');
  });

  test('P(alive): the distribution is a histogram with a table; the recency chart has a line per frequency and weeks on x', () => {
    const bins = [{ x0: 0, x1: 0.1, count: 3 }, { x0: 0.9, x1: 1, count: 5 }];
    const dist = render(PAliveDistribution, { props: { bins, width: 400, height: 200 } }).body;
    expect(dist).toContain('Histogram of P(alive): probability that the customer is still active for 8 customers, from 0 to 1.');
    expect(dist).toMatch(/<th scope="row"[^>]*>0.9–1<\/th>/);
    const curves = [0, 7].map((frequency) => ({ frequency, points: [{ recency_weeks: 0, p_alive: 0.3 }, { recency_weeks: 39, p_alive: 0.9 }] }));
    const rec = render(PAliveByRecency, { props: { curves, width: 400, height: 200 } }).body;
    expect(rec.match(/<path class="line"/g)).toHaveLength(2);
    expect(rec).toContain('Recency (weeks from first to last purchase)');
    expect(rec).toContain('7+ repeat purchases');
    expect(rec).toContain('recency from 0 to 39 weeks');
  });
});
