/** The data worker's typed API, shared by the worker and the UI (through comlink). */
import type { AnalyzeRequest, LoadProgress, OpenedDataset, QualitySummary } from './workspace';

export type { AnalyzeRequest, LoadProgress, OpenedDataset, QualitySummary };
export type { UserError, UserErrorCode } from './errors';

export interface DataApi {
  /** Starts DuckDB; resolves with its version. */
  init(): Promise<{ duckdb: string }>;
  /** Reads files into a new staging table; the earlier data set stays until this succeeds. */
  open(files: File[], onProgress?: (p: LoadProgress) => void): Promise<OpenedDataset>;
  /** Fetches a file from a URL (the user's choice) and opens it. */
  openUrl(url: string, onProgress?: (p: LoadProgress) => void): Promise<OpenedDataset>;
  /** Stops a running load at its next chunk. */
  cancel(): void;
  /** Applies the confirmed column mapping; returns the data-quality summary. */
  analyze(req: AnalyzeRequest): Promise<QualitySummary>;
  /** The rows excluded for one reason, as CSV text. */
  excludedCsv(reason: string): Promise<string>;
}
