import { attendanceText, MarksTable, ParentList } from "./family";
import { Section, type VisitSectionProps } from "./Section";

/** The children, their parents' contacts and their attendance (coteford 3.2). */
export function FamilySection({ visit }: VisitSectionProps) {
  return (
    <Section id="family" title="Children and family">
      <p className="visit-address">{visit.address ?? "Address not recorded"}</p>
      {visit.pupils.map((p) => (
        <div key={p.id} className="visit-pupil">
          <h3>
            {p.name} <span className="muted">({p.yearClass ?? "class not recorded"}; UPN {p.upn})</span>
          </h3>
          {p.outcome && <p>Outcome of this visit: {p.outcome.replaceAll("_", " ")}</p>}
          <h4 className="visually-hidden">Parents and carers of {p.name}</h4>
          <ParentList parents={p.parents} />
          <p>
            <strong>Attendance:</strong> {attendanceText(p.attendance)}.
          </p>
          <MarksTable pupil={p} />
        </div>
      ))}
    </Section>
  );
}
