/**
 * The English text of every UI string: the reference language, and the one chosen when the browser asks for none
 * of the others. Spanish, Portuguese and Dutch implement the same `Messages` interface (es.ts, pt.ts, nl.ts).
 */
import type { UserError } from '../../workers/errors';
import type { Role, DateFormat, DecimalMark } from '../domain/settings';
import type { TreemapLabels } from '../charts/treemap/labels';
import type { RfGridLabels } from '../charts/rf-grid/labels';
import type { HistogramLabels } from '../charts/histogram/labels';
import type { WhaleLabels } from '../charts/whale-curve/labels';
import type { PeakSentenceLabels } from '../charts/whale-curve/layout';
import type { CohortHeatmapLabels } from '../charts/cohort-heatmap/labels';
import type { CohortRevenueLabels } from '../charts/cohort-revenue/labels';
import type { MigrationFlowLabels, MigrationMatrixLabels } from '../charts/migration-flow/labels';
import type { ModelCheckLabels } from '../charts/model-check/labels';
import type { PAliveLabels } from '../charts/p-alive/labels';

import type { Messages } from './messages';

// Charts' text (their components take it as a `labels` prop).
export const treemapLabelsEn: TreemapLabels = {
  title: 'Customer segments, sized by customers',
  tile: (segment, customers, share) => `${segment}: ${customers} customers, ${share} of revenue`,
  customers: 'Customers',
  revenue: 'Revenue',
  revenueShare: 'Share of revenue',
  avgMonetary: 'Average monetary value',
  empty: 'No segments to show.',
};

export const rfGridLabelsEn: RfGridLabels = {
  title: 'Customers by recency and frequency score',
  xTitle: 'Recency score R (5 = most recent, right) →',
  yTitle: 'Frequency score F (5 = most frequent, top) →',
  cell: (r, f, customers) => `R ${r}, F ${f}: ${customers} customers`,
  revenue: 'Revenue',
  avgMonetary: 'Average monetary value',
};

export const histogramLabelsEn: HistogramLabels = {
  yTitle: 'Customers',
  description: (label, customers, from, to, cuts) =>
    `Histogram of ${label} for ${customers} customers, from ${from} to ${to}.` +
    (cuts ? ` Score cut points at ${cuts}.` : ''),
  empty: 'No data to show.',
  logScale: 'log scale',
};

export const peakSentenceLabelsEn: PeakSentenceLabels = {
  peak: (x, y, z) => `The most profitable ${x} of customers earn ${y} of the profit; the rest lose ${z}.`,
  noLoss: (x, y) => `No customer group loses money: ${x} of customers earn ${y} of the profit.`,
};

export const whaleLabelsEn: WhaleLabels = {
  ...peakSentenceLabelsEn,
  title: 'Whale curve: cumulative profit by customers, most profitable first',
  xTitle: 'Share of customers, most profitable first',
  yTitle: 'Share of total profit',
  hundred: '100% of profit',
  nonPositiveTotal: 'Total profit is zero or negative, so shares of it cannot be drawn.',
  noPoints: 'No customers to show.',
  readout: (customers: string, profit: string) => `The most profitable ${customers} of customers earn ${profit} of the profit.`,
};

// The lifecycle views' charts.
export const cohortHeatmapLabelsEn: CohortHeatmapLabels = {
  title: 'Retention by acquisition cohort',
  description: (cohorts, periods, mode) => `${cohorts} cohorts over ${periods} periods since their first purchase, coloured by ${mode}.`,
  modes: { retention: 'Retention', revenue: 'Revenue per customer' },
  modeToggle: 'Colour cells by',
  periodTitle: 'Periods since first purchase',
  rowLabel: (cohort, customers) => `${cohort} · ${customers}`,
  cell: (cohort, period, active, customers, retention, revenue, partial) =>
    `Cohort ${cohort}, period ${period}: ${active} of ${customers} customers active, ${retention} retention, revenue ${revenue}` +
    (partial ? ' (partial period)' : ''),
  empty: 'No cohorts to show.',
  tableCaption: 'Retention and revenue by cohort and period',
  columns: {
    cohort: 'Cohort',
    period: 'Period',
    customers: 'Cohort customers',
    active: 'Active customers',
    retention: 'Retention',
    revenue: 'Revenue',
    partial: 'Partial period',
  },
  partialYes: 'partial',
};

export const cohortRevenueLabelsEn: CohortRevenueLabels = {
  title: 'Cumulative net revenue per cohort customer',
  description: (cohorts, periods) => `One line per cohort (${cohorts}) over ${periods} periods since first purchase.`,
  xTitle: 'Periods since first purchase',
  yTitle: 'Cumulative revenue per customer',
  point: (cohort, period, value) => `Cohort ${cohort}, period ${period}: ${value} per customer`,
  empty: 'No cohorts to show.',
  tableCaption: 'Cumulative net revenue per cohort customer by period',
  columns: { cohort: 'Cohort', period: 'Period', value: 'Cumulative revenue per customer' },
};

