import type { Engine } from './engine';
import { ident, lit } from '../src/sql/sql-text';
import { transactionsExportSql, transactionsInsertSql, transactionsTableSql, transactionsViewsSql, textOf } from '../src/sql/transactions';
import { ordersTableSql } from '../src/sql/rfm';
import { qualitySummarySql, exclusionCountsSql } from '../src/sql/quality';
import type { ColumnMapping, DateFormat, DecimalMark } from '../src/domain/settings';
import { guessMapping } from '../src/domain/detect-columns';
import { detectDateFormat, looksLikeDate } from '../src/domain/dates';
import { detectDecimalMark } from '../src/domain/numbers';
import { sniffCsv, SniffError, MAX_COLUMNS, type CsvDialect } from './ingest/sniff';
import { detectEncoding, decodeSample, isGzip, isParquet, type TextEncodingName } from './ingest/bytes';
import { loadCsv, typeCsvChunks, MAX_RECORD_BYTES, type CsvChunk, type CsvPlan } from './ingest/load-csv';
import { loadParquet, parquetColumns, ParquetError, type ParquetLoadOptions } from './ingest/parquet';
import { initParquetArrow, loadParquetTyped, type ParquetWasmSource } from './ingest/parquet-arrow';
import { userError, toUserError, isUserError } from './errors';
import { RfmSession, MAIN_ANALYSIS, ANALYSIS_NAME, type ScoringSettings, type RfmOverview, type Histograms, type CustomerProfile } from './rfm-session';
import { customersExportSql, type PageQuery, type SegmentLabels, type Selection } from '../src/sql/views';
import { customersParquet } from './export-parquet';
import { tableToCsv, type ExportDialect } from './csv-text';
import type { SegmentReportName } from '../src/sql/segment-exports';
import { Lifecycle, type CohortsOverview, type MigrationOverview } from './lifecycle';
import { ClvModel, type ClvOverview, type ClvProgress, type ClvRequest } from './clv';
import type { CohortGrain } from '../src/sql/cohorts';

/** The analysis scored at the migration's comparison date. */
export const COMPARE_ANALYSIS = 'compare';

export interface FileInput {
  file: Blob;
  name: string;
}

export interface LoadProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesRead: number;
  bytesTotal: number;
  rowsLoaded: number;
}

export interface FileFacts {
  name: string;
  format: 'csv' | 'parquet';
  /** Parquet: read with its own types (parquet-wasm), or as text (hyparquet: no parquet-wasm, or it failed). */
  reader?: 'parquet-wasm' | 'hyparquet';
  rows: number;
  rejected: number;
  gzip?: boolean;
  encoding?: TextEncodingName;
  delimiter?: CsvDialect['delimiter'];
  header?: boolean;
  /** Lines above the header (a title, an export date) that were skipped. */
  preamble?: number;
}

/** What the UI needs to show the mapping step. */
export interface OpenedDataset {
  id: number;
  files: FileFacts[];
  columns: string[];
  preview: string[][];
  rows: number;
  rejected: number;
  guess: ColumnMapping;
  dateFormat: DateFormat | null;
  dateAmbiguous: boolean;
  dateCandidates: DateFormat[];
  decimalMark: DecimalMark;
}

/** How far Analyze is: rows typed of the rows read (reported after each chunk of a data set that is not staged). */
export interface AnalyzeProgress {
  rowsTyped: number;
  rowsTotal: number;
}

export interface AnalyzeRequest {
  mapping: ColumnMapping;
  dateFormat: DateFormat;
  decimalMark: DecimalMark;
}

export interface QualitySummary {
  files: string[];
  rowsRead: number;
  rowsUsed: number;
  customers: number;
  orders: number;
  firstOrder: string | null;
  lastOrder: string | null;
  /** Exact decimal text. */
  revenue: string;
  returnRows: number;
  returnOrders: number;
  ordersNotPositive: number;
  exclusions: { reason: string; rows: number }[];
  /** True when the file has no order id and one order is one customer on one calendar day. */
  ordersAreCustomerDays: boolean;
  hasCost: boolean;
}

/** Bytes of a file's start read to find its format, encoding and dialect (and the longest first line accepted). */
const SAMPLE_BYTES = 1024 * 1024;

