/**
 * What `doorstep figures` prints and GET /api/figures and /api/governors/report
 * answer: one function, so a page's figures are the command's for the same range.
 */
import type { Executor } from "../../db/client";
import type { IsoDate } from "../../domain/attendance/iso-date";
import { governorFigures } from "./governors-figures";
import { governorSections } from "./report-sections";
import { schoolFigures, type SchoolFigures } from "./school-figures";
import type { FiguresSection } from "../../rendering/figures-report";

export interface FiguresOutput {
  from: IsoDate;
  to: IsoDate;
  policyName: string;
  sections: FiguresSection[];
}

export type FiguresReader = "school_leaders" | "governors";

export async function figuresOutput(db: Executor, schoolId: string, from: IsoDate, to: IsoDate, reader: FiguresReader, today: IsoDate): Promise<FiguresOutput & { figures: SchoolFigures | null }> {
  const f = await schoolFigures(db, schoolId, from, to, today);
  const sections = governorSections(governorFigures(f, reader === "governors"));
  // Governors are never handed the figures with children in them, not even to ignore.
  return { from: f.from, to: f.to, policyName: f.policyName, sections, figures: reader === "governors" ? null : f };
}
