import { deliveryText } from "../records/delivery";
import { dayAndTime } from "./format";
import { canReadDocuments } from "./roles";
import { Section, type VisitSectionProps } from "./Section";

/** Letters and cards kept on the record for this visit. */
export function DocumentsSection({ visit, session }: VisitSectionProps) {
  if (!canReadDocuments(session)) return null;
  return (
    <Section id="documents" title="Documents">
      {visit.documents.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <ul>
          {visit.documents.map((d) => (
            <li key={d.id}>
              <a href={`/api/documents/${d.id}/pdf`} target="_blank" rel="noopener">
                {d.title}
                <span className="visually-hidden"> (PDF, opens in a new tab)</span>
              </a>{" "}
              <span className="muted">
                {dayAndTime(d.createdAt)}
                {d.delivery || d.emailedTo.length ? `; ${deliveryText(d.delivery, d.emailedTo)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
