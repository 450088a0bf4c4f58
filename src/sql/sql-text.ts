/** Quotes an SQL identifier (column or table name), doubling embedded quotes. */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes an SQL string literal, doubling embedded single quotes. */
export function lit(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

/** An SQL DATE literal from an ISO day (YYYY-MM-DD), validated. */
export function dateLit(isoDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new Error(`Not an ISO date: ${isoDay}`);
  return `DATE ${lit(isoDay)}`;
}

/** An SQL numeric literal from a finite number. */
export function numLit(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}
