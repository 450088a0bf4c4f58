import { describe, expect, it } from 'vitest';
import { chartFileName, pngSize, standaloneSvgText, styleText } from '../../../src/charts/export';

describe('chart files', () => {
  it('styleText keeps the given properties in order and leaves out empty values', () => {
    expect(styleText({ stroke: '#111', fill: 'rgb(1, 2, 3)', opacity: '', 'font-size': '12px' })).toBe('fill:rgb(1, 2, 3);stroke:#111;font-size:12px');
    expect(styleText({ fill: 'red' }, ['stroke'])).toBe('');
  });

  it('standaloneSvgText: namespace, size, viewBox (or one from the size) and a background under the marks', () => {
    expect(standaloneSvgText('<rect width="3" height="4"/>', { width: 300, height: 200, viewBox: '0 0 600 400' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 600 400">'
      + '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/><rect width="3" height="4"/></svg>\n',
    );
    expect(standaloneSvgText('', { width: 10, height: 20 }, '#000')).toContain('viewBox="0 0 10 20"><rect x="0" y="0" width="100%" height="100%" fill="#000"/>');
  });

  it.each([
    ['Segment map', 'svg', 'segment-map.svg'],
    ['Recency × frequency', 'png', 'recency-frequency.png'],
    ['Retención por cohorte', 'svg', 'retencion-por-cohorte.svg'],
    ['P(alive) by recency', 'svg', 'p-alive-by-recency.svg'],
    ['×', 'png', 'chart.png'],
  ] as const)('chartFileName(%j, %s) = %s', (title, ext, name) => expect(chartFileName(title, ext)).toBe(name));

  it('pngSize doubles by default and rounds', () => {
    expect(pngSize(380, 340)).toEqual({ width: 760, height: 680 });
    expect(pngSize(100.4, 50.6, 1.5)).toEqual({ width: 151, height: 76 });
  });
});
