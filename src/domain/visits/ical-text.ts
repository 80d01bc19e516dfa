/**
 * A TEXT value in an iCalendar line (RFC 5545 3.3.11): backslash, semicolon and
 * comma escaped, and every line break (CRLF, LF or a lone CR) written as the two
 * characters "\n", so an address or note can never start a line of its own.
 */
export function icalText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}
