// The home visit list the headteacher approves and signs before any visit
// (e.g. Coteford 3.2-3.3). 3.2 says what the list must hold for each visit: the
// pupil's name and address, the parents'/carers' names and contact details, and
// the pupil's attendance record; so a missing detail is printed as missing, never
// left out, and the approver can see the gap.
import { keepTogether, renderPdf, FONT, type Content } from "./render-pdf";
import type { TableCell } from "pdfmake";

export interface VisitListPupil {
  name: string;
  /** e.g. "Year 4 / 4B"; null when the school has not recorded it. */
  yearClass: string | null;
  upn: string;
  /** Each child's own record: siblings at one address are visited together, not counted together. */
  attendance: VisitListAttendance;
}

export interface VisitListParent {
  name: string;
  /** e.g. "Mother", "Grandmother (kinship carer)". */
  relationship: string;
  phone: string | null;
  email: string | null;
}

export interface VisitListAttendance {
  /** Attendance this year as a percentage; null when there are no possible sessions yet. */
  percent: number | null;
  sessionsMissed: number;
  authorised: number;
  unauthorised: number;
  /** The last few days' marks, already laid out, e.g. "Mon / / Tue N N Wed N N". */
  recentMarks: string;
}

export interface VisitListEntry {
  /** Formatted by the caller, e.g. "Tuesday 24 November 2026". */
  date: string;
  /** Formatted, e.g. "10:30"; null when the time is still to be arranged. */
  time: string | null;
  /** Why the visit is made, e.g. "Safe and well visit (burgh 6.3)". */
  purpose: string;
  pupils: VisitListPupil[];
  address: string;
  parents: VisitListParent[];
  /** The staff who will go, each with their role(s) in words; a bare name where the role is not known. */
  team: (string | VisitListTeamMember)[];
  /** The visit's state in words, e.g. "proposed", "approved". */
  state: string;
}

export interface VisitListTeamMember {
  name: string;
  /** e.g. "Home visitor", "Headteacher, Designated safeguarding lead"; null when not known. */
  role: string | null;
}

export interface VisitListApproval {
  signedName: string;
  accountName: string;
  role: string;
  /** Formatted, e.g. "Sunday 22 November 2026, 09:20". */
  signedAt: string;
}

export interface VisitListDocument {
  schoolName: string;
  /** e.g. "Home visit list for approval". */
  title: string;
  /** The policy clause the list serves, e.g. "coteford 3.2-3.3". */
  policyClause: string;
  /** Formatted by the caller, e.g. "Sunday 22 November 2026, 09:14". */
  generatedAt: string;
  visits: VisitListEntry[];
  /** null until the headteacher has approved the list in Doorstep. */
  approval: VisitListApproval | null;
}

const MISSING = { italics: true, color: "#8a1c1c" } as const;

function labelled(label: string, body: Content[]): Content {
  return { stack: [{ text: label, style: "label", margin: [0, 0, 0, 2] }, ...body], margin: [0, 0, 0, 6] };
}

function pupilLines(pupils: VisitListPupil[]): Content[] {
  if (pupils.length === 0) return [{ text: "No pupil recorded", ...MISSING }];
  return pupils.map((p) => ({
    text: [
      { text: p.name, bold: true },
      p.yearClass === null ? "" : `, ${p.yearClass}`,
      { text: `  UPN ${p.upn}`, style: "small" },
    ],
  }));
}

function parentLines(parents: VisitListParent[]): Content[] {
  if (parents.length === 0) return [{ text: "No parent or carer recorded", ...MISSING }];
  return parents.map((p) => ({
    stack: [
      { text: [{ text: p.name, bold: true }, ` (${p.relationship})`] },
      p.phone === null ? { text: "Phone: none recorded", ...MISSING } : `Phone: ${p.phone}`,
      p.email === null ? { text: "Email: none recorded", ...MISSING } : `Email: ${p.email}`,
    ],
    margin: [0, 0, 0, 3],
  }));
}

/** Every child's record (coteford 3.2: "the attendance record of the pupil"), each under the child's name where there are siblings. */
function pupilsAttendance(pupils: VisitListPupil[]): Content[] {
  if (pupils.length === 0) return [{ text: "No pupil recorded", ...MISSING }];
  if (pupils.length === 1) return attendanceLines(pupils[0]!.attendance);
  return pupils.map((p) => ({ stack: [{ text: p.name, bold: true }, ...attendanceLines(p.attendance)], margin: [0, 0, 0, 3] }));
}

