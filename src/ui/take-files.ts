/** What the file pickers offer: delimited text, gzip and Parquet. */
export const FILE_TYPES = '.csv,.tsv,.txt,.gz,.parquet,text/csv,text/plain,application/gzip';

/** The files chosen in a file input's change event; the input is cleared, so choosing the same file again opens it again. */
export function takeFiles(e: Event): File[] {
  const input = e.currentTarget as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}