interface Dataset {
  id: number;
  /** The staging table: every row read, as text (CSV) or with Parquet's types; only a sample when `chunks` is set. */
  staging: string;
  /**
   * A data set of CSV files only is not staged: the chunks the loader read are kept as bytes (outside DuckDB's
   * memory) and typed at Analyze straight from them, and `staging` holds the first rows, for the mapping step.
   */
  chunks: CsvChunk[] | null;
  /** The kept chunks were freed after a successful Analyze (a large data set): a new mapping needs the file again. */
  released: boolean;
  rejects: string;
  files: string;
  columns: string[];
  /** DuckDB type of each staging column c0 … cN: VARCHAR for text, Parquet's own types otherwise. */
  types: string[];
  names: string[];
}

/**
 * Everything the data worker does, as a plain class: the worker wraps it with comlink, and Node tests
 * drive it directly on the duckdb-wasm Node build. A failed or cancelled open leaves the earlier data set
 * (and its analysis) exactly as it was.
 */
export class Workspace {
  private serial = 0;
  private current: Dataset | null = null;
  private analyzed: Dataset | null = null;
  /** Whether the analysed mapping had an order id and a cost (the transactions export writes only those). */
  private analyzedColumns = { order: false, cost: false };
  private cancelRequested = false;
  /** The analyses by name: the main one, and any other the page asked for (a comparison date…). */
  private readonly analyses = new Map<string, RfmSession>();

  /** The cohort, migration and lifetime-value tables, built from the analysed data and the analyses above. */
  private readonly lifecycle: Lifecycle;
  private readonly clv: ClvModel;

  private readonly limits: { maxFileBytes: number; parquetWasm: ParquetWasmSource | null; stageCsv: boolean; chunkBytes?: number; keepBytes: number };

  /**
   * `parquetWasm`: parquet-wasm's WebAssembly (URL or bytes); Parquet then loads with its own types. Without
   * it, Parquet loads through hyparquet as text (slower, same results). `stageCsv`: stage CSV files as text too
   * (as a data set with a Parquet file is), the loader before issue 19; the tests and the bench compare the two.
   * `chunkBytes`: the CSV loader's chunk size (default 16 MiB; tests cut small files into many chunks).
   * `keepBytes`: kept chunks larger than this in all (default 256 MiB) are freed after a successful Analyze; a new
   * mapping then asks for the file again ('reopen-needed'), so that a large file's bytes do not sit beside a full
   * wasm heap.
   */
  constructor(
    readonly engine: Engine,
    options: { maxFileBytes?: number; parquetWasm?: ParquetWasmSource | null; stageCsv?: boolean; chunkBytes?: number; keepBytes?: number } = {},
  ) {
    this.analyses.set(MAIN_ANALYSIS, new RfmSession(engine));
    this.lifecycle = new Lifecycle(engine);
    this.clv = new ClvModel(engine);
    this.limits = { maxFileBytes: options.maxFileBytes ?? 3.5 * 1024 ** 3, parquetWasm: options.parquetWasm ?? null, stageCsv: options.stageCsv ?? false, chunkBytes: options.chunkBytes, keepBytes: options.keepBytes ?? 256 * 1024 * 1024 };
  }

  /** Asks a running load to stop at its next chunk, and a running model fit at its next step. */
  cancel(): void {
    this.cancelRequested = true;
    this.clv.cancel();
  }