function attendanceLines(a: VisitListAttendance): Content[] {
  // One decimal place, as schools report attendance (e.g. 87.4%).
  const percent = a.percent === null ? { text: "Attendance: no sessions yet", ...MISSING } : { text: `Attendance: ${a.percent.toFixed(1)}%`, bold: true };
  return [
    percent,
    `Sessions missed: ${a.sessionsMissed} (authorised ${a.authorised}, unauthorised ${a.unauthorised})`,
    { text: [{ text: "Recent marks: " }, { text: a.recentMarks.trim() === "" ? "none" : a.recentMarks, font: FONT.mono, fontSize: 9 }] },
  ];
}

// The approver reads who goes and in what capacity (a home visitor, the DSL): the role follows the name.
function teamLine(member: string | VisitListTeamMember): Content {
  if (typeof member === "string") return { text: member };
  return { text: member.role === null ? member.name : `${member.name} (${member.role})` };
}

function visitBlock(visit: VisitListEntry, index: number, count: number): Content {
  const when = visit.time === null ? `${visit.date}, time to be arranged` : `${visit.date}, ${visit.time}`;
  const body: TableCell[][] = [
    [
      {
        columns: [
          { text: [{ text: `Visit ${index + 1} of ${count}: `, bold: true }, { text: when, bold: true }], width: "*" },
          { text: `State: ${visit.state}`, width: "auto", alignment: "right" },
        ],
        colSpan: 2,
        fillColor: "#e8edf2",
      },
      {},
    ],
    [{ text: visit.purpose, colSpan: 2, italics: true }, {}],
    [
      { stack: [labelled("Pupil(s)", pupilLines(visit.pupils)), labelled("Address", [visit.address])] },
      labelled("Parents / carers", parentLines(visit.parents)),
    ],
    [
      labelled("Attendance record", pupilsAttendance(visit.pupils)),
      labelled("Visiting team", visit.team.length === 0 ? [{ text: "No staff assigned yet", ...MISSING }] : visit.team.map(teamLine)),
    ],
  ];
  // A visit split over a page break is easy to misread, so it starts a new page
  // instead; one taller than a page still flows on (see keepTogether).
  return keepTogether({
    stack: [{ table: { widths: ["*", "*"], body }, layout: VISIT_TABLE_LAYOUT }],
    margin: [0, 0, 0, 10],
  });
}

const VISIT_TABLE_LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => "#9aa5b1",
  vLineColor: () => "#9aa5b1",
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 3,
};

function signatureBlock(approval: VisitListApproval | null): Content {
  if (approval !== null) {
    return keepTogether({
      stack: [
        { text: "Approval", style: "heading" },
        {
          text: `Approved and signed by ${approval.signedName} (${approval.role}, account ${approval.accountName}) on ${approval.signedAt}`,
          bold: true,
        },
      ],
    });
  }
  const line = (label: string): TableCell[] => [{ text: label, style: "label", margin: [0, 14, 0, 0] }, { text: "" }];
  return keepTogether({
    stack: [
      { text: "Approval", style: "heading" },
      { text: "Not yet approved", bold: true, color: "#8a1c1c", margin: [0, 0, 0, 8] },
      {
        table: { widths: [130, "*"], body: [line("Headteacher's signature"), line("Name"), line("Date")] },
        layout: { hLineWidth: () => 0.75, vLineWidth: () => 0.75, paddingTop: () => 4, paddingBottom: () => 10 },
      },
    ],
  });
}

/** The visit list as a PDF: title, school, one block per visit, then the approval. */
export async function renderVisitListPdf(list: VisitListDocument): Promise<Buffer> {
  const count = list.visits.length;
  const content: Content[] = [
    { text: list.title, style: "title" },
    { text: list.schoolName, fontSize: 12, bold: true },
    {
      text: `Generated ${list.generatedAt}. ${count === 1 ? "1 visit" : `${count} visits`}. Policy: ${list.policyClause}.`,
      style: "small",
      margin: [0, 2, 0, 12],
    },
    ...(count === 0 ? [{ text: "There are no visits on this list.", italics: true, margin: [0, 0, 0, 10] } satisfies Content] : []),
    ...list.visits.map((visit, i) => visitBlock(visit, i, count)),
    signatureBlock(list.approval),
  ];
  return renderPdf({
    title: `${list.title}: ${list.schoolName}`,
    subject: `Home visit list (${list.policyClause})`,
    content,
    footerNote: `${list.schoolName}: confidential, holds pupils' personal data`,
  });
}
