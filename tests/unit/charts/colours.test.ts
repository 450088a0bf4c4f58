import { describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Treemap from '../../../src/charts/treemap/Treemap.svelte';
import RfGrid from '../../../src/charts/rf-grid/RfGrid.svelte';
import Histogram from '../../../src/charts/histogram/Histogram.svelte';
import WhaleCurve from '../../../src/charts/whale-curve/WhaleCurve.svelte';
import { palette } from '../../../src/charts/palette';

/** The marks of an SVG: every rect, line, path, circle and text start tag, by element name. */
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

  test.each(['treemap/Treemap', 'rf-grid/RfGrid', 'histogram/Histogram', 'whale-curve/WhaleCurve'])(
    '%s.svelte: no scoped style colours a mark, except the focus ring (an on-screen state)',
    (file) => {
      const source = readFileSync(fileURLToPath(new URL(`../../../src/charts/${file}.svelte`, import.meta.url)), 'utf8');
      const rules = (/<style>([\s\S]*?)<\/style>/.exec(source)?.[1] ?? '').split('\n').filter((l) => !/:focus-visible/.test(l));
      expect(rules.filter((l) => /(^|[\s{;])(fill|stroke)\s*:/.test(l))).toEqual([]);
    },
  );
});
