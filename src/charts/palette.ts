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
} as const;
