// Types of least-work.mjs, for the tests (TypeScript strict, allowJs off).
export interface ColumnMap {
  customer: string;
  order: string | null;
  date: string;
  amount: string;
}
export function typedCsvSource(p: {
  path: string;
  header: string[];
  map: ColumnMap;
  dateFormat?: string;
  decimalSeparator?: string;
  delim?: string;
}): string;
export function parquetSource(p: { path: string; map: ColumnMap }): string;
export function leastWorkSql(p: { source: string; analysisDate?: string | null; output?: 'segments' | 'customers' }): string;
export function leastWorkRun(p: { source: string; threads: number }): Promise<{ ms: number; segments: Record<string, number> }>;
export function segmentMismatches(expected: Record<string, number>, actual: Record<string, number>): string[];