export const migrationFlowLabelsEn: MigrationFlowLabels = {
  title: 'Segment migration',
  description: (moves, customers) => `${moves} flows of ${customers} customers from their segment before to their segment now.`,
  beforeTitle: 'Before',
  afterTitle: 'Now',
  node: (segment, customers) => `${segment} ${customers}`,
  link: (customers, before, after, revenue) =>
    before === after ? `${customers} stayed ${before}, net revenue ${revenue}` : `${customers} ${before} → ${after}, net revenue ${revenue}`,
  empty: 'No customers to show.',
  tableCaption: 'Customers by segment before and now',
  columns: { before: 'Before', after: 'Now', customers: 'Customers', revenue: 'Net revenue' },
};

export const migrationMatrixLabelsEn: MigrationMatrixLabels = {
  title: 'Segment migration matrix',
  description: (before, after, customers) => `${before} segments before by ${after} segments now, ${customers} customers.`,
  rowsTitle: 'Before ↓',
  columnsTitle: 'Now →',
  total: 'Total',
  rowTotal: (segment, customers, revenue) => `${segment} before: ${customers} customers, net revenue ${revenue}`,
  columnTotal: (segment, customers, revenue) => `${segment} now: ${customers} customers, net revenue ${revenue}`,
};

export const modelCheckLabelsEn: ModelCheckLabels = {
  actual: 'Actual',
  predicted: 'Model',
  point: (series, x, value) => `${series}, ${x}: ${value}`,
  empty: 'No figures to show.',
  cumulative: {
    title: 'Cumulative repeat transactions, actual and model',
    description: (weeks, calibration, actual, predicted) =>
      `${weeks} weeks; calibration ends at week ${calibration}. At the last week: ${actual} actual, ${predicted} predicted by the model.`,
    xTitle: 'Week (weeks since the start)',
    yTitle: 'Cumulative repeat transactions',
    calibrationEnd: (week) => `End of calibration (week ${week})`,
    tableCaption: 'Cumulative repeat transactions by week',
    columns: { week: 'Week', actual: 'Actual', predicted: 'Model' },
  },
  holdout: {
    title: 'Holdout transactions by repeat purchases in calibration',
    description: (classes, customers) => `Mean transactions per customer in the holdout weeks, actual and model, for ${classes} groups of ${customers} customers.`,
    xTitle: 'Repeat purchases in the calibration weeks',
    yTitle: 'Mean transactions in the holdout weeks',
    tableCaption: 'Mean holdout transactions by repeat purchases in calibration',
    columns: { frequency: 'Repeat purchases', customers: 'Customers', actual: 'Actual', predicted: 'Model' },
  },
};

export const pAliveLabelsEn: PAliveLabels = {
  distribution: {
    label: 'P(alive): probability that the customer is still active',
    histogram: { ...histogramLabelsEn },
    tableCaption: 'Customers by P(alive)',
    columns: { range: 'P(alive)', customers: 'Customers' },
    range: (from, to) => `${from}–${to}`,
  },
  byRecency: {
    title: 'P(alive) by recency, for each number of repeat purchases',
    description: (frequencies, weeks) => `One line per number of repeat purchases (${frequencies}), recency from 0 to ${weeks} weeks.`,
    xTitle: 'Recency (weeks from first to last purchase)',
    yTitle: 'P(alive)',
    series: (frequency) => `${frequency} repeat ${frequency === '1' ? 'purchase' : 'purchases'}`,
    empty: 'No figures to show.',
    tableCaption: 'P(alive) by repeat purchases and recency',
    columns: { frequency: 'Repeat purchases', recency: 'Recency (weeks)', pAlive: 'P(alive)' },
  },
};

