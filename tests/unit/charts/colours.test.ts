import { describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Treemap from '../../../src/charts/treemap/Treemap.svelte';
import RfGrid from '../../../src/charts/rf-grid/RfGrid.svelte';
import Histogram from '../../../src/charts/histogram/Histogram.svelte';
import WhaleCurve from '../../../src/charts/whale-curve/WhaleCurve.svelte';
import CohortHeatmap from '../../../src/charts/cohort-heatmap/CohortHeatmap.svelte';
import CohortRevenue from '../../../src/charts/cohort-revenue/CohortRevenue.svelte';
import MigrationFlow from '../../../src/charts/migration-flow/MigrationFlow.svelte';
import MigrationMatrix from '../../../src/charts/migration-flow/MigrationMatrix.svelte';
import CumulativeTransactions from '../../../src/charts/model-check/CumulativeTransactions.svelte';
import PAliveByRecency from '../../../src/charts/p-alive/PAliveByRecency.svelte';
import { palette, seriesColor, seriesColors } from '../../../src/charts/palette';

/** The marks of an SVG: every rect, line, path, circle and text start tag, by element name (legend swatches included). */
function marks(body: string): { name: string; tag: string }[] {
  const svg = body.slice(body.indexOf('<svg'), body.lastIndexOf('</svg>'));
  return [...svg.matchAll(/<(rect|line|path|circle|text)\b[^>]*>/g)].map((m) => ({ name: m[1], tag: m[0] }));
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1] ?? null;

// What a mark needs to be seen outside the page: lines a stroke; rects, circles and text a fill; paths either.
function uncoloured(body: string): string[] {
  return marks(body)
    .filter(({ name, tag }) => {
      const fill = attr(tag, 'fill');
      const stroke = attr(tag, 'stroke');
      if (name === 'line') return !stroke;
      if (name === 'path') return !(stroke || (fill && fill !== 'none'));
      return !fill || (fill === 'none' && !stroke);
    })
    .map((m) => m.tag);
}

const charts = {
  treemap: render(Treemap, {
    props: {
      rows: [
        { segment: 'Champions', customers: 2345, revenue: 50_000, revenueShare: 0.312, avgMonetary: 21.32 },
        { segment: 'At risk', customers: 1200, revenue: 9_000, revenueShare: 0.056, avgMonetary: 7.5 },
      ],
      width: 600, height: 300, selected: 'At risk',
    },
  }).body,
  rfGrid: render(RfGrid, {
    props: { cells: [{ r: 5, f: 4, customers: 1234, revenue: 5000, avgMonetary: 4.05 }], bins: 5, width: 500, height: 400, selected: { r: 5, f: 4 } },
  }).body,
  histogram: render(Histogram, {
    props: { bins: [{ x0: 0, x1: 30, count: 40 }, { x0: 30, x1: 60, count: 20 }], cuts: [15, 45], width: 400, height: 200, label: 'Recency (days)' },
  }).body,
  whale: render(WhaleCurve, {
    props: {
      points: [
        { cumCustomerShare: 0.25, cumProfitShare: 1 }, { cumCustomerShare: 0.5, cumProfitShare: 1.5 },
        { cumCustomerShare: 0.75, cumProfitShare: 1.2 }, { cumCustomerShare: 1, cumProfitShare: 1 },
      ],
      totalProfit: 10, width: 400, height: 300, brushed: { from: 0.5, to: 1 },
    },
  }).body,
};

const cohortCells = [
  { cohort: '1997-01', period: 0, cohort_customers: 10, active_customers: 10, retention: 1, revenue: 100, partial: false },
  { cohort: '1997-01', period: 1, cohort_customers: 10, active_customers: 3, retention: 0.3, revenue: 20, partial: true },
];
const flows = [
  { before: 'New', after: 'A', customers: 3, revenue: 30 },
  { before: 'A', after: 'B', customers: 2, revenue: 5 },
];
const lifecycle = {
  cohortHeatmap: render(CohortHeatmap, { props: { cells: cohortCells, width: 400, height: 200, selected: { cohort: '1997-01', period: 0 } } }).body,
  cohortRevenue: render(CohortRevenue, { props: { cells: cohortCells, width: 400, height: 200 } }).body,
  migrationFlow: render(MigrationFlow, { props: { flows, width: 500, height: 300 } }).body,
  migrationMatrix: render(MigrationMatrix, { props: { flows, width: 500, height: 300, selected: { before: 'A', after: 'B' } } }).body,
  cumulative: render(CumulativeTransactions, {
    props: { weeks: [{ week: 1, actual: 2, predicted: 3 }, { week: 2, actual: 5, predicted: 5 }], calibrationWeeks: 1, width: 400, height: 200 },
  }).body,
  pAlive: render(PAliveByRecency, { props: { curves: [{ frequency: 1, points: [{ recency_weeks: 0, p_alive: 0.2 }] }], width: 400, height: 200 } }).body,
};
Object.assign(charts, lifecycle);

describe('chart colours are in the SVG itself', () => {
  test.each(Object.entries(charts))('%s: every mark carries its fill or stroke as an attribute', (_, body) => {
    expect(marks(body).length).toBeGreaterThan(0);
    expect(uncoloured(body)).toEqual([]);
  });

  test('the palette reaches the marks: histogram bars, cut lines, the whale curve, the selected outline', () => {
    const bars = marks(charts.histogram).filter((m) => m.name === 'rect');
    expect(bars.map((m) => attr(m.tag, 'fill'))).toEqual([palette.bar, palette.bar]);
    const cutLines = marks(charts.histogram).filter((m) => m.name === 'line' && attr(m.tag, 'stroke-dasharray') === '4 3');
    expect(cutLines.map((m) => attr(m.tag, 'stroke'))).toEqual([palette.accent, palette.accent]);
    const curve = marks(charts.whale).find((m) => m.name === 'path')!;
    expect([attr(curve.tag, 'fill'), attr(curve.tag, 'stroke')]).toEqual(['none', palette.curve]);
    const outline = marks(charts.treemap).find((m) => m.tag.includes('class="outline'))!;
    expect(attr(outline.tag, 'stroke')).toBe(palette.outline);
  });

  test('lifecycle charts: actual solid and model dashed in their palette colours; partial cells and series from the palette', () => {
    const lines = marks(lifecycle.cumulative).filter((m) => m.tag.includes('class="line"'));
    expect(lines.map((m) => [attr(m.tag, 'stroke'), attr(m.tag, 'stroke-dasharray')])).toEqual([[palette.actual, null], [palette.predicted, '6 4']]);
    const partial = marks(lifecycle.cohortHeatmap).filter((m) => attr(m.tag, 'stroke-dasharray') === '3 2');
    expect(partial.map((m) => attr(m.tag, 'stroke'))).toEqual([palette.partial]);
    const cohortLine = marks(lifecycle.cohortRevenue).find((m) => m.tag.includes('class="line"'))!;
    expect(attr(cohortLine.tag, 'stroke')).toBe(seriesColor(0));
    const rule = marks(lifecycle.cumulative).find((m) => m.name === 'line' && attr(m.tag, 'stroke-dasharray') === '2 3')!;
    expect(attr(rule.tag, 'stroke')).toBe(palette.rule);
  });

  test.each([
    [0, 0],
    [7, 7],
    [8, 0],
    [-1, 7],
  ])('seriesColor(%d) is seriesColors[%d] (cycling)', (i, k) => {
    expect(seriesColors).toHaveLength(8);
    expect(seriesColor(i)).toBe(seriesColors[k]);
  });

  test.each([
    'treemap/Treemap', 'rf-grid/RfGrid', 'histogram/Histogram', 'whale-curve/WhaleCurve', 'cohort-heatmap/CohortHeatmap',
    'migration-flow/MigrationFlow', 'migration-flow/MigrationMatrix', 'line-series/LineSeriesChart', 'chart-table/CellOutline',
  ])(
    '%s.svelte: no scoped style colours a mark, except the focus ring (an on-screen state)',
    (file) => {
      const source = readFileSync(fileURLToPath(new URL(`../../../src/charts/${file}.svelte`, import.meta.url)), 'utf8');
      const rules = (/<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '').split('\n').filter((l) => !/:focus-visible/.test(l));
      expect(rules.filter((l) => /(^|[\s{;])(fill|stroke)\s*:/.test(l))).toEqual([]);
    },
  );
});
