import type { Engine } from './engine';
import {
  customerFiguresSql, computeCutsSql, scoresSql, segmentTablesSql, scoreCountsSql, ruleCountsSql,
  segmentSummarySql, defaultAnalysisDateSql, MEASURES, type Measure,
} from '../src/sql/rfm';
import {
  rfGridSql, histogramSql, customersPageSql, customersCountSql, customersExportSql, customerProfileSql,
  customerOrdersSql, type PageQuery, type Selection,
} from '../src/sql/views';
import type { CustomCuts, MonetaryMode, ScoreMethod, SegmentRule } from '../src/domain/settings';
import type { Bins } from '../src/domain/segment-rules';
import { tableToCsv } from './csv-text';

/** The part of the analysis settings that scoring depends on. */
export interface ScoringSettings {
  analysisDate: string | null;
  monetaryMode: MonetaryMode;
  scoreMethod: ScoreMethod;
  bins: Bins;
  customCuts: CustomCuts | null;
  segmentRules: SegmentRule[];
}

export interface ScoreCount { measure: Measure; score: number; customers: number; min_value: number | null; max_value: number | null }
export interface SegmentRow {
  segment: string; customers: number; pct_customers: number | null; revenue: number; pct_revenue: number | null;
  avg_recency: number | null; avg_frequency: number | null; avg_monetary: number | null;
}

/** Everything the RFM views draw, small enough to send as plain objects. */
export interface RfmOverview {
  analysisDate: string;
  defaultAnalysisDate: string;
  customers: number;
  cuts: { measure: Measure; cuts: string[]; cut_values: number[] }[];
  scoreCounts: ScoreCount[];
  ruleCounts: { rule_no: number | null; segment: string; cells: number; customers: number }[];
  segments: SegmentRow[];
  grid: { r: number; f: number; customers: number; revenue: number; avg_monetary: number }[];
  histograms: Record<Measure, { x0: number; x1: number; count: number }[]>;
  /** Which steps ran for this call (the rest were kept from the previous call). */
  recomputed: ('figures' | 'scores' | 'segments')[];
}

export interface CustomerProfile {
  customer_id: string; first_order: string; last_order: string; orders: number; recency_days: number; frequency: number;
  monetary: string; r_score: number; f_score: number; m_score: number; rfm_cell: number; segment: string;
  timeline: { order_id: string; order_date: string; net: number; lines: number; is_return: boolean }[];
}

/**
 * Scores the analysed transactions and answers the views' queries. Each step runs only when a setting it
 * depends on changed: the analysis date or monetary mode → figures; method, bins, cut points → scores;
 * rules → the bins³ cell map only. The per-customer tables stay in DuckDB; the page gets summaries and pages.
 */
export class RfmSession {
  private keys = { figures: '', scores: '', segments: '' };

  constructor(private readonly engine: Engine) {}

  /** Forgets the cached steps (new transactions were analysed). */
  reset(): void {
    this.keys = { figures: '', scores: '', segments: '' };
  }

  /** Runs the steps the settings need and returns what the views draw. */
  score(s: ScoringSettings): RfmOverview {
    const e = this.engine;
    const recomputed: RfmOverview['recomputed'] = [];
    const figuresKey = JSON.stringify([s.analysisDate, s.monetaryMode]);
    const scoresKey = JSON.stringify([figuresKey, s.scoreMethod, s.bins, s.scoreMethod === 'custom' ? s.customCuts : null]);
    const segmentsKey = JSON.stringify([scoresKey, s.segmentRules]);
    if (figuresKey !== this.keys.figures) {
      e.exec(customerFiguresSql({ analysisDate: s.analysisDate, monetaryMode: s.monetaryMode }));
      this.keys = { figures: figuresKey, scores: '', segments: '' };
      recomputed.push('figures');
    }
    if (scoresKey !== this.keys.scores) {
      const p = { method: s.scoreMethod, bins: s.bins, customCuts: s.customCuts };
      e.exec(computeCutsSql(p));
      e.exec(scoresSql(p));
      this.keys.scores = scoresKey;
      this.keys.segments = '';
      recomputed.push('scores');
    }
    if (segmentsKey !== this.keys.segments) {
      e.exec(segmentTablesSql(s.segmentRules, s.bins));
      this.keys.segments = segmentsKey;
      recomputed.push('segments');
    }
    const analysisDate = e.one<{ d: string }>(`SELECT strftime(any_value(analysis_date), '%Y-%m-%d') AS d FROM customer_figures`)?.d ?? s.analysisDate ?? '';
    const histograms = Object.fromEntries(MEASURES.map((m) => [m, e.rows(histogramSql(m))])) as RfmOverview['histograms'];
    return {
      analysisDate,
      defaultAnalysisDate: e.one<{ analysis_date: string }>(defaultAnalysisDateSql())?.analysis_date ?? '',
      customers: e.one<{ n: number }>('SELECT count(*) AS n FROM customer_figures')!.n,
      cuts: this.cuts(),
      scoreCounts: e.rows<ScoreCount>(scoreCountsSql(s.bins)),
      ruleCounts: e.rows(ruleCountsSql()),
      segments: e.rows<SegmentRow>(segmentSummarySql()),
      grid: e.rows(rfGridSql()),
      histograms,
      recomputed,
    };
  }

  /** Cut points per measure, in cut order (none with equal-size bins). */
  private cuts(): RfmOverview['cuts'] {
    const rows = this.engine.rows<{ measure: Measure; cut_text: string; cut_value: number }>(
      `SELECT measure, cut_text, cut_value FROM score_cuts ORDER BY list_position(['recency', 'frequency', 'monetary'], measure), cut_no`,
    );
    return MEASURES.filter((m) => rows.some((r) => r.measure === m)).map((m) => ({
      measure: m,
      cuts: rows.filter((r) => r.measure === m).map((r) => r.cut_text),
      cut_values: rows.filter((r) => r.measure === m).map((r) => r.cut_value),
    }));
  }

  /** One page of customers, as Arrow IPC bytes, with the selection's total. */
  page(q: PageQuery): { total: number; ipc: Uint8Array } {
    const total = this.engine.one<{ total: number }>(customersCountSql(q.selection, q.search))!.total;
    return { total, ipc: this.engine.ipc(customersPageSql(q)) };
  }

  /** One customer's figures, scores, segment and orders. */
  profile(customerId: string, analysisDate: string): CustomerProfile | null {
    const p = this.engine.one<Omit<CustomerProfile, 'timeline'>>(customerProfileSql(customerId));
    if (!p) return null;
    return { ...p, timeline: this.engine.rows(customerOrdersSql(customerId, analysisDate)) };
  }

  /** The selection as CSV bytes (UTF-8, comma, header; monetary as exact decimal text). */
  exportCsv(sel: Selection): Uint8Array {
    const table = this.engine.table(`SELECT * REPLACE (CAST(monetary AS VARCHAR) AS monetary) FROM (${customersExportSql(sel)})`);
    return new TextEncoder().encode(tableToCsv(table));
  }

}
