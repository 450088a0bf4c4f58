/** The data worker's typed API, shared by the worker and the UI (through comlink). */
import type { AnalyzeProgress, AnalyzeRequest, LoadProgress, OpenedDataset, QualitySummary } from './workspace';

export type { AnalyzeProgress, AnalyzeRequest, LoadProgress, OpenedDataset, QualitySummary };
export type { UserError, UserErrorCode } from './errors';
export type { ScoringSettings, RfmOverview, Histograms, CustomerProfile, ScoreCount, SegmentRow } from './rfm-session';
export type { PageQuery, Selection } from '../src/sql/views';
import type { ScoringSettings, RfmOverview, Histograms, CustomerProfile } from './rfm-session';
import type { PageQuery, SegmentLabels, Selection } from '../src/sql/views';
import type { CohortsOverview, MigrationOverview } from './lifecycle';
import type { ClvOverview, ClvProgress, ClvRequest } from './clv';
import type { CohortGrain } from '../src/sql/cohorts';
import type { ExportDialect } from './csv-text';
export type { ExportDialect };
import type { SegmentReportName } from '../src/sql/segment-exports';
export type { SegmentReportName };
export type { CohortsOverview, MigrationOverview, ClvOverview, ClvProgress, ClvRequest, CohortGrain };
export type { KeyAccount } from './clv';

export interface DataApi {
  /** Answers at once when the worker is free (the page's watchdog asks while a call is out). */
  ping(): number;
  /**
   * Takes the Web Lock `name` for as long as the worker lives; resolves once it is held (false where the browser
   * has no Web Locks). The page then waits on the same lock: it is granted only when the worker has ended.
   */
  holdLife(name: string): Promise<boolean>;
  /** Starts DuckDB; resolves with its version. */
  init(): Promise<{ duckdb: string }>;
  /** Reads files (a CSV data set counted and kept, one with Parquet staged); the earlier data set stays until this succeeds. */
  open(files: File[], onProgress?: (p: LoadProgress) => void): Promise<OpenedDataset>;
  /** Fetches a file from a URL (the user's choice) and opens it. */
  openUrl(url: string, onProgress?: (p: LoadProgress) => void): Promise<OpenedDataset>;
  /** Stops a running load at its next chunk. */
  cancel(): void;
  /** Applies the confirmed column mapping, with the rows typed so far; returns the data-quality summary. */
  analyze(req: AnalyzeRequest, onProgress?: (p: AnalyzeProgress) => void): Promise<QualitySummary>;
  /** The rows used as a transactions CSV in the dialect (bytes, transferred): opened again, the same analysis. */
  transactionsCsv(dialect?: ExportDialect): Promise<Uint8Array>;
  /** The rows excluded for one reason, as CSV text in the dialect. */
  excludedCsv(reason: string, dialect?: ExportDialect): Promise<string>;
  /**
   * Scores the customers under these settings in an analysis (`analysis`: its name; the main one, which the
   * page shows, by default; another is created on first use); re-runs only the steps whose settings changed.
   */
  score(settings: ScoringSettings, analysis?: string): Promise<RfmOverview>;
  /**
   * The recency, frequency and monetary histograms of an analysis's figures last scored: a scoring does not build
   * them; the distributions view asks when it is shown (built once per analysis date and monetary mode).
   */
  histograms(analysis?: string): Promise<Histograms>;
  /** A page of an analysis's customers as Arrow IPC bytes (transferred) and the selection's total. */
  customersPage(q: PageQuery, analysis?: string): Promise<{ total: number; ipc: Uint8Array }>;
  /** One customer's figures, scores, segment and orders. */
  customerProfile(customerId: string, analysisDate: string, analysis?: string): Promise<CustomerProfile | null>;
  /**
   * The selection's customers as CSV (in the dialect) or Parquet bytes (transferred), with the stable `segment`
   * and its `segment_label` from `labels` (the UI language's segment names).
   */
  exportCustomers(sel: Selection, format: 'csv' | 'parquet', analysis?: string, labels?: SegmentLabels, dialect?: ExportDialect): Promise<Uint8Array>;
  /**
   * The segment table or profit by segment (money exact) as CSV (in the dialect) or Parquet bytes (transferred),
   * with the stable `segment` and its `segment_label` from `labels`.
   */
  exportReport(report: SegmentReportName, format: 'csv' | 'parquet', dialect?: ExportDialect, labels?: SegmentLabels): Promise<Uint8Array>;
  /** Drops an analysis nobody shows any more (not the main one). */
  dropAnalysis(name: string): Promise<void>;
  /** The cohort triangle at the analysis date, by month or quarter. */
  cohorts(analysisDate: string, grain: CohortGrain): Promise<CohortsOverview>;
  /** Segment migration from `compareDate` (scored as the analysis 'compare') to the main analysis under `settings`. */
  migration(settings: ScoringSettings, compareDate: string): Promise<MigrationOverview>;
  /** Fits the lifetime-value models and predicts every customer; stops at its next step on `cancel()`. */
  fitClv(req: ClvRequest, onProgress?: (p: ClvProgress) => void): Promise<ClvOverview>;
  /** cohorts.csv or migration.csv of what was last computed, as bytes (transferred); `labels` label the segments. */
  lifecycleCsv(which: 'cohorts' | 'migration', labels?: SegmentLabels, dialect?: ExportDialect): Promise<Uint8Array>;
}