export const en: Messages = {
  appName: 'Cartera',
  exports: {
    csvFormat: 'CSV format',
    dialects: { comma: 'Comma, decimal point', semicolon: 'Semicolon, decimal comma' },
    transactionsCsv: 'Export rows used (CSV)',
    segmentsCsv: 'Export segments (CSV)',
    segmentsParquet: 'Export segments (Parquet)',
    profitCsv: 'Export profit by segment (CSV)',
    profitParquet: 'Export profit by segment (Parquet)',
    chartSvg: (title) => `Download ${title} as SVG`,
    chartPng: (title) => `Download ${title} as PNG`,
  },
  tagline: 'Customer portfolio workbench — your data stays in this browser tab.',
  language: 'Language',
  openTitle: 'Open data',
  openFile: 'Open transactions file',
  trySample: 'Try sample data',
  sampleSource:
    'Sample: CDNOW, every purchase of 23,570 customers of an online music shop, 1997-01 to 1998-06 (Fader, Hardie & Lee 2005; distributed with the lifetimes library, MIT).',
  openUrl: 'Open from URL',
  openUrlButton: 'Open URL',
  dropHint: 'Drop transactions files anywhere on the page (CSV, TSV, TXT, .gz or Parquet).',
  dropHere: 'Drop to open',
  loading: 'Loading',
  cancel: 'Cancel',
  progress: (bytes: string, total: string, rows: string) => `${bytes} of ${total} read · ${rows} rows loaded`,
  cancelled: 'Loading was cancelled. Nothing changed.',
  notices: {
    cancelled: 'Loading was cancelled. Nothing changed.',
    restored: 'The data engine did not stop, so it was restarted; the earlier data and settings are back.',
    restarted: 'The data engine did not stop, so it was restarted. Open a file to start again.',
    'scoring-cancelled': 'Scoring was cancelled. The views and the settings are those of the scores on screen.',
    'rule-renamed': (name) => `A rule of this set-up was named “New”, which is reserved for the migration’s new customers: it is now named “${name}”.`,
    'rules-replaced': 'This set-up’s segment rules could not be used (a name is empty or a score range is outside the scores), so the RFM preset’s rules are in use. Set your rules again in the Segments view.',
  },
  share: {
    copy: 'Copy share link',
    copied: 'Share link copied. It holds the analysis set-up only, never your data: whoever opens it needs the same file.',
    clipboardRefused: 'The clipboard was refused: copy the share link from this field.',
    linkField: 'Share link',
    incoming: 'This link holds an analysis set-up; open the same file to see it.',
    incomingUrl: (url) => `This link holds an analysis set-up of the data at ${url}.`,
    openAddress: 'Open this address',
    chooseFile: 'Choose the file',
    missingLanguage: (code) => `The link asks for the language “${code}”, which this page does not have: it is shown in the current language. The rest of the set-up was restored.`,
    problems: {
      'not-share-link': 'This address holds no share link.',
      damaged: 'This share link is damaged (cut short or changed): none of its set-up could be restored. Ask for the link again, or open a file to start afresh.',
      'not-json': 'This share link is damaged: its set-up cannot be read, so none of it could be restored. Ask for the link again, or open a file to start afresh.',
      'not-saved-state': 'This share link does not hold a set-up this page can read: none of it could be restored. Ask for the link again, or open a file to start afresh.',
      'newer-version': 'This share link was made by a newer version of Cartera: its set-up (mapping, dates, scoring, rules, cost model, view) could not be restored here. Open the file and set it up by hand.',
    },
  },
  savedWork: {
    restored: (files) => `Restored your saved analysis of ${files}.`,
    forget: 'Forget this data',
    forgotten: 'The stored data and set-up were removed from this browser. The analysis on screen stays until the tab is closed or reloaded.',
    restoreFailed: 'Your saved analysis could not be opened again (its stored file is gone, or its address did not answer). Open the file again.',
    problems: {
      full: 'This browser’s storage is full: the data is not saved, so a reload will not bring it back. Everything else works as before.',
      refused: 'This browser refused to store the data (a private window or a site setting): it is not saved, so a reload will not bring it back. Everything else works as before.',
    },
  },
  engineSilent: (seconds: number) =>
    `The data engine has not answered for ${seconds} s. It may still finish; Cancel stops it and brings back what was on screen before.`,
  restoring: 'Restoring the earlier data and settings…',
  starting: 'Starting the data engine…',
  roles: {
    customer: 'Customer',
    order: 'Order id',
    date: 'Order date',
    amount: 'Amount',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    cost: 'Cost',
    profit: 'Profit',
  } satisfies Record<Role, string>,
  noColumn: '(none)',
  mappingTitle: 'Columns',
  mappingHelp:
    'Check which column plays each role. Amount can be given directly, or as quantity × unit price. Customer ids are kept as text.',
  dateFormat: 'Date format',
  dateFormats: {
    iso: 'Year-month-day (2024-03-31)',
    'ymd-compact': 'YYYYMMDD (20240331)',
    dmy: 'Day/month/year (31/03/2024)',
    mdy: 'Month/day/year (03/31/2024)',
  } satisfies Record<DateFormat, string>,
  decimalMark: 'Decimal mark',
  decimalMarks: { point: 'Point: 1,234.56', comma: 'Comma: 1.234,56' } satisfies Record<DecimalMark, string>,
  ambiguousDates: 'Every day value in the date column is 12 or less, so the dates could be day/month or month/day. Which is it?',
  ambiguousPreview: (raw: string, dmy: string, mdy: string) => `${raw} → ${dmy} (day/month) or ${mdy} (month/day)`,
  previewTitle: 'First rows',
  fileFacts: (name: string, rows: string, how: string) => `${name}: ${rows} rows (${how})`,
  fileFormat: {
    parquet: 'Parquet',
    parquetReaders: { 'parquet-wasm': 'columns with their own types', hyparquet: 'read as text' } as Record<string, string>,
    delimiters: { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated', '|': 'pipe-separated', whitespace: 'columns separated by spaces' } as Record<string, string>,
    utf8: 'UTF-8',
    windows1252: 'Windows-1252, converted to UTF-8',
    utf16le: 'UTF-16 little-endian (Excel “Unicode text”), converted to UTF-8',
    utf16be: 'UTF-16 big-endian, converted to UTF-8',
    gzip: 'gzip',
    header: 'header',
    noHeader: 'no header',
    preamble: (n: number) => (n === 1 ? 'the line above the header skipped (a title, not part of the table)' : `${n} lines above the header skipped (a title, not part of the table)`),
  },
  analyze: 'Analyze',
  analyzing: 'Analyzing…',
  typingRows: 'Reading the mapped columns',
  rowsTyped: (done: string, total: string) => `${done} of ${total} rows read`,
  summaryTitle: 'Data quality',
  summary: {
    rowsRead: 'Rows read',
    rowsUsed: 'Rows used',
    customers: 'Customers',
    orders: 'Orders',
    firstOrder: 'First order',
    lastOrder: 'Last order',
    revenue: 'Revenue',
    returns: 'Returns and cancellations (kept, they subtract)',
    ordersNotPositive: 'Orders with a net amount of zero or less',
  },
  ordersAreCustomerDays: 'This file has no order id: one order is one customer on one calendar day.',
  excludedTitle: 'Rows not used',
  noneExcluded: 'Every row was used.',
  reasons: {
    'no-customer': 'No customer id',
    'no-date': 'No order date',
    'bad-date': 'Date that does not parse',
    'no-amount': 'No amount',
    'bad-amount': 'Amount that does not parse',
    'bad-cost': 'Cost that does not parse',
    malformed: 'Row that cannot be split into the columns (wrong number of fields or an open quote)',
  } as Record<string, string>,
  download: 'Download',
  downloadRows: (reason: string) => `Download rows: ${reason}`,
  returnsLine: (rows: string, orders: string) => `${rows} rows in ${orders} orders`,
  noRowsUsedHelp: 'Check the Order date column and its date format, and the Amount column and its decimal mark, then press Analyze again.',
  oneCustomer: 'This data has a single customer: scores and segments compare customers, so they say little here.',
  oddities: {
    'far-past': (d: string) => `The first order is dated ${d}, long before most transaction data: check the date column and its format.`,
    future: (d: string) => `The last order is dated ${d}, after today: check the date column and its format. Recency counts from the analysis date, which you can set.`,
  },
  dismiss: 'Dismiss',
  errorTitle: 'This file could not be used',
  keptData: 'The data loaded before is still loaded.',
  errors: {
    'empty-file': 'The file is empty. Choose a file that holds transactions.',
    'header-only': 'The file has a header but no data rows. Export it again with its rows.',
    'binary-file': 'This does not look like a text (CSV) file. Save it as CSV (or Parquet) and open that.',
    'bad-parquet': 'This is not a readable Parquet file. Export it again, or save it as CSV.',
    'no-date-column': 'No column looks like a date, so orders cannot be placed in time. The file needs an order date column.',
    'no-customer-column': 'No column can be a customer id. The file needs a column that identifies the customer.',
    'columns-mismatch': 'The files do not have the same columns, so they cannot be appended. Open them separately, or make their headers match.',
    'too-large': 'The file is larger than this browser tab can hold. Open a smaller file (for example one year), or remove columns you do not need.',
    'url-failed': 'The file at this address could not be fetched. Check the address, and that the server allows the download from this page.',
    unreadable: 'The file could not be read.',
    'mapping-incomplete': 'Choose a Customer, an Order date, and an Amount (or Quantity and Unit price) column.',
    'no-rows-used': 'No row of this file can be used with this mapping, so the analysis shown before stays. Check the reasons below, change the mapping or the formats, and press Analyze again.',
    cancelled: 'Loading was cancelled. Nothing changed.',
    'record-too-long': 'A row of this file is far longer than a row of a table: it does not look like a table of transactions. Check that this is the file you meant, saved as CSV.',
    'too-many-columns': 'The file has more columns than Cartera reads. Save only the columns you need (customer, order, date, amount, cost) and open that.',
    'no-separator': 'No separator (comma, semicolon, tab, bar or spaces) splits the rows into columns: this does not look like a table. Save it as CSV and open that.',
    'inconsistent-separator': 'No separator splits the rows into the same number of columns: this does not look like one table. Check the file in a text editor, or save it again as CSV.',
    'engine-stalled': 'The data engine stopped answering and was restarted.',
    'engine-crashed': 'The data engine stopped by itself, most likely because it ran out of memory: the file or the step may be too large for this browser tab. It was restarted, and the views on screen before are back. Try a smaller file (for example one year), or fewer columns.',
    'scoring-failed': 'The customers could not be scored with these settings. The views show the last scores that worked.',
    'lifecycle-failed': 'This lifecycle view could not be computed with these settings. The other views are unchanged.',
    'reopen-needed': 'This large file is read again to apply the new mapping.',
  } satisfies Record<UserError['code'], string>,
  rfm: {
    title: 'RFM scores and segments',
    analysisDate: 'Analysis date',
    analysisDateHelp: (d: string) => `Recency counts days from the last order to this date; orders after it are ignored. Default: ${d}, the day after the last order.`,
    resetDate: 'Use the default date',
    method: 'Scoring method',
    methods: { quantile: 'Quantile bins (ties together)', 'equal-size': 'Equal-size bins', custom: 'Custom cut points' },
    bins: 'Scores',
    binsOption: (k: number) => `1 to ${k}`,
    monetary: 'Monetary',
    monetaryModes: { total: 'Total net amount', average: 'Average order value' },
    preset: 'Segment rules',
    presets: { rfm: 'R package rfm (10 segments)', 'rf-grid': 'R-by-F grid', custom: 'Custom rules' },
    customCuts: (measure: string) => `${measure} cut points`,
    customCutsHelp: (n: number) => `${n} ascending numbers, separated by spaces or semicolons.`,
    measures: { recency: 'Recency (days)', frequency: 'Frequency (orders)', monetary: 'Monetary' },
    cutsTitle: 'Cut points and customers per score',
    cutsNone: 'Equal-size bins have no cut points: each score holds the same number of customers (ties broken by customer id).',
    scoreHeader: (k: number) => `Score ${k}`,
    emptyScores: (measure: string, scores: string) =>
      `${measure}: no customer has score ${scores}. Cut points coincide because many customers share a value (ties are kept together).`,
    scoring: 'Scoring…',
    cancelScoring: 'Cancel scoring',
    customers: (n: string) => `${n} customers`,
    segmentMap: 'Segment map',
    colorBy: 'Colour',
    colorByOptions: { revenueShare: 'Share of revenue', avgMonetary: 'Average monetary' },
    grid: 'Recency × frequency',
    gridMetric: 'Cell colour',
    gridMetrics: { customers: 'Customers', revenue: 'Revenue', avgMonetary: 'Average monetary' },
    segmentsTable: 'Segments',
    segmentColumns: {
      segment: 'Segment', customers: 'Customers', pct_customers: '% of customers', revenue: 'Revenue', pct_revenue: '% of revenue',
      avg_recency: 'Avg. recency (days)', avg_frequency: 'Avg. frequency', avg_monetary: 'Avg. monetary',
    },
    distributions: 'Distributions',
    distributionsBusy: 'Counting the distributions…',
    selection: 'Selection',
    selectionAll: 'All customers',
    selectionSegment: (s: string) => `Segment: ${s}`,
    selectionCell: (r: number, f: number) => `R ${r}, F ${f}`,
    selectionRank: (from: string, to: string) => `Customers ranked ${from} to ${to} by profit`,
    selectionBelow: 'Below adequate level',
    showAll: 'Show all customers',
    customersTitle: 'Customers',
    exportCsv: 'Export customers (CSV)',
    exportParquet: 'Export customers (Parquet)',
    rulesTitle: 'Segment rules',
    columns: {
      customer_id: 'Customer', recency_days: 'Recency (days)', frequency: 'Frequency', monetary: 'Monetary', r_score: 'R', f_score: 'F',
      m_score: 'M', rfm_cell: 'Cell', segment: 'Segment', orders: 'Orders',
    },
  },
  profit: {
    title: 'Customer profitability',
    costModel: 'Cost model',
    costModelHelp: 'Profit = gross margin − cost to serve. Every cost starts at zero, so nothing is invented.',
    marginPct: 'Gross margin (% of revenue)',
    marginAssumption: 'This file has no cost column: gross margin is the percentage you type, an assumption, not data.',
    fromFile: 'Cost of goods comes from the file’s cost column.',
    costPerOrder: 'Cost per order',
    costPerReturn: 'Cost per returned or cancelled order',
    costPerCustomerYear: 'Cost per customer per year',
    adequateLevel: 'Adequate level (minimum profit per customer)',
    /** A cost-model value that cannot be used; profit keeps the last valid model meanwhile. */
    problem: (
      label: string,
      p: { kind: 'not-decimal' | 'margin-over-100' | 'negative-cost'; text: string | null; limits: { digits: number; decimals: number } },
    ) =>
      `${label}: “${p.text ?? ''}” ${
        p.kind === 'not-decimal'
          ? `is not a number Cartera can read. Write it with a decimal point, at most ${p.limits.digits} digits before it and ${p.limits.decimals} after (for example 2.50).`
          : p.kind === 'margin-over-100'
            ? 'is more than 100 %: a gross margin cannot exceed the revenue.'
            : 'is negative: a cost cannot be below zero.'
      } Until it is fixed, profit uses the last valid cost model.`,
    unknown: 'Profit is unknown: this file has no cost column. Type a gross margin percentage to estimate it.',
    totals: { revenue: 'Revenue', gross_margin: 'Gross margin', cost_to_serve: 'Cost to serve', profit: 'Profit', below: 'Below adequate level' },
    whale: 'Whale curve',
    brushHelp: 'Drag across the curve to select customers by profit rank, or use the buttons.',
    selectTail: 'Select the unprofitable tail',
    selectTop: 'Select the most profitable customers up to the peak',
    selectBelow: 'Show customers below the adequate level',
    bySegment: 'Profit by segment',
    bySegmentColumns: {
      segment: 'Segment', customers: 'Customers', revenue: 'Revenue', gross_margin: 'Gross margin', cost_to_serve: 'Cost to serve',
      profit: 'Profit', profit_per_customer: 'Profit per customer', below_adequate: 'Below adequate', pct_below_adequate: '% below',
    },
    deciles: 'Customers by segment and profit decile (1 = most profitable 10 %)',
    decile: (d: number) => `D${d}`,
    sinkReasons: { 'low-margin': 'Low margin', 'small-orders': 'Many small orders', returns: 'High returns', relationship: 'Cost of the relationship' } as Record<string, string>,
    columns: { gross_margin: 'Gross margin', cost_to_serve: 'Cost to serve', profit: 'Profit', sink_reason: 'What sinks it' },
  },
  /** What was found, in a sentence, for the errors that carry facts; null for the others. */
  found: (e: UserError): string | null => {
    const f = e.facts;
    if (!f) return null;
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    const delim = (d?: string) => (d === '\t' ? 'tab' : d === ' ' || d === 'whitespace' ? 'spaces' : `“${d}”`);
    switch (e.code) {
      case 'record-too-long':
        return `Line ${e.row ?? 1} is ${f.ended === false ? 'more than ' : ''}${mib(f.bytes ?? 0)} long${f.separator === false ? ' with no separator' : ''}: this does not look like a table (the limit is ${mib(f.limit ?? 0)} per row).`;
      case 'too-many-columns':
        return `The first row has ${f.columns?.toLocaleString('en-US')}${f.cut ? ' or more' : ''} columns; at most ${f.limit?.toLocaleString('en-US')} are read.`;
      case 'inconsistent-separator':
        return `The most regular separator, ${delim(f.delimiter)}, gives ${f.fields} columns in only ${Math.round((f.share ?? 0) * 100)}% of the first ${f.sampled} rows.`;
      case 'no-rows-used': {
        const counts = (f.counts ?? []).map((c) => `${c.rows.toLocaleString('en-US')} × ${messagesReason(c.reason)}`).join('; ');
        const rows = (f.examples ?? []).map((x) => `row ${x.row} (${messagesReason(x.reason)}): ${x.text}`).join('\n');
        return [counts && `Rows not used: ${counts}.`, rows && `First rows:\n${rows}`].filter(Boolean).join('\n');
      }
      default:
        return null;
    }
  },
  where: (file?: string, row?: number, column?: string) =>
    [file && `File: ${file}`, row != null && `row ${row}`, column && `column “${column}”`].filter(Boolean).join(', '),
  // Customers table, customer profile and the segment-rules editor.

  customersTable: {
    search: 'Search customers',
    searchHint: 'Searches the customer id.',
    /** Status line; `formatted` is the count already formatted ("1,234"). */
    count: (n: number, formatted: string) => (n === 1 ? '1 customer' : `${formatted} customers`),
    loading: 'Loading customers…',
    loadingRow: 'Loading…',
    empty: 'No customer matches.',
    error: 'The customers could not be loaded.',
    retry: 'Try again',
    rowsHint: 'Use the arrow keys to move between customers; press Enter to open a customer’s profile.',
    /** Visible next to the sorted column's label (hidden from screen readers, which read aria-sort). */
    sortedAsc: '▲',
    sortedDesc: '▼',
  },
  profile: {
    title: (customer: string) => `Customer ${customer}`,
    close: 'Close',
    figures: 'Figures',
    firstOrder: 'First order',
    lastOrder: 'Last order',
    orders: 'Orders',
    recency: 'Recency (days)',
    frequency: 'Frequency',
    monetary: 'Monetary',
    scores: 'Scores (R, F, M)',
    scoresValue: (r: number, f: number, m: number) => `R ${r} · F ${f} · M ${m}`,
    cell: 'RFM cell',
    segment: 'Segment',
    timelineTitle: 'Orders over time',
    /** Accessible description of the timeline chart; counts come as numbers (for the plural) and formatted. */
    timelineDescription: (
      orders: number, ordersText: string, from: string, to: string, minNet: string, maxNet: string,
      negatives: number, negativesText: string,
    ) =>
      `Timeline of ${orders === 1 ? 'one order' : `${ordersText} orders`} from ${from} to the analysis date ${to}: ` +
      `one vertical line per order, its height the net amount (from ${minNet} to ${maxNet}).` +
      (negatives === 0 ? '' : negatives === 1 ? ' One order is below zero and points down.' : ` ${negativesText} orders are below zero and point down.`) +
      ' The table below lists the orders.',
    timelineLegend: 'One line per order, height = net amount; orders below zero point down (red).',
    analysisDateMark: 'Analysis date',
    noOrders: 'No orders up to the analysis date.',
    ordersTable: 'Orders',
    columns: { order: 'Order', date: 'Date', net: 'Net amount', lines: 'Lines', return: 'Return' },
    yes: 'Yes',
  },
  rules: {
    intro:
      'Each customer belongs to the first rule, from the top, whose R, F and M ranges all contain its scores; customers that no rule matches are “Others”.',
    caption: 'Segment rules, in order',
    columns: {
      order: 'Rule', name: 'Segment', rFrom: 'R from', rTo: 'R to', fFrom: 'F from', fTo: 'F to', mFrom: 'M from', mTo: 'M to',
      customers: 'Customers', actions: 'Actions',
    },
    /** Accessible name of a rule's name input; `n` is the 1-based rule number. */
    nameLabel: (n: number) => `Segment name, rule ${n}`,
    /** How a rule is named in the other controls' accessible names: its name, or "Rule n" when blank. */
    ruleSubject: (name: string, n: number, duplicate: boolean) =>
      name.trim() === '' ? `Rule ${n}` : duplicate ? `${name.trim()} (rule ${n})` : name.trim(),
    /** Accessible name of a bound: "Champions: R from". */
    boundLabel: (subject: string, measure: 'R' | 'F' | 'M', end: 'from' | 'to') => `${subject}: ${measure} ${end}`,
    outOfRange: (v: number) => `${v} (out of range)`,
    moveUp: (subject: string) => `Move ${subject} up`,
    moveDown: (subject: string) => `Move ${subject} down`,
    delete: (subject: string) => `Delete ${subject}`,
    moveUpText: '↑',
    moveDownText: '↓',
    deleteText: 'Delete',
    add: 'Add rule',
    newName: 'New segment',
    pending: '…',
    /** An earlier rule takes every score combination this rule covers. */
    shadowed: 'takes no customer: earlier, broader rules match all its scores first',
    /** The rule could take some customers, but none has such scores. */
    takesNone: 'takes no customer',
    others: (n: string) => `Others (no rule matches): ${n} customers`,
    problemsTitle: 'These rules are not applied until the problems are fixed:',
    problem: (subject: string, message: string) => `${subject}: ${message}`,
    ruleProblem: (p) => {
      const label = p.field.toUpperCase();
      switch (p.code) {
        case 'empty-name':
          return 'The segment name is empty.';
        case 'reserved-name':
          return `The name “${p.name.trim()}” is reserved: the migration uses it for customers with no order by the comparison date. Choose another name, for example “New customers”.`;
        case 'not-whole':
          return `${label} must be two whole scores (low, high).`;
        case 'out-of-range':
          return `${label} ${p.lo}–${p.hi} is outside the scores 1–${p.bins}.`;
        case 'reversed':
          return `${label} runs from ${p.lo} down to ${p.hi}: low must not exceed high.`;
      }
    },
    noRules: 'No rules: every customer is in “Others”.',
  },
  segmentNames: {
    Champions: 'Champions',
    'Potential Loyalist': 'Potential Loyalist',
    'Loyal Customers': 'Loyal Customers',
    Promising: 'Promising',
    'New Customers': 'New Customers',
    "Can't Lose Them": "Can't Lose Them",
    'At Risk': 'At Risk',
    'Need Attention': 'Need Attention',
    'About To Sleep': 'About To Sleep',
    Lost: 'Lost',
    Hibernating: 'Hibernating',
    Others: 'Others',
  },
  charts: { treemap: treemapLabelsEn, rfGrid: rfGridLabelsEn, histogram: histogramLabelsEn, whale: whaleLabelsEn },
  lifecycle: {
    nav: 'Views',
    tabs: { overview: 'Overview', segments: 'Segments', customers: 'Customers', profit: 'Profitability', cohorts: 'Cohorts', migration: 'Migration', clv: 'Lifetime value' },
    selectionCohort: (cohort, period) => `Cohort ${cohort}, active in period ${period}`,
    selectionMigration: (before, after) => `From ${before} to ${after}`,
    newSegment: 'New',
    failed: 'This view could not be computed with these settings; the other views are unchanged.',
    cohorts: {
      title: 'Cohorts',
      grain: 'Cohort by',
      month: 'Month',
      quarter: 'Quarter',
      computing: 'Computing cohorts…',
      note: (customers, cohorts, withoutCohort) => `${customers} customers in ${cohorts} cohorts; ${withoutCohort} have no order with a positive net amount and belong to no cohort.`,
      definition: 'A customer’s cohort is the month (or quarter) of its first order with a positive net amount. Period k counts whole months (quarters) since then; a customer is active in a period when it placed an order with a positive net amount in it. Revenue is net: returns subtract. Orders after the analysis date are ignored.',
      partialNote: 'The last period is cut short by the analysis date (marked partial).',
      revenueTitle: 'Cumulative net revenue per customer',
      exportCsv: 'Export cohorts (CSV)',
    },
    migration: {
      title: 'Segment migration',
      compareWith: 'Compare with',
      computing: 'Scoring the comparison date…',
      invalidDate: 'The comparison date must be a day before the analysis date.',
      summary: (compareDate, analysisDate, before, after, newCustomers, stayed, moved) => `${before} customers on ${compareDate}, ${after} on ${analysisDate} (${newCustomers} new). ${stayed} stayed in their segment, ${moved} moved.`,
      definition: 'Each date is scored as if the analysis had been run then: its own cut points, the same method and segment rules, data after it ignored. “New” are customers with no order on or before the comparison date. Revenue is the net amount between the two dates.',
      largest: 'Largest movements',
      noMoves: 'No customer changed segment.',
      matrixTitle: 'From × to',
      exportCsv: 'Export migration (CSV)',
    },
    clv: {
      title: 'Lifetime value',
      calibrationEnd: 'Calibration end',
      calibrationHint: (lastDay) => `The model learns from the transactions up to this day; the days after it, up to ${lastDay}, are the holdout that checks it.`,
      horizon: 'Horizon (weeks)',
      discount: 'Yearly discount rate (%)',
      keyAccountCount: 'Key accounts to list',
      computing: (step, done, total) => `${step} (${done} of ${total})…`,
      steps: { summary: 'Summarising each customer', fit: 'Fitting BG/NBD', spend: 'Fitting Gamma-Gamma', predict: 'Predicting every customer', check: 'Checking the model' },
      cancel: 'Cancel fit',
      cancelled: 'The fit was cancelled; change a setting to fit again.',
      invalidCalibration: 'The calibration end must be a day before the analysis date.',
      invalidHorizon: 'The horizon must be a whole number of weeks from 1 to 520.',
      parametersTitle: 'The fitted model',
      bgnbd: (r, alpha, a, b, ll) => `BG/NBD (time unit: weeks): r = ${r}, α = ${alpha} weeks, a = ${a}, b = ${b}; log-likelihood ${ll}.`,
      gammaGamma: (p, q, gamma, ll, customers) => `Gamma-Gamma on ${customers} repeat customers: p = ${p}, q = ${q}, γ = ${gamma}; log-likelihood ${ll}.`,
      noGammaGamma: 'Gamma-Gamma could not be fitted (no repeat customer with a positive value): the value per transaction is each customer’s own mean.',
      converged: 'The fit converged.',
      notConverged: 'The fit did not converge: read the figures with care.',
      modelSentence: 'BG/NBD: while alive, a customer buys at its own steady rate; after each purchase it may leave for good. P(alive) is the chance it has not left, given its purchases; the expected transactions count the next weeks’ purchases. Gamma-Gamma predicts the value of those purchases from the customer’s own mean and the population’s.',
      boundary: 'P(alive) is uninformative on this data: the fit sits on the boundary where almost nobody leaves (a model without any leaving fits as well), so every P(alive) is near 1 and says nothing about who has gone.',
      oneTimeBuyers: 'One-time buyers: under BG/NBD a customer can only leave right after a purchase, so the P(alive) of a customer with no repeat purchase stays 1. It means “no evidence of leaving yet”, not certainty.',
      summary: (customers, repeat, weeks, end) => `${customers} customers (${repeat} with a repeat purchase), over ${weeks} weeks up to ${end}.`,
      later: (customers) => `${customers} customers first bought after the calibration end and are left out of the fit.`,
      refused: 'The model is not shown:',
      warned: 'Shown with a warning:',
      minData: {
        'few-customers': (value, limit) => `only ${value} customers (the model needs at least ${limit}).`,
        'few-repeat-buyers': (value, limit) => `only ${value} customers bought more than once (at least ${limit} are needed to learn how often customers come back).`,
        'short-calibration': (value, limit) => `the calibration period is ${value} weeks long (at least ${limit} weeks are needed).`,
      },
      totals: (transactions, weeks, clv, meanPAlive) => `${transactions} transactions expected in the next ${weeks} weeks, worth ${clv} in lifetime value; mean P(alive) ${meanPAlive}.`,
      distributionsTitle: 'Distributions',
      pAliveTitle: 'P(alive)',
      expectedTitle: 'Expected transactions over the horizon',
      byRecencyTitle: 'P(alive) against recency, for each number of repeat purchases',
      keyAccountsTitle: 'Key accounts',
      keyAccountsNote: 'The customers with the highest lifetime value net of their expected cost to serve (cost per order × expected orders + P(alive) × cost per customer and year over the horizon): the few that deserve a named account manager.',
      columns: { customer_id: 'Customer', segment: 'Segment', p_alive: 'P(alive)', expected_orders: 'Expected orders', expected_order_value: 'Expected order value', clv: 'Lifetime value', expected_cost: 'Expected cost to serve', net_clv: 'Net lifetime value' },
      modelCheckTitle: 'Model check',
      modelCheckNote: (holdoutWeeks) => `Actual against predicted repeat transactions, over the calibration and the ${holdoutWeeks}-week holdout.`,
      noHoldout: 'Set a calibration end before the last data day to keep a holdout period: the model check compares the model’s predictions for it with what happened.',
      exportModel: 'Export model (JSON)',
    },
  },
  workbench: {
    settings: 'Settings',
    mapping: 'Column mapping',
    printReport: 'Print report',
    qualityDetails: 'Data quality details',
    overviewTitle: 'Overview',
    figures: { customers: 'Customers', revenue: 'Revenue', analysisDate: 'Analysis date', profit: 'Profit', unprofitable: 'Customers below the adequate profit' },
    noProfit: 'No cost model yet: set one in Profitability to see the profit and the whale curve.',
    goTo: 'Go to a view',
    open: (view) => `Open ${view}`,
    showCustomers: 'Show these customers',
    reportTitle: 'Customer portfolio report',
    reportOf: (files, analysisDate) => `${files}; analysis date ${analysisDate}`,
  },
  lifecycleCharts: {
    tableView: 'Table view',
    migrationMove: (customers, before, after) => `${customers} ${before} became ${after}`,
    cohortHeatmap: cohortHeatmapLabelsEn,
    cohortRevenue: cohortRevenueLabelsEn,
    migrationFlow: migrationFlowLabelsEn,
    migrationMatrix: migrationMatrixLabelsEn,
    modelCheck: modelCheckLabelsEn,
    pAlive: pAliveLabelsEn,
  },
};

/** A reason's label, or the reason as stored (the CSV reader's own words for a malformed row). */
function messagesReason(reason: string): string {
  return en.reasons[reason] ?? reason;
}
