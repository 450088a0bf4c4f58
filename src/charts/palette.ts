/**
 * The charts' colours, in one place. Components write them as `fill`/`stroke` attributes on the SVG marks (not
 * only in scoped CSS), so an SVG copied or exported out of the page keeps its colours. Sequential fills of
 * tiles and cells come from `sequentialColor` (shared.ts); the colour of text on them from `textColorOn`.
 */
export const palette = {
  /** Tick labels. */
  ink: '#333333',
  /** Axis titles, reference lines and their labels, empty-chart text. */
  muted: '#555555',
  /** Axis lines and tick marks. */
  axis: '#888888',
  /** Grid lines behind the marks. */
  grid: '#e3e6ea',
  /** Histogram bars. */
  bar: '#6a9fcf',
  /** Cut points, the whale curve's peak and the brushed band's edge. */
  accent: '#c2410c',
  /** The brushed band's fill (the accent, light). */
  accentBand: 'rgba(194, 65, 12, 0.15)',
  /** The whale curve. */
  curve: '#1f4e79',
  /** Outline of the selected tile or cell. */
  outline: '#111111',
  /** The pointer's vertical line. */
  hover: '#333333',
  /** Observed figures of a model check (solid line). */
  actual: '#1f4e79',
  /** The model's figures (dashed line). */
  predicted: '#c2410c',
  /** Reference rules inside a plot (the end of the calibration period). */
  rule: '#555555',
  /** Outline of a partial cohort cell (its period is not over). */
  partial: '#111111',
  /** Lines of the migration Sankey's links, under their segment's colour. */
  linkOpacity: 0.45,
} as const;

/**
 * Categorical colours for series (cohorts, frequencies) and segments, colour-blind-safe (Okabe & Ito 2008,
 * black left out, blue repeated darker): the i-th series takes `seriesColors[i % length]`.
 */
export const seriesColors = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#004b75'] as const;

/** The colour of the i-th series, cycling through `seriesColors`. */
export function seriesColor(i: number): string {
  const n = seriesColors.length;
  return seriesColors[((Math.trunc(i) % n) + n) % n];
}
