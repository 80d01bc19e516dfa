// The letter confirming an arranged home visit (e.g. Coteford 2.6). It tells the
// parent who is coming, when and where, what to expect at the door (staff show ID;
// they come in only with a parent present) and how to rearrange, in plain words a
// parent can act on without ringing the school first.
import { keepTogether, renderPdf, pngDataUrl, type Content } from "./render-pdf";

export interface LetterSchool {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface AppointmentSignatures {
  /** data:image/png;base64,… from the signature pad, or null when the parent did not sign. */
  parentPng: string | null;
  officerPng: string | null;
  /** Formatted, e.g. "Tuesday 24 November 2026, 10:52". */
  signedAt: string | null;
}

export interface AppointmentLetter {
  school: LetterSchool;
  /** The letter's date, formatted, e.g. "20 November 2026". */
  date: string;
  parent: { name: string; address: string };
  pupilNames: string[];
  appointment: {
    /** Formatted, e.g. "Tuesday 24 November 2026 at 10:30". */
    when: string;
    /** Usually the family's address; sometimes another agreed place. */
    place: string;
    /** Names (and, if the caller likes, job titles) of the staff who will visit. */
    staff: string[];
  };
  /** The policy clause the letter serves, e.g. "coteford 2.6". */
  clause: string;
  signatures?: AppointmentSignatures;
}

/** "A", "A and B", "A, B and C": names in a sentence, as a letter would write them. */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function contactSentence(school: LetterSchool): string {
  const ways = [school.phone === null ? null : `phone ${school.phone}`, school.email === null ? null : `email ${school.email}`].filter(
    (way): way is string => way !== null,
  );
  const how = ways.length === 0 ? "please contact the school office" : `please contact the school: ${ways.join(" or ")}`;
  return `If this time is not convenient, or you would like to talk about the visit before it happens, ${how}, and we will arrange another time with you.`;
}

function letterhead(school: LetterSchool): Content {
  const details = [school.address, school.phone === null ? null : `Telephone ${school.phone}`, school.email === null ? null : `Email ${school.email}`].filter(
    (line): line is string => line !== null,
  );
  return {
    stack: [{ text: school.name, fontSize: 15, bold: true }, ...details.map((line) => ({ text: line, style: "small" }))],
    alignment: "right",
    margin: [0, 0, 0, 24],
  };
}

function signatureColumn(label: string, png: string | null, field: string): Content {
  const mark: Content =
    png === null
      ? { text: "Not signed", italics: true, color: "#444444", margin: [0, 20, 0, 20] }
      : { image: pngDataUrl(png, field), fit: [200, 70], margin: [0, 0, 0, 4] };
  return {
    stack: [mark, { canvas: [{ type: "line", x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.5 }] }, { text: label, style: "label", margin: [0, 2, 0, 0] }],
    width: "*",
  };
}

function signatureSection(signatures: AppointmentSignatures): Content {
  return keepTogether({
    stack: [
      { text: "Signatures", style: "heading" },
      {
        columns: [
          signatureColumn("Parent/carer", signatures.parentPng, "signatures.parentPng"),
          signatureColumn("Attendance officer", signatures.officerPng, "signatures.officerPng"),
        ],
        columnGap: 24,
      },
      ...(signatures.signedAt === null ? [] : [{ text: `Signed ${signatures.signedAt}`, style: "small", margin: [0, 6, 0, 0] } satisfies Content]),
    ],
    margin: [0, 16, 0, 0],
  });
}

/** The appointment letter as a PDF, addressed to the parent or carer. */
export async function renderAppointmentLetterPdf(letter: AppointmentLetter): Promise<Buffer> {
  const { school, parent, appointment } = letter;
  const children = letter.pupilNames.length === 0 ? "your child" : listInWords(letter.pupilNames);
  const staff = appointment.staff.length === 0 ? "Staff from the school" : listInWords(appointment.staff);
  const detail = (label: string, value: string): Content[] => [{ text: label, bold: true }, value];

  const content: Content[] = [
    letterhead(school),
    { stack: [parent.name, parent.address], margin: [0, 0, 0, 16] },
    { text: letter.date, margin: [0, 0, 0, 16] },
    `Dear ${parent.name},`,
    { text: "Confirmation of home visit appointment", style: "heading", fontSize: 13 },
    {
      text: `We are writing to confirm that staff from ${school.name} will visit you about ${children}. This visit is part of how the school supports children's attendance and wellbeing.`,
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        widths: [90, "*"],
        body: [detail("When", appointment.when), detail("Where", appointment.place), detail("Who will visit", staff)],
      },
      layout: "noBorders",
      margin: [12, 0, 0, 10],
    },
    {
      ul: [
        "Our staff always carry school identification and will show it at the door. Please ask to see it if they do not.",
        "Staff will only come into your home if you, or another parent or carer, are there. They will not come in if only children are at home.",
      ],
      margin: [0, 0, 0, 10],
    },
    { text: contactSentence(school), margin: [0, 0, 0, 16] },
    "Yours sincerely,",
    { text: school.name, bold: true, margin: [0, 24, 0, 0] },
    ...(letter.signatures === undefined ? [] : [signatureSection(letter.signatures)]),
    { text: `Reference: ${letter.clause}`, style: "small", margin: [0, 20, 0, 0] },
  ];

  return renderPdf({
    title: `Confirmation of home visit appointment: ${school.name}`,
    subject: `Home visit appointment letter (${letter.clause})`,
    content,
  });
}
