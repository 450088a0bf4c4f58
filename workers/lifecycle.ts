import type { Engine } from './engine';
import { cohortCellsSql, cohortTablesSql, cohortTotalsSql, cohortsExportSql, type CohortGrain } from '../src/sql/cohorts';
import { migrationExportSql, migrationFlowsSql, migrationTableSql, NEW_SEGMENT } from '../src/sql/migration';
import { tableToCsv, type ExportDialect } from './csv-text';
import type { RfmSession } from './rfm-session';
import type { SegmentLabels } from '../src/sql/segment-labels';

export interface CohortCellRow {
  cohort: string; period: number; cohort_customers: number; active_customers: number; retention: number;
  /** Exact decimal text, and the same as a number for drawing. */
  revenue_text: string; revenue: number; partial: boolean;
}

/** The cohorts view's data at one analysis date. */
export interface CohortsOverview {
  analysisDate: string;
  grain: CohortGrain;
  cells: CohortCellRow[];
  /** Customers with an order on or before the analysis date, and those of them with no positive order (no cohort). */
  customers: number;
  withoutCohort: number;
}

/** The migration view's data between the comparison date and the analysis date. */
export interface MigrationOverview {
  compareDate: string;
  analysisDate: string;
  flows: { before: string; after: string; customers: number; revenue: number; revenue_text: string }[];
  customersAfter: number;
  customersBefore: number;
  newCustomers: number;
  stayed: number;
  moved: number;
}

/**
 * The lifecycle views' tables, built from the analysed orders (cohorts) and from two scored analyses (migration).
 * Each is rebuilt only when its settings change; a new Analyze resets them.
 */
export class Lifecycle {
  private cohortKey = '';
  private cohortCache: CohortsOverview | null = null;
  private migrated = false;

  constructor(private readonly engine: Engine) {}

  /** Forgets what was built from the previous transactions. */
  reset(): void {
    this.cohortKey = '';
    this.cohortCache = null;
    this.migrated = false;
  }

  /** The cohort triangle at an analysis date (ISO day), by month or quarter. */
  cohorts(analysisDate: string, grain: CohortGrain): CohortsOverview {
    const key = JSON.stringify([analysisDate, grain]);
    if (key === this.cohortKey && this.cohortCache) return this.cohortCache;
    const e = this.engine;
    e.exec(cohortTablesSql(analysisDate, grain));
    const cells = e.rows<Omit<CohortCellRow, 'revenue_text'> & { revenue: string }>(cohortCellsSql(analysisDate, grain))
      .map((c) => ({ ...c, revenue_text: c.revenue, revenue: Number(c.revenue) }));
    const totals = e.one<{ customers: number; without_cohort: number }>(cohortTotalsSql())!;
    this.cohortCache = { analysisDate, grain, cells, customers: totals.customers, withoutCohort: totals.without_cohort };
    this.cohortKey = key;
    return this.cohortCache;
  }

  /** cohorts.csv for the cohorts last built. */
  cohortsCsv(dialect: ExportDialect = 'comma'): Uint8Array {
    const c = this.cohortCache;
    if (!c) return new Uint8Array();
    return new TextEncoder().encode(tableToCsv(this.engine.table(cohortsExportSql(c.analysisDate, c.grain)), dialect, ['revenue']));
  }

  /**
   * The flows from the segments in `before` (scored at the comparison date) to those in `after` (the analysis
   * date); both must be scored under the same method and rules.
   */
  migration(before: RfmSession, after: RfmSession, compareDate: string, analysisDate: string): MigrationOverview {
    const e = this.engine;
    e.exec(migrationTableSql(before.schema, after.schema));
    this.migrated = true;
    const flows = e.rows<MigrationOverview['flows'][number]>(migrationFlowsSql());
    const sum = (f: (x: MigrationOverview['flows'][number]) => boolean) => flows.filter(f).reduce((s, x) => s + x.customers, 0);
    const customersAfter = sum(() => true);
    const newCustomers = sum((x) => x.before === NEW_SEGMENT);
    return {
      compareDate, analysisDate, flows, customersAfter, newCustomers, customersBefore: customersAfter - newCustomers,
      stayed: sum((x) => x.before === x.after), moved: sum((x) => x.before !== NEW_SEGMENT && x.before !== x.after),
    };
  }

  /**
   * migration.csv: customer_id, segment_before, segment_after and their labels (from `labels`) for every customer at
   * the analysis date, in the dialect.
   */
  migrationCsv(labels: SegmentLabels = {}, dialect: ExportDialect = 'comma'): Uint8Array {
    if (!this.migrated) return new Uint8Array();
    return new TextEncoder().encode(tableToCsv(this.engine.table(migrationExportSql(labels)), dialect));
  }
}