  /** Reads one or more files (appended when their columns match) into a new staging table. */
  async open(inputs: FileInput[], onProgress?: (p: LoadProgress) => void): Promise<OpenedDataset> {
    this.cancelRequested = false;
    const id = ++this.serial;
    const ds: Dataset = {
      id,
      staging: `staging_${id}`,
      chunks: null,
      released: false,
      rejects: `rejects_${id}`,
      files: `files_${id}`,
      columns: [],
      types: [],
      names: inputs.map((i) => i.name),
    };
    const facts: FileFacts[] = [];
    let current = '';
    try {
      if (inputs.length === 0) throw userError('empty-file');
      // CSV files only: keep the chunks, stage nothing (a Parquet file among them: every file is staged).
      const heads = await Promise.all(inputs.map(async (i) => new Uint8Array(await i.file.slice(0, 4).arrayBuffer())));
      if (!this.limits.stageCsv && !heads.some(isParquet)) ds.chunks = [];
      this.engine.exec(
        `CREATE TABLE ${ident(ds.rejects)} (file_no INTEGER, row_no BIGINT, line VARCHAR, error VARCHAR);
         CREATE TABLE ${ident(ds.files)} (file_no INTEGER, name VARCHAR, first_rowid BIGINT, header BOOLEAN, lead_rows INTEGER);`,
      );
      for (let i = 0; i < inputs.length; i++) {
        const { file, name } = inputs[i];
        current = name;
        if (file.size > this.limits.maxFileBytes) throw userError('too-large', { file: name, detail: `${file.size} bytes` });
        if (file.size === 0) throw userError('empty-file', { file: name });
        const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
        const progress = (bytesRead: number, rowsLoaded: number) =>
          onProgress?.({ file: name, fileIndex: i, files: inputs.length, bytesRead, bytesTotal: file.size, rowsLoaded });
        const isCancelled = () => this.cancelRequested;
        // The rows read before this file (the staging table's rowid of its first row).
        const firstRowid = facts.reduce((n, f) => n + f.rows, 0);
        let columns: string[];
        let fact: FileFacts;
        if (isParquet(head)) {
          const first = ds.columns.length === 0;
          // The first file goes straight into the staging table (no copy); a later one through a temporary table.
          const target = first ? ds.staging : `parquet_tmp_${id}`;
          try {
            const r = await this.loadParquetFile(file, target, {
              onProgress: (rows, total) => progress(total ? Math.round((file.size * rows) / total) : 0, rows),
              isCancelled,
            });
            if (r.rows === 0) throw userError('header-only', { file: name });
            const described = this.engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(target)}`);
            columns = described.map((c) => c.column_name);
            if (first) {
              this.adoptStaging(ds, columns, described.map((c) => c.column_type), i);
            } else {
              this.ensureStaging(ds, columns, name, described.map((c) => c.column_type));
              this.engine.exec(
                `INSERT INTO ${ident(ds.staging)} (file_no, ${columns.map((_, j) => ident('c' + j)).join(', ')})
                 SELECT ${i}, ${described.map((c, j) => this.stagedValue(ds, j, c.column_name, c.column_type)).join(', ')} FROM ${ident(target)}`,
              );
            }
            fact = { name, format: 'parquet', reader: r.reader, rows: r.rows, rejected: 0 };
          } finally {
            if (!first) this.engine.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
          }
          if (fact.rows === 0) throw userError('header-only', { file: name });
          this.engine.exec(`INSERT INTO ${ident(ds.files)} VALUES (${i}, ${lit(name)}, ${firstRowid}, false, 0)`);
        } else {
          const plan = await planCsv(file, head, name);
          columns = plan.dialect.columns;
          this.ensureStaging(ds, columns, name, columns.map(() => 'VARCHAR'));
          this.engine.exec(`INSERT INTO ${ident(ds.files)} VALUES (${i}, ${lit(name)}, ${firstRowid}, ${plan.dialect.header}, 0)`);
          const r = await loadCsv(this.engine, file, plan, ds.staging, ds.rejects, i, { onProgress: progress, isCancelled, chunkBytes: this.limits.chunkBytes }, ds.chunks ?? undefined);
          this.engine.exec(`UPDATE ${ident(ds.files)} SET lead_rows = ${r.lead} WHERE file_no = ${i}`);
          if (r.rows === 0 && r.rejected > 0) throw this.allMalformed(ds, i, r.rejected, name);
          if (r.rows === 0) throw userError(plan.dialect.header ? 'header-only' : 'empty-file', { file: name });
          fact = {
            name, format: 'csv', rows: r.rows, rejected: r.rejected, gzip: plan.gzip, encoding: plan.encoding,
            delimiter: plan.dialect.delimiter, header: plan.dialect.header, preamble: plan.dialect.preamble,
          };
        }
        facts.push(fact);
      }
      const opened = this.describe(ds, facts);
      const old = this.current;
      this.current = ds;
      if (old && old !== this.analyzed) this.drop(old);
      // The analysed data set keeps its tables; its chunks were for a new mapping of it, which can no longer come.
      else if (old?.chunks) old.chunks = [];
      return opened;
    } catch (e) {
      this.drop(ds);
      throw toUserError(e instanceof SniffError || e instanceof ParquetError ? classify(e) : e, current || undefined);
    }
  }

  /**
   * Creates the staging table for the first file, a column per file column with the file's type (text for CSV;
   * Parquet's own types); checks that a later file has the same columns, and turns a column into text when a
   * later file's type for it differs (its values are then typed in SQL like a CSV's).
   */
  private ensureStaging(ds: Dataset, columns: string[], name: string, types: string[]): void {
    if (ds.columns.length === 0) {
      ds.columns = columns;
      ds.types = types.slice();
      this.engine.exec(
        `CREATE TABLE ${ident(ds.staging)} (file_no INTEGER, ${columns.map((_, i) => `${ident('c' + i)} ${types[i]}`).join(', ')})`,
      );
      return;
    }
    const same = columns.length === ds.columns.length && columns.every((c, i) => c.toLowerCase() === ds.columns[i].toLowerCase());
    if (!same) {
      throw userError('columns-mismatch', {
        file: name,
        detail: `${ds.names[0]}: ${ds.columns.join(', ')} | ${name}: ${columns.join(', ')}`,
      });
    }
    types.forEach((t, i) => {
      if (t === ds.types[i] || ds.types[i] === 'VARCHAR') return;
      const c = ident('c' + i);
      this.engine.exec(`ALTER TABLE ${ident(ds.staging)} ALTER ${c} TYPE VARCHAR USING ${textOf(c, ds.types[i])}`);
      ds.types[i] = 'VARCHAR';
    });
  }

  /** Makes a table loaded from the first file the staging table: columns renamed c0 … cN, file_no added. */
  private adoptStaging(ds: Dataset, columns: string[], types: string[], fileNo: number): void {
    ds.columns = columns;
    ds.types = types.slice();
    const t = ident(ds.staging);
    columns.forEach((c, j) => this.engine.exec(`ALTER TABLE ${t} RENAME COLUMN ${ident(c)} TO ${ident('tmp_c' + j)}`));
    columns.forEach((_, j) => this.engine.exec(`ALTER TABLE ${t} RENAME COLUMN ${ident('tmp_c' + j)} TO ${ident('c' + j)}`));
    this.engine.exec(`ALTER TABLE ${t} ADD COLUMN file_no INTEGER DEFAULT ${fileNo}`);
  }

  /** The value a file column adds to staging column j: as it is, or as text when that column is text. */
  private stagedValue(ds: Dataset, j: number, column: string, type: string): string {
    return ds.types[j] === type ? ident(column) : textOf(ident(column), type);
  }

  /**
   * Loads a Parquet file into a new table, with its own types (parquet-wasm) or, without it or should it fail,
   * as text (hyparquet).
   */
  private async loadParquetFile(
    file: Blob,
    table: string,
    opts: ParquetLoadOptions,
  ): Promise<{ rows: number; reader: 'parquet-wasm' | 'hyparquet' }> {
    // hyparquet reads the footer first: a cut or foreign file gets its clear message here.
    await parquetColumns(file);
    if (this.limits.parquetWasm) {
      try {
        await initParquetArrow(this.limits.parquetWasm);
        return { ...(await loadParquetTyped(this.engine, file, table, { ...opts, create: true })), reader: 'parquet-wasm' };
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') throw e;
        console.warn('parquet-wasm could not read the file; reading it as text with hyparquet:', e);
        this.engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
      }
    }
    return { ...(await loadParquet(this.engine, file, table, opts)), reader: 'hyparquet' };
  }

  /** Guesses the mapping and formats from the first rows of the staged data. */
  private describe(ds: Dataset, files: FileFacts[]): OpenedDataset {
    const sel = ds.columns.map((_, i) => `coalesce(${textOf(ident('c' + i), ds.types[i])}, '')`).join(', ');
    const sample = this.engine
      .table(`SELECT ${sel} FROM ${ident(ds.staging)} LIMIT 500`)
      .toArray()
      .map((r) => ds.columns.map((_, i) => String(Object.values(r.toJSON())[i] ?? '')));
    const guess = guessMapping(ds.columns, sample);
    const valuesOf = (column: string | null) => {
      if (!column) return [];
      const i = ds.columns.indexOf(column);
      return sample.map((r) => r[i]).filter((v) => v.trim() !== '');
    };
    // A column can be the order date when most of its sampled values look like dates.
    const dateLike = (c: string) => {
      const v = valuesOf(c);
      return v.length > 0 && v.filter(looksLikeDate).length >= v.length / 2;
    };
    if (!ds.columns.some(dateLike)) throw userError('no-date-column', { file: ds.names[0], detail: ds.columns.join(', ') });
    if (ds.columns.length < 2) throw userError('no-customer-column', { file: ds.names[0], detail: ds.columns.join(', ') });
    if (!guess.date) guess.date = ds.columns.find(dateLike) ?? null;
    const dates = detectDateFormat(valuesOf(guess.date).filter(looksLikeDate));
    const amountValues = [...valuesOf(guess.amount), ...valuesOf(guess.unitPrice), ...valuesOf(guess.cost)];
    const rows = files.reduce((n, f) => n + f.rows, 0);
    return {
      id: ds.id,
      files,
      columns: ds.columns,
      preview: sample.slice(0, 20),
      rows,
      rejected: files.reduce((n, f) => n + f.rejected, 0),
      guess,
      dateFormat: dates.format,
      dateAmbiguous: dates.ambiguous,
      dateCandidates: dates.candidates,
      decimalMark: detectDecimalMark(amountValues),
    };
  }

  /**
   * Applies a confirmed mapping: builds tx and excluded, and returns the data-quality summary. `onProgress` hears
   * the rows typed after each kept chunk (a staged data set is typed in one statement and reports nothing).
   */
  analyze(req: AnalyzeRequest, onProgress?: (p: AnalyzeProgress) => void): QualitySummary {
    const ds = this.current;
    if (!ds) throw userError('mapping-incomplete', { detail: 'no data set is open' });
    if (ds.released) throw userError('reopen-needed', { file: ds.names.join(', ') });
    const m = req.mapping;
    if (!m.customer || !m.date || !(m.amount || (m.quantity && m.unitPrice))) {
      throw userError('mapping-incomplete');
    }
    for (const c of Object.values(m)) {
      if (c && !ds.columns.includes(c)) throw userError('mapping-incomplete', { column: c });
    }
    const params = {
      staging: ds.staging,
      files: ds.files,
      rejects: ds.rejects,
      columnOf: (h: string) => 'c' + ds.columns.indexOf(h),
      typeOf: (h: string) => ds.types[ds.columns.indexOf(h)],
      mapping: m,
      dateFormat: req.dateFormat,
      decimalMark: req.decimalMark,
      keepText: ds.chunks !== null,
    };
    // Build into a fresh table first: a mapping under which no row can be used is refused with its reasons,
    // and the previous analysis stays as it was. Kept chunks are typed one by one, straight from their bytes.
    if (ds.chunks) {
      const files = new Map(
        this.engine.rows<{ file_no: number; first_rowid: number; lead_rows: number }>(`SELECT file_no, first_rowid, lead_rows FROM ${ident(ds.files)}`)
          .map((f) => [Number(f.file_no), { firstRowid: Number(f.first_rowid), leadRows: Number(f.lead_rows) }]),
      );
      const rowsTotal = ds.chunks.reduce((n, c) => n + c.rows, 0);
      typeCsvChunks(
        this.engine, ds.chunks, files,
        (source, first) => (first ? transactionsTableSql : transactionsInsertSql)({ ...params, table: 'tx_next', source }),
        (rowsTyped) => onProgress?.({ rowsTyped, rowsTotal }),
      );
    } else {
      this.engine.exec(transactionsTableSql({ ...params, table: 'tx_next' }));
    }
    // Is any row used? (EXISTS stops at the first one; a count read every row: 0.26 s at 10 M rows.)
    const used = this.engine.one<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM tx_next WHERE reason IS NULL) AS any`)!.any;
    if (!used) throw this.nothingUsed(ds, params);
    this.engine.exec(`DROP TABLE IF EXISTS tx_all; ALTER TABLE tx_next RENAME TO tx_all;`);
    this.engine.exec(transactionsViewsSql(params));
    this.engine.exec(ordersTableSql());
    // New transactions: the main analysis starts over, and the others, scored on the old ones, are dropped.
    for (const [name, a] of this.analyses) {
      if (name === MAIN_ANALYSIS) a.reset();
      else this.dropAnalysis(name);
    }
    this.lifecycle.reset();
    this.clv.reset();
    const old = this.analyzed;
    this.analyzed = ds;
    this.analyzedColumns = { order: !!m.order, cost: !!(m.cost || m.profit) };
    if (old && old !== ds && old !== this.current) this.drop(old);
    // A large data set does not keep its chunks beside its analysis (the tab's memory): a new mapping reads it again.
    if (ds.chunks && ds.chunks.reduce((n, c) => n + c.bytes.length, 0) > this.limits.keepBytes) {
      ds.chunks = [];
      ds.released = true;
    }
    const s = this.engine.one<Record<string, unknown>>(qualitySummarySql('tx_all', ds.rejects))!;
    const exclusions = this.engine.rows<{ reason: string; rows: number }>(exclusionCountsSql(ds.rejects));
    return {
      files: ds.names,
      rowsRead: Number(s.rows_read),
      rowsUsed: Number(s.rows_used),
      customers: Number(s.customers),
      orders: Number(s.orders),
      firstOrder: (s.first_order as string) ?? null,
      lastOrder: (s.last_order as string) ?? null,
      revenue: String(s.revenue),
      returnRows: Number(s.return_rows),
      returnOrders: Number(s.return_orders),
      ordersNotPositive: Number(s.orders_not_positive),
      exclusions,
      ordersAreCustomerDays: !m.order,
      hasCost: !!(m.cost || m.profit),
    };
  }

  /** The error for a file whose every record is malformed: their count and the first of them. */
  private allMalformed(ds: Dataset, fileNo: number, rejected: number, name: string) {
    const examples = this.engine
      .rows<{ row: number; reason: string; text: string }>(
        `SELECT row_no AS row, error AS reason, line AS text FROM ${ident(ds.rejects)} WHERE file_no = ${fileNo} ORDER BY row_no LIMIT 5`,
      );
    return userError('no-rows-used', { file: name, facts: { counts: [{ reason: 'malformed', rows: rejected }], examples } });
  }

  /** The error for a mapping under which no row can be used: the count per reason and the first rows. */
  private nothingUsed(ds: Dataset, params: Parameters<typeof transactionsViewsSql>[0]) {
    try {
      this.engine.exec(transactionsViewsSql(params, { all: 'tx_next', tx: 'tx_next_used', excluded: 'tx_next_excluded' }));
      const counts = this.engine.rows<{ reason: string; rows: number }>(exclusionCountsSql(ds.rejects, 'tx_next_excluded'));
      const first = this.engine.table(`SELECT * EXCLUDE (file_no) FROM tx_next_excluded ORDER BY file_no, row_no LIMIT 5`);
      const names = first.schema.fields.map((f) => f.name).filter((n) => n !== 'row_no' && n !== 'reason');
      const examples = first.toArray().map((r) => {
        const o = r.toJSON() as Record<string, unknown>;
        return { row: Number(o.row_no), reason: String(o.reason), text: names.map((n) => o[n] ?? '').join(', ') };
      });
      return userError('no-rows-used', { file: ds.names.join(', '), facts: { counts, examples } });
    } finally {
      this.engine.exec(`DROP VIEW IF EXISTS tx_next_excluded; DROP VIEW IF EXISTS tx_next_used; DROP TABLE IF EXISTS tx_next;`);
    }
  }

  /** The rows not used for one reason, as CSV text (UTF-8, header, the dialect), with file, row and reason. */
  excludedCsv(reason: string, dialect: ExportDialect = 'comma'): string {
    const ds = this.analyzed;
    if (!ds) return '';
    const table = reason === 'malformed'
      ? `SELECT f.name AS file, r.row_no AS row, r.error AS reason, r.line FROM ${ident(ds.rejects)} r JOIN ${ident(ds.files)} f USING (file_no) ORDER BY r.file_no, r.row_no`
      : `SELECT f.name AS file, e.* EXCLUDE (file_no) FROM excluded e JOIN ${ident(ds.files)} f USING (file_no) WHERE e.reason = ${lit(reason)} ORDER BY e.file_no, e.row_no`;
    return tableToCsv(this.engine.table(table), dialect);
  }

  /** The rows used (the tx view) as CSV bytes in the dialect, amount and cost written as numbers. */
  transactionsCsv(dialect: ExportDialect = 'comma'): Uint8Array {
    if (!this.analyzed) throw userError('mapping-incomplete', { detail: 'nothing analysed yet' });
    return new TextEncoder().encode(tableToCsv(this.engine.table(transactionsExportSql(this.analyzedColumns)), dialect, ['amount', 'cost']));
  }

  /**
   * The analysis of that name; `score` creates one that does not exist yet, the readers below need one that was
   * scored.
   */
  private analysis(name: string, create = false): RfmSession {
    let a = this.analyses.get(name);
    if (!a) {
      if (!create || !ANALYSIS_NAME.test(name)) throw userError('scoring-failed', { detail: `no analysis named ${name}` });
      a = new RfmSession(this.engine, name);
      this.analyses.set(name, a);
    }
    return a;
  }

  /** The names of the analyses held, the main one first. */
  analysisNames(): string[] {
    return [...this.analyses.keys()];
  }

  /** Drops an analysis nobody uses (its tables go); the main analysis cannot be dropped. */
  dropAnalysis(name: string): void {
    if (name === MAIN_ANALYSIS) return;
    this.analyses.get(name)?.drop();
    this.analyses.delete(name);
  }

  /**
   * Scores customers in an analysis (the main one unless named) and returns what the RFM views draw (only the
   * steps whose settings changed run).
   */
  score(settings: ScoringSettings, analysis = MAIN_ANALYSIS): RfmOverview {
    if (!this.analyzed) throw userError('mapping-incomplete', { detail: 'nothing analysed yet' });
    return this.analysis(analysis, true).score(settings);
  }

  /** The distributions view's histograms of an analysis's figures last scored (built on first ask, then kept). */
  histograms(analysis = MAIN_ANALYSIS): Histograms {
    return this.analysis(analysis).histograms();
  }

  /** One page of the customers of a selection (Arrow IPC) and the selection's size. */
  customersPage(q: PageQuery, analysis = MAIN_ANALYSIS): { total: number; ipc: Uint8Array } {
    return this.analysis(analysis).page(q, this.withClv(analysis));
  }

  /** One customer's profile. */
  customerProfile(customerId: string, analysisDate: string, analysis = MAIN_ANALYSIS): CustomerProfile | null {
    return this.analysis(analysis).profile(customerId, analysisDate, this.withClv(analysis));
  }

  /** The customers of a selection as `customers.csv` bytes; `labels` give the segment_label column. */
  exportCsv(sel: Selection, analysis = MAIN_ANALYSIS, labels: SegmentLabels = {}, dialect: ExportDialect = 'comma'): Uint8Array {
    return this.analysis(analysis).exportCsv(sel, this.withClv(analysis), labels, dialect);
  }

  /** The customers of a selection as Parquet bytes; `labels` give the segment_label column. */
  exportParquet(sel: Selection, analysis = MAIN_ANALYSIS, labels: SegmentLabels = {}): Uint8Array {
    const a = this.analysis(analysis);
    return customersParquet(a.customerQueries(() => this.engine.table(customersExportSql(sel, false, this.withClv(analysis), labels))));
  }

  /** The segment table or profit by segment of an analysis as CSV (in the dialect) or Parquet bytes; `labels` give segment_label. */
  exportReport(report: SegmentReportName, format: 'csv' | 'parquet', dialect: ExportDialect = 'comma', labels: SegmentLabels = {}, analysis = MAIN_ANALYSIS): Uint8Array {
    return this.analysis(analysis).exportReport(report, format, dialect, labels);
  }

  /** The main analysis's customers carry the lifetime-value predictions once the model is fitted. */
  private withClv(analysis: string): boolean {
    return analysis === MAIN_ANALYSIS && this.clv.fitted;
  }

  /** The cohort triangle at the analysis date (ISO day), by month or quarter. */
  cohorts(analysisDate: string, grain: CohortGrain): CohortsOverview {
    if (!this.analyzed) throw userError('mapping-incomplete', { detail: 'nothing analysed yet' });
    return this.lifecycle.cohorts(analysisDate, grain);
  }

  /**
   * Segment migration: the main analysis under `settings`, and the analysis `compare` scored the same way at the
   * earlier `compareDate` (its own cut points; data after it ignored).
   */
  migration(settings: ScoringSettings, compareDate: string): MigrationOverview {
    const after = this.score(settings);
    if (!(compareDate < after.analysisDate)) {
      throw userError('lifecycle-failed', { detail: `the comparison date ${compareDate} is not before the analysis date ${after.analysisDate}` });
    }
    this.score({ ...settings, analysisDate: compareDate }, COMPARE_ANALYSIS);
    return this.lifecycle.migration(this.analysis(COMPARE_ANALYSIS), this.analysis(MAIN_ANALYSIS), compareDate, after.analysisDate);
  }

  /**
   * Fits the lifetime-value models on the transactions up to the calibration end and predicts every customer
   * (after the main analysis is scored: the key accounts carry its segments and margins).
   */
  fitClv(req: ClvRequest, onProgress?: (p: ClvProgress) => void): Promise<ClvOverview> {
    if (!this.analyzed) throw userError('mapping-incomplete', { detail: 'nothing analysed yet' });
    if (!(req.calibrationEnd < req.analysisDate)) {
      throw userError('lifecycle-failed', { detail: `the calibration end ${req.calibrationEnd} is not before the analysis date ${req.analysisDate}` });
    }
    if (!(req.horizonWeeks > 0 && req.horizonWeeks <= 520)) throw userError('lifecycle-failed', { detail: `a horizon of ${req.horizonWeeks} weeks` });
    const main = this.analysis(MAIN_ANALYSIS);
    return this.clv.fit(req, main.customerSegmentsSql(), onProgress);
  }

  /** cohorts.csv or migration.csv for what was last computed (empty before); `labels` label migration's segments. */
  lifecycleCsv(which: 'cohorts' | 'migration', labels: SegmentLabels = {}, dialect: ExportDialect = 'comma'): Uint8Array {
    return which === 'cohorts' ? this.lifecycle.cohortsCsv(dialect) : this.lifecycle.migrationCsv(labels, dialect);
  }

  private drop(ds: Dataset): void {
    ds.chunks = ds.chunks && [];
    this.engine.exec(
      `DROP TABLE IF EXISTS ${ident(ds.staging)}; DROP TABLE IF EXISTS ${ident(ds.rejects)}; DROP TABLE IF EXISTS ${ident(ds.files)};`,
    );
  }
}

/** Maps the ingest's own errors to user error codes. */
function classify(e: SniffError | ParquetError) {
  if (e instanceof ParquetError) return userError('bad-parquet', { detail: e.message });
  return userError(e.code, { facts: { ...e.facts }, row: e.code === 'too-many-columns' ? 1 : undefined });
}

/** Finds compression, encoding and dialect from the start of a text file. */
async function planCsv(file: Blob, head: Uint8Array, name: string): Promise<CsvPlan> {
  const gzip = isGzip(head);
  let sample = head;
  let complete = file.size <= SAMPLE_BYTES;
  if (gzip) {
    const reader = file.stream().pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
    const parts: Uint8Array[] = [];
    let total = 0;
    complete = false;
    try {
      while (total < SAMPLE_BYTES) {
        const { done, value } = await reader.read();
        if (done) { complete = true; break; }
        parts.push(value);
        total += value.length;
      }
    } catch (e) {
      throw userError('unreadable', { file: name, detail: `gzip: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      await reader.cancel().catch(() => {});
    }
    sample = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { sample.set(p, at); at += p.length; }
  }
  if (sample.length === 0) throw userError('empty-file', { file: name });
  const encoding = detectEncoding(sample, complete);
  const text = decodeSample(sample, encoding);
  if (!complete && !/[\r\n]/.test(text)) throw await longFirstLine(file, gzip, text, name);
  const dialect = sniffCsv(text, complete);
  return { gzip, encoding, dialect };
}

/**
 * The error for a file whose first line does not end within the sample: too many columns when the sample
 * already holds more than the limit's separators, otherwise a record too long (its length measured by reading
 * on to the first newline, at most 64 MiB further).
 */
async function longFirstLine(file: Blob, gzip: boolean, text: string, name: string) {
  let widest = 0;
  for (const d of [',', ';', '\t', '|']) widest = Math.max(widest, text.split(d).length);
  if (widest > MAX_COLUMNS) return userError('too-many-columns', { file: name, row: 1, facts: { columns: widest, limit: MAX_COLUMNS, cut: true } });
  let stream: ReadableStream<Uint8Array> = file.stream();
  if (gzip) stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();
  let bytes = 0;
  let ended = false;
  try {
    while (bytes < 64 * 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) { ended = true; break; }
      const nl = value.indexOf(10);
      if (nl >= 0) { bytes += nl; ended = true; break; }
      bytes += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return userError('record-too-long', {
    file: name, row: 1, facts: { bytes, limit: MAX_RECORD_BYTES, separator: widest > 1, ended },
  });
}

export { isUserError };
