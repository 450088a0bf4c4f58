/**
 * Every string the UI shows, in one place. English now; Spanish, Portuguese and Dutch files will follow
 * with the same keys (a later issue), so no component holds its own text.
 */
import type { UserError } from '../../workers/errors';
import type { Role, DateFormat, DecimalMark } from '../domain/settings';
import type { TreemapLabels } from '../charts/treemap/labels';
import type { RfGridLabels } from '../charts/rf-grid/labels';
import type { HistogramLabels } from '../charts/histogram/labels';
import type { WhaleLabels } from '../charts/whale-curve/labels';
import type { PeakSentenceLabels } from '../charts/whale-curve/layout';

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
};

export const en = {
  appName: 'Cartera',
  tagline: 'Customer portfolio workbench — your data stays in this browser tab.',
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
  analyze: 'Analyze',
  analyzing: 'Analyzing…',
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
  oneCustomer: 'This data has a single customer: scores and segments compare customers, so they say little here.',
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
    'no-rows-used': 'No row could be used with this mapping.',
    cancelled: 'Loading was cancelled. Nothing changed.',
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
  where: (file?: string, row?: number, column?: string) =>
    [file && `File: ${file}`, row != null && `row ${row}`, column && `column “${column}”`].filter(Boolean).join(', '),
  charts: { treemap: treemapLabelsEn, rfGrid: rfGridLabelsEn, histogram: histogramLabelsEn, whale: whaleLabelsEn },
} as const;

export type Messages = typeof en;

/** The messages in use (one language for now). */
export const t: Messages = en;
