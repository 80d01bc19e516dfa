/** The zod schema for a date accepted from a person or a file (see SCHOOL_DATE_MIN/MAX). */
import { z } from "zod";
import { isSchoolDate, SCHOOL_DATE_RANGE_TEXT } from "./iso-date";

export function schoolDate() {
  return z.iso.date().refine(isSchoolDate, { error: `must be ${SCHOOL_DATE_RANGE_TEXT}, as YYYY-MM-DD` });
}
