/**
 * A return the LA takes as CSV: one header row of the pack's field labels and
 * one row of values, a missing value left empty (the form names it beside).
 * RFC 4180 quoting, CRLF line ends, and a cell that a spreadsheet would run
 * as a formula (=, @, or + and - not starting a number) is prefixed with an
 * apostrophe: the file is opened by LA staff in Excel.
 */
export interface CsvReturnField {
  label: string;
  value: string | null;
}

export function csvCell(value: string): string {
  const safe = /^[=@\t\r]/.test(value) || /^[+-](?![\d ])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function returnCsv(fields: readonly CsvReturnField[]): string {
  const row = (cells: readonly string[]) => cells.map(csvCell).join(",");
  return `${row(fields.map((f) => f.label))}\r\n${row(fields.map((f) => f.value ?? ""))}\r\n`;
}
