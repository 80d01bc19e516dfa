// A subject access export (UK GDPR Art. 15) as a person reads it: who asked and
// when, the decision on the safeguarding concerns, then every section Doorstep
// holds, the same sections as the JSON export.
import type { SubjectAccessExport } from "../contracts/retention";
import { renderPdf, type Content } from "./render-pdf";

const LONDON = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A cell as a person reads it: yes/no, a time in London, a dash for nothing held. */
function show(v: string | number | boolean | null): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string" && INSTANT.test(v)) return LONDON.format(new Date(v));
  return String(v);
}

function sectionContent(s: SubjectAccessExport["sections"][number]): Content[] {
  const out: Content[] = [{ text: s.title, style: "heading", margin: [0, 12, 0, 4] }];
  if (s.note) out.push({ text: s.note, italics: true, margin: [0, 0, 0, 4] });
  if (s.rows.length === 0) {
    if (!s.note) out.push({ text: "None held." });
    return out;
  }
  if (s.layout === "table") {
    out.push({
      table: { headerRows: 1, widths: s.columns.map(() => "*"), body: [s.columns.map((c) => ({ text: c.label, bold: true })), ...s.rows.map((r) => s.columns.map((c) => show(r[c.key] ?? null)))] },
      fontSize: 8,
    });
    return out;
  }
  for (const r of s.rows) {
    out.push({ table: { widths: [130, "*"], body: s.columns.map((c) => [{ text: c.label, bold: true }, show(r[c.key] ?? null)]) }, margin: [0, 0, 0, 6], fontSize: 9 });
  }
  return out;
}

export function renderSubjectAccessPdf(doc: SubjectAccessExport): Promise<Buffer> {
  const r = doc.request;
  const title = `Subject access: ${doc.subject}`;
  const content: Content = [
    { text: title, style: "title" },
    { text: `${doc.school}. Everything Doorstep holds about ${doc.subject}, as on ${show(doc.generatedAt)}.`, margin: [0, 0, 0, 4] },
    { text: `Asked for by ${r.requestedBy}; received ${r.receivedOn}; due ${r.dueOn} (UK GDPR Art. 12(3): one month). Recorded by ${r.recordedName}.`, margin: [0, 0, 0, 4] },
    { text: `Safeguarding concerns: ${r.concernsDecision === "include" ? "included" : "withheld"} by the decision of ${r.concernsDecidedName ?? ""} on ${r.concernsDecidedAt ? show(r.concernsDecidedAt) : ""}.`, margin: [0, 0, 0, 4] },
    ...doc.sections.flatMap(sectionContent),
  ];
  return renderPdf({ title, subject: "UK GDPR Art. 15 subject access", content, footerNote: "Personal data: for the person who asked" });
}
