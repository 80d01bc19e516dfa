import type { FieldView } from "../../field/types";

/** The address, the children and their parents and carers, with a call link for each phone. */
export function WhereSection({ view }: { view: FieldView }) {
  return (
    <section className="field-section" aria-labelledby="where-h">
      <h2 id="where-h">Where</h2>
      <p className="field-address">{view.address ?? "Address not recorded"}</p>
      {view.mapLink && (
        <p>
          <a className="field-link" href={view.mapLink}>
            Open in maps
          </a>
        </p>
      )}
      {view.children.length > 0 && (
        <>
          <h3>Children</h3>
          <ul className="field-list">
            {view.children.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {view.parents.length > 0 && (
        <>
          <h3>Parents and carers</h3>
          <ul className="field-list">
            {view.parents.map((p, i) => (
              <li key={`${p.name}-${i}`}>
                {p.name}
                {p.relationship && <span className="muted"> ({p.relationship})</span>}
                {view.children.length > 1 && p.children && p.children.length > 0 && <span className="field-contact-for">, for {p.children.join(" and ")}</span>}
                {p.parentalResponsibility && <span className="field-pr">, parental responsibility</span>}
                {p.phone ? (
                  <>
                    {" "}
                    <a className="field-link" href={`tel:${p.phone.replace(/[^0-9+]/g, "")}`}>
                      Call {p.phone}
                      {view.parents.filter((q) => q.phone).length > 1 && <span className="visually-hidden"> ({p.name})</span>}
                    </a>
                  </>
                ) : (
                  <span className="muted"> no phone recorded</span>
                )}
              </li>
            ))}
          </ul>
          {view.children.length > 1 && view.parents.some((p) => p.children === undefined) && <p className="muted">Contacts of every child at the address.</p>}
        </>
      )}
      {view.children.length > 0 && view.parents.length === 0 && <p className="muted">No parent or carer contacts are recorded for {view.children.join(" or ")}.</p>}
    </section>
  );
}
