// A return to the local authority (PRR 2024 reg 13) as the LA's pack lays it
// out: every field the form asks for, filled from the record or printed as
// missing, so whoever sends it sees the gap before it goes.
import { renderPdf, type Content } from "./render-pdf";

export interface StatutoryReturnField {
  label: string;
  /** null: the record does not hold it; printed as missing. */
  value: string | null;
}

export interface StatutoryReturnDocument {
  title: string;
  /** The LA's name and who it goes to. */
  laName: string;
  sendTo: string;
  regulation: string;
  schoolName: string;
  pupilName: string;
  /** Formatted dates. */
  dueOn: string;
  reason: string;
  fields: StatutoryReturnField[];
  /** When submitted: "on 18 November 2026 by email, ref X, by Ann Head". */
  submitted: string | null;
}

export const MISSING = "MISSING: not on the record";

export function renderStatutoryReturnPdf(doc: StatutoryReturnDocument): Promise<Buffer> {
  const missing = doc.fields.filter((f) => f.value === null).map((f) => f.label);
  const content: Content = [
    { text: doc.title, style: "title" },
    { text: `${doc.laName}: to ${doc.sendTo}`, margin: [0, 0, 0, 4] },
    { text: doc.regulation, italics: true, margin: [0, 0, 0, 4] },
    { text: `${doc.schoolName}. Pupil: ${doc.pupilName}. Due: ${doc.dueOn}.`, margin: [0, 0, 0, 4] },
    { text: doc.reason, margin: [0, 0, 0, 10] },
    {
      table: {
        widths: [180, "*"],
        body: doc.fields.map((f) => [{ text: f.label, bold: true }, f.value === null ? { text: MISSING, bold: true } : f.value]),
      },
    },
    {
      text: missing.length === 0 ? "Every field the form asks for is filled from the record." : `Missing from the record (${missing.length}): ${missing.join("; ")}.`,
      margin: [0, 10, 0, 0],
    },
    { text: doc.submitted ? `Submitted ${doc.submitted}.` : "Not yet submitted.", margin: [0, 6, 0, 0] },
  ];
  return renderPdf({ title: doc.title, subject: doc.regulation, content, footerNote: "Official-sensitive: personal data of a child" });
}
