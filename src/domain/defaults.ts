import { defaultLifecycle, emptyMapping, zeroCostModel, type AnalysisSettings } from './settings';

/** The settings a new analysis starts from. */
export function defaultSettings(): AnalysisSettings {
  return {
    mapping: emptyMapping(),
    dateFormat: 'iso',
    decimalMark: 'point',
    analysisDate: null,
    monetaryMode: 'total',
    scoreMethod: 'quantile',
    bins: 5,
    customCuts: null,
    segmentPreset: 'rfm',
    segmentRules: [],
    costModel: zeroCostModel(),
    lifecycle: defaultLifecycle(),
  };
}
