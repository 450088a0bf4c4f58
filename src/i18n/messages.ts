/**
 * Every string the UI shows has a key in `Messages`. `en.ts` is the English text; a language is another file
 * that implements this interface (strings are plain `string`, sentences with figures are functions of their
 * parameters) and is registered in `locale.svelte.ts`. Components import `t`, the current language's messages.
 */
import type { UserError, UserErrorCode } from '../../workers/errors';
import type { ExportDialect } from '../../workers/csv-text';
import type { Role, DateFormat, DecimalMark } from '../domain/settings';
import type { RuleProblem } from '../domain/segment-rules';
import type { ShareLinkProblem } from '../domain/share-link';
import type { StorageProblem } from '../state/file-store';
import type { TreemapLabels } from '../charts/treemap/labels';
import type { RfGridLabels } from '../charts/rf-grid/labels';
import type { HistogramLabels } from '../charts/histogram/labels';
import type { WhaleLabels } from '../charts/whale-curve/labels';
import type { CohortHeatmapLabels } from '../charts/cohort-heatmap/labels';
import type { CohortRevenueLabels } from '../charts/cohort-revenue/labels';
import type { MigrationFlowLabels, MigrationMatrixLabels } from '../charts/migration-flow/labels';
import type { ModelCheckLabels } from '../charts/model-check/labels';
import type { PAliveLabels } from '../charts/p-alive/labels';

