import type { ReactNode } from "react";
import type { SessionView } from "../api";
import type { VisitView } from "./types";

/**
 * What every section of the visit page receives. Another section (for example
 * the visit report from web/src/records/) takes the same props and is added to
 * the list in web/src/pages/VisitPage.tsx.
 */
export interface VisitSectionProps {
  visit: VisitView;
  session: SessionView;
  /** Fetch the visit again after a change. */
  reload: () => Promise<void>;
}

/** A titled region of the visit page (a landmark with the heading as its name). */
export function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="visit-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
