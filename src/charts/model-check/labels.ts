/** Visible text of the model checks. The app passes its own; these are defaults. */
export interface ModelCheckLabels {
  actual: string;
  predicted: string;
  /** Accessible name and read-out of a point, from formatted figures. */
  point: (series: string, x: string, value: string) => string;
  empty: string;
  cumulative: {
    title: string;
    description: (weeks: string, calibrationWeeks: string, actual: string, predicted: string) => string;
    xTitle: string;
    yTitle: string;
    /** Label of the rule at the end of calibration. */
    calibrationEnd: (week: string) => string;
    tableCaption: string;
    columns: { week: string; actual: string; predicted: string };
  };
  holdout: {
    title: string;
    description: (classes: string, customers: string) => string;
    xTitle: string;
    yTitle: string;
    tableCaption: string;
    columns: { frequency: string; customers: string; actual: string; predicted: string };
  };
}

// The English text lives with every other UI string in the messages module.
export { modelCheckLabelsEn } from '../../i18n/en';
