/**
 * The labels of segment names in SQL: the exports keep a segment's stable (English) name and add the label the UI
 * shows it with, in the UI's language. Input: a map of stable name → label (a language's `segmentNames`).
 */
import { ident, lit } from './sql-text';

/** A segment's stable name → the label the UI shows it with (a language's `segmentNames`). */
export type SegmentLabels = Readonly<Record<string, string>>;

/**
 * Expression → the label of the segment in `column`: a CASE over the labels given (names and labels quoted as
 * literals); a name without a label is its own label.
 */
export function segmentLabelSql(labels: SegmentLabels, column = 'segment'): string {
  const pairs = Object.entries(labels).filter(([name, label]) => name !== label);
  if (pairs.length === 0) return ident(column);
  return `CASE ${ident(column)} ${pairs.map(([name, label]) => `WHEN ${lit(name)} THEN ${lit(label)}`).join(' ')} ELSE ${ident(column)} END`;
}
