/** The RFM views' charts: pure layouts (rows + size → shapes) and thin Svelte components. */
export * from './format';
export { treemapLayout, type SegmentRow, type TreemapColorBy, type TreemapLayout, type TreemapTile, type TreemapOptions } from './treemap/layout';
export { treemapLabelsEn, type TreemapLabels } from './treemap/labels';
export { default as Treemap } from './treemap/Treemap.svelte';
export { rfGridLayout, type RfCell, type RfMetric, type RfGridLayout, type RfGridCellShape, type RfGridOptions } from './rf-grid/layout';
export { rfGridLabelsEn, type RfGridLabels } from './rf-grid/labels';
export { default as RfGrid } from './rf-grid/RfGrid.svelte';
export { histogramLayout, type HistogramBin, type HistogramInput, type HistogramLayout, type HistogramBar, type CutLine } from './histogram/layout';
export { histogramLabelsEn, type HistogramLabels } from './histogram/labels';
export { default as Histogram } from './histogram/Histogram.svelte';
export {
  whaleCurveLayout,
  peakSentence,
  peakSentenceLabelsEn,
  type WhalePoint,
  type WhalePeak,
  type WhaleCurveLayout,
  type WhaleCurveResult,
  type PeakSentence,
  type PeakSentenceLabels,
} from './whale-curve/layout';
export { whaleLabelsEn, type WhaleLabels } from './whale-curve/labels';
export { default as WhaleCurve } from './whale-curve/WhaleCurve.svelte';