/** The text of one language. */
export interface Messages {
  appName: string;
  /** The export controls: the CSV dialect, the report tables' downloads and the charts' images. */
  exports: {
    csvFormat: string;
    dialects: Record<ExportDialect, string>;
    transactionsCsv: string;
    segmentsCsv: string;
    segmentsParquet: string;
    profitCsv: string;
    profitParquet: string;
    /** A chart's download buttons, named with the chart's title. */
    chartSvg: (title: string) => string;
    chartPng: (title: string) => string;
  };
  tagline: string;
  /** Label of the language selector in the header. */
  language: string;
  openTitle: string;
  openFile: string;
  trySample: string;
  sampleSource: string;
  openUrl: string;
  openUrlButton: string;
  dropHint: string;
  dropHere: string;
  loading: string;
  cancel: string;
  /** Load progress, from formatted figures. */
  progress: (bytes: string, total: string, rows: string) => string;
  cancelled: string;
  notices: {
    cancelled: string;
    restored: string;
    restarted: string;
    'scoring-cancelled': string;
    /** A set-up's rule named New (reserved for the migration's new customers) was renamed `name`. */
    'rule-renamed': (name: string) => string;
    /** A set-up's rules could not be scored, so the RFM preset's are in use. */
    'rules-replaced': string;
  };
  /** The share link (src/ui/ShareControls.svelte, SharedLinkNotice.svelte). */
  share: {
    copy: string;
    copied: string;
    clipboardRefused: string;
    linkField: string;
    incoming: string;
    incomingUrl: (url: string) => string;
    openAddress: string;
    chooseFile: string;
    missingLanguage: (code: string) => string;
    problems: Record<ShareLinkProblem, string>;
  };
  /** Saved work (src/ui/SavedWorkNotice.svelte). */
  savedWork: {
    restored: (files: string) => string;
    forget: string;
    forgotten: string;
    restoreFailed: string;
    problems: Record<StorageProblem, string>;
  };
  engineSilent: (seconds: number) => string;
  restoring: string;
  starting: string;
  roles: Record<Role, string>;
  noColumn: string;
  mappingTitle: string;
  mappingHelp: string;
  dateFormat: string;
  dateFormats: Record<DateFormat, string>;
  decimalMark: string;
  decimalMarks: Record<DecimalMark, string>;
  ambiguousDates: string;
  ambiguousPreview: (raw: string, dmy: string, mdy: string) => string;
  previewTitle: string;
  fileFacts: (name: string, rows: string, how: string) => string;
  fileFormat: {
    parquet: string;
    parquetReaders: Record<string, string>;
    delimiters: Record<string, string>;
    utf8: string;
    windows1252: string;
    utf16le: string;
    utf16be: string;
    gzip: string;
    header: string;
    noHeader: string;
    preamble: (n: number) => string;
  };
  analyze: string;
  analyzing: string;
  /** The label of Analyze's progress bar. */
  typingRows: string;
  /** Under it: rows typed of the rows read. */
  rowsTyped: (done: string, total: string) => string;
  summaryTitle: string;
  summary: {
    rowsRead: string;
    rowsUsed: string;
    customers: string;
    orders: string;
    firstOrder: string;
    lastOrder: string;
    revenue: string;
    returns: string;
    ordersNotPositive: string;
  };
  ordersAreCustomerDays: string;
  excludedTitle: string;
  noneExcluded: string;
  reasons: Record<string, string>;
  download: string;
  downloadRows: (reason: string) => string;
  returnsLine: (rows: string, orders: string) => string;
  noRowsUsedHelp: string;
  oneCustomer: string;
  oddities: {
    'far-past': (d: string) => string;
    future: (d: string) => string;
  };
  dismiss: string;
  errorTitle: string;
  keptData: string;
  errors: Record<UserErrorCode, string>;
  rfm: {
    title: string;
    analysisDate: string;
    analysisDateHelp: (d: string) => string;
    resetDate: string;
    method: string;
    methods: {
      quantile: string;
      'equal-size': string;
      custom: string;
    };
    bins: string;
    binsOption: (k: number) => string;
    monetary: string;
    monetaryModes: {
      total: string;
      average: string;
    };
    preset: string;
    presets: {
      rfm: string;
      'rf-grid': string;
      custom: string;
    };
    customCuts: (measure: string) => string;
    customCutsHelp: (n: number) => string;
    measures: {
      recency: string;
      frequency: string;
      monetary: string;
    };
    cutsTitle: string;
    cutsNone: string;
    scoreHeader: (k: number) => string;
    emptyScores: (measure: string, scores: string) => string;
    scoring: string;
    cancelScoring: string;
    customers: (n: string) => string;
    segmentMap: string;
    colorBy: string;
    colorByOptions: {
      revenueShare: string;
      avgMonetary: string;
    };
    grid: string;
    gridMetric: string;
    gridMetrics: {
      customers: string;
      revenue: string;
      avgMonetary: string;
    };
    segmentsTable: string;
    segmentColumns: {
      segment: string;
      customers: string;
      pct_customers: string;
      revenue: string;
      pct_revenue: string;
      avg_recency: string;
      avg_frequency: string;
      avg_monetary: string;
    };
    distributions: string;
    /** Shown while the worker builds the histograms (only when the distributions are on screen). */
    distributionsBusy: string;
    selection: string;
    selectionAll: string;
    selectionSegment: (s: string) => string;
    selectionCell: (r: number, f: number) => string;
    selectionRank: (from: string, to: string) => string;
    selectionBelow: string;
    showAll: string;
    customersTitle: string;
    exportCsv: string;
    exportParquet: string;
    rulesTitle: string;
    columns: {
      customer_id: string;
      recency_days: string;
      frequency: string;
      monetary: string;
      r_score: string;
      f_score: string;
      m_score: string;
      rfm_cell: string;
      segment: string;
      orders: string;
    };
  };
  profit: {
    title: string;
    costModel: string;
    costModelHelp: string;
    marginPct: string;
    marginAssumption: string;
    fromFile: string;
    costPerOrder: string;
    costPerReturn: string;
    costPerCustomerYear: string;
    adequateLevel: string;
    /** A cost-model value that cannot be used; profit keeps the last valid model meanwhile. */
    problem: (label: string, p: {
      kind: 'not-decimal' | 'margin-over-100' | 'negative-cost';
      text: string | null;
      limits: {
        digits: number;
        decimals: number;
      };
    }) => string;
    unknown: string;
    totals: {
      revenue: string;
      gross_margin: string;
      cost_to_serve: string;
      profit: string;
      below: string;
    };
    whale: string;
    brushHelp: string;
    selectTail: string;
    selectTop: string;
    selectBelow: string;
    bySegment: string;
    bySegmentColumns: {
      segment: string;
      customers: string;
      revenue: string;
      gross_margin: string;
      cost_to_serve: string;
      profit: string;
      profit_per_customer: string;
      below_adequate: string;
      pct_below_adequate: string;
    };
    deciles: string;
    decile: (d: number) => string;
    sinkReasons: Record<string, string>;
    columns: {
      gross_margin: string;
      cost_to_serve: string;
      profit: string;
      sink_reason: string;
    };
  };
  /** What was found, in a sentence, for the errors that carry facts; null for the others. */
  found: (e: UserError) => string | null;
  /** Where an error was found: file, row, column (each optional). */
  where: (file?: string, row?: number, column?: string) => string;
  customersTable: {
    search: string;
    searchHint: string;
    count: (n: number, formatted: string) => string;
    loading: string;
    loadingRow: string;
    empty: string;
    error: string;
    retry: string;
    rowsHint: string;
    sortedAsc: string;
    sortedDesc: string;
  };
  profile: {
    title: (customer: string) => string;
    close: string;
    figures: string;
    firstOrder: string;
    lastOrder: string;
    orders: string;
    recency: string;
    frequency: string;
    monetary: string;
    scores: string;
    scoresValue: (r: number, f: number, m: number) => string;
    cell: string;
    segment: string;
    timelineTitle: string;
    timelineDescription: (orders: number, ordersText: string, from: string, to: string, minNet: string, maxNet: string, negatives: number, negativesText: string) => string;
    timelineLegend: string;
    analysisDateMark: string;
    noOrders: string;
    ordersTable: string;
    columns: {
      order: string;
      date: string;
      net: string;
      lines: string;
      return: string;
    };
    yes: string;
  };
  rules: {
    intro: string;
    caption: string;
    columns: {
      order: string;
      name: string;
      rFrom: string;
      rTo: string;
      fFrom: string;
      fTo: string;
      mFrom: string;
      mTo: string;
      customers: string;
      actions: string;
    };
    nameLabel: (n: number) => string;
    ruleSubject: (name: string, n: number, duplicate: boolean) => string;
    boundLabel: (subject: string, measure: 'R' | 'F' | 'M', end: 'from' | 'to') => string;
    outOfRange: (v: number) => string;
    moveUp: (subject: string) => string;
    moveDown: (subject: string) => string;
    delete: (subject: string) => string;
    moveUpText: string;
    moveDownText: string;
    deleteText: string;
    add: string;
    newName: string;
    pending: string;
    shadowed: string;
    takesNone: string;
    others: (n: string) => string;
    problemsTitle: string;
    problem: (subject: string, message: string) => string;
    /** A rule's problem found by `validateRules`, in a sentence. */
    ruleProblem: (p: RuleProblem) => string;
    noRules: string;
  };
  /**
   * The shown labels of the segments' stable names (the presets' names and 'Others'), which selections,
   * settings and exports keep. A name the user typed has no entry and is shown as typed.
   */
  segmentNames: Record<string, string>;
  /** The charts' text (their components take it as a `labels` prop). */
  charts: {
    treemap: TreemapLabels;
    rfGrid: RfGridLabels;
    histogram: HistogramLabels;
    whale: WhaleLabels;
  };
  /** The lifecycle views' charts (cohorts, segment migration, model checks, P(alive)); components take them as `labels`. */
  lifecycleCharts: {
    /** The toggle that shows a chart's data as a table. */
    tableView: string;
    /** One of the largest moves, in a sentence, from a formatted count: "312 Champions became At Risk". */
    migrationMove: (customers: string, before: string, after: string) => string;
    cohortHeatmap: CohortHeatmapLabels;
    cohortRevenue: CohortRevenueLabels;
    migrationFlow: MigrationFlowLabels;
    migrationMatrix: MigrationMatrixLabels;
    modelCheck: ModelCheckLabels;
    pAlive: PAliveLabels;
  };
  /** The lifecycle views: cohorts, segment migration and lifetime value, and the navigation between views. */
  lifecycle: {
    /** The navigation's accessible name and its tabs. */
    nav: string;
    tabs: { overview: string; segments: string; customers: string; profit: string; cohorts: string; migration: string; clv: string };
    selectionCohort: (cohort: string, period: string) => string;
    selectionMigration: (before: string, after: string) => string;
    /** The "before" segment of customers who had not bought by the comparison date. */
    newSegment: string;
    failed: string;
    cohorts: {
      title: string;
      grain: string;
      month: string;
      quarter: string;
      computing: string;
      /** From formatted figures. */
      note: (customers: string, cohorts: string, withoutCohort: string) => string;
      definition: string;
      partialNote: string;
      revenueTitle: string;
      exportCsv: string;
    };
    migration: {
      title: string;
      compareWith: string;
      computing: string;
      invalidDate: string;
      /** From formatted figures and dates. */
      summary: (compareDate: string, analysisDate: string, before: string, after: string, newCustomers: string, stayed: string, moved: string) => string;
      definition: string;
      largest: string;
      noMoves: string;
      matrixTitle: string;
      exportCsv: string;
    };
    clv: {
      title: string;
      calibrationEnd: string;
      calibrationHint: (lastDay: string) => string;
      horizon: string;
      discount: string;
      keyAccountCount: string;
      computing: (step: string, done: string, total: string) => string;
      steps: { summary: string; fit: string; spend: string; predict: string; check: string };
      cancel: string;
      cancelled: string;
      invalidCalibration: string;
      invalidHorizon: string;
      parametersTitle: string;
      /** Parameters and log-likelihood, formatted; the time unit is named. */
      bgnbd: (r: string, alpha: string, a: string, b: string, ll: string) => string;
      gammaGamma: (p: string, q: string, gamma: string, ll: string, customers: string) => string;
      noGammaGamma: string;
      converged: string;
      notConverged: string;
      modelSentence: string;
      boundary: string;
      oneTimeBuyers: string;
      summary: (customers: string, repeat: string, weeks: string, end: string) => string;
      later: (customers: string) => string;
      refused: string;
      warned: string;
      minData: { 'few-customers': (value: string, limit: string) => string; 'few-repeat-buyers': (value: string, limit: string) => string; 'short-calibration': (value: string, limit: string) => string };
      totals: (transactions: string, weeks: string, clv: string, meanPAlive: string) => string;
      distributionsTitle: string;
      pAliveTitle: string;
      expectedTitle: string;
      byRecencyTitle: string;
      keyAccountsTitle: string;
      keyAccountsNote: string;
      columns: { customer_id: string; segment: string; p_alive: string; expected_orders: string; expected_order_value: string; clv: string; expected_cost: string; net_clv: string };
      modelCheckTitle: string;
      modelCheckNote: (holdoutWeeks: string) => string;
      noHoldout: string;
      exportModel: string;
    };
  };
  /** The workbench around the views: the bar above the tabs, the overview, the selection bar, the printed report. */
  workbench: {
    /** The bar's settings: its accessible name, the mapping disclosure and the print button. */
    settings: string;
    mapping: string;
    printReport: string;
    /** The data-quality disclosure's button (the headline figures stay visible). */
    qualityDetails: string;
    overviewTitle: string;
    figures: { customers: string; revenue: string; analysisDate: string; profit: string; unprofitable: string };
    /** What the figures say when there is no cost model (no profit headline). */
    noProfit: string;
    /** The overview's links into the other views: the group's name and each button ("Open Segments"). */
    goTo: string;
    open: (view: string) => string;
    /** The selection bar under a view: opens the Customers view on the selection. */
    showCustomers: string;
    reportTitle: string;
    /** The printed report's subtitle: the files and the analysis date. */
    reportOf: (files: string, analysisDate: string) => string;
  };
}

/** The messages of the current language; every read follows `setLanguage` (see locale.svelte.ts). */
export { t } from './locale.svelte';
