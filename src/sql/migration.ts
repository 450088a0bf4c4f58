/**
 * Segment migration: who moved between segments from an earlier date ("Compare with") to the analysis date.
 *
 * Inputs: two scored analyses (rfm-session.ts), each in its own schema: customer_base and cell_segments at the
 * analysis date (after) and at the comparison date (before), each scored with its own cut points, the same method
 * and rules, data after its date ignored.
 * Output: TABLE main.customer_migration(customer_id, segment_before, segment_after, net_between DECIMAL(18,4)),
 *   one row per customer at the analysis date.
 *
 * Definitions: segment_before = the customer's segment at the earlier date, or 'New' (NEW_SEGMENT, a name no rule
 * may carry) when it had no order on or before it; net_between = its net over the orders after the earlier date up
 * to the analysis date (net after − net before, exact). Customers before = customers after − new.
 */
import { NEW_SEGMENT, OTHERS } from '../domain/segment-rules';
import { ident, lit } from './sql-text';
import { segmentLabelSql, type SegmentLabels } from './segment-labels';

export const CUSTOMER_MIGRATION = 'customer_migration';
/** The "before" segment of a customer who had not bought by the earlier date (a name no rule may carry). */
export { NEW_SEGMENT };

/** Customers with their segment and net in one analysis's schema. */
function segmentsIn(schema: string): string {
  const s = ident(schema);
  return `(SELECT b.customer_id, b.net, coalesce(c.segment, ${lit(OTHERS)}) AS segment
  FROM ${s}.customer_base b LEFT JOIN ${s}.cell_segments c USING (rfm_cell))`;
}

/** Statement → TABLE main.customer_migration from the analysis in `afterSchema` and the one in `beforeSchema`. */
export function migrationTableSql(beforeSchema: string, afterSchema: string): string {
  return `CREATE OR REPLACE TABLE main.${ident(CUSTOMER_MIGRATION)} AS
SELECT a.customer_id, coalesce(b.segment, ${lit(NEW_SEGMENT)}) AS segment_before, a.segment AS segment_after,
  CAST(a.net - coalesce(b.net, 0) AS DECIMAL(18,4)) AS net_between
FROM ${segmentsIn(afterSchema)} a LEFT JOIN ${segmentsIn(beforeSchema)} b USING (customer_id)`;
}

/**
 * Query → the flows: before VARCHAR, after VARCHAR, customers INTEGER, revenue DOUBLE (net between the dates),
 * revenue_text VARCHAR (exact), largest first.
 */
export function migrationFlowsSql(): string {
  return `SELECT segment_before AS before, segment_after AS after, CAST(count(*) AS INTEGER) AS customers,
  CAST(sum(net_between) AS DOUBLE) AS revenue, CAST(sum(net_between) AS VARCHAR) AS revenue_text
FROM main.${ident(CUSTOMER_MIGRATION)} GROUP BY ALL ORDER BY customers DESC, before, after`;
}

/**
 * Query → migration.csv's columns for every customer at the analysis date, by customer id: the stable segment names
 * before and after, then their labels from `labels` (views.ts `segmentLabelSql`; 'New' among them).
 */
export function migrationExportSql(labels: SegmentLabels = {}): string {
  return `SELECT customer_id, segment_before, segment_after, ${segmentLabelSql(labels, 'segment_before')} AS segment_before_label,
  ${segmentLabelSql(labels, 'segment_after')} AS segment_after_label
FROM main.${ident(CUSTOMER_MIGRATION)} ORDER BY customer_id`;
}

/** SQL condition on customer_id: the customers of one flow. */
export function migrationFlowWhere(before: string, after: string): string {
  return `customer_id IN (SELECT customer_id FROM main.${ident(CUSTOMER_MIGRATION)}
  WHERE segment_before = ${lit(before)} AND segment_after = ${lit(after)})`;
}
