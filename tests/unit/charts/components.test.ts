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

const components = [
  'treemap/Treemap.svelte',
  'rf-grid/RfGrid.svelte',
  'histogram/Histogram.svelte',
  'whale-curve/WhaleCurve.svelte',
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
