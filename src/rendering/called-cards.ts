// The card a visitor leaves when nobody answers (e.g. Burgh Appendix B, "SORRY WE
// MISSED YOU!"): proof for the family that the school called, and how to ring back.
// Printed four to an A4 sheet with dashed cut lines, so the office can print a
// morning's cards at once and cut them to A6.
import { keepTogether, renderPdf, type Content } from "./render-pdf";
import type { TableCell, TableLayout } from "pdfmake";

export interface CalledCard {
  schoolName: string;
  /** The heading the policy gives the card, e.g. "SORRY WE MISSED YOU!". */
  title: string;
  /** The message under the heading, as the policy words it. */
  text: string;
  childName: string;
  /** Formatted, e.g. "Tuesday 24 November 2026". */
  date: string;
  /** Formatted, e.g. "10:30". */
  time: string;
  /** The school's own; null prints a line to write the number on. */
  phone: string | null;
  email: string | null;
  address: string | null;
  /** The family's reply link (printed cards only: the copy kept on the record carries none, its token being a credential). */
  replyLink?: string | null | undefined;
}

const CARDS_PER_SHEET = 4;
// [left, top, right, bottom]: the sheet is cut along the table's dashed lines, so the
// margins only keep printers from clipping them; the footer sits below the cards.
const SHEET_MARGINS: [number, number, number, number] = [24, 24, 24, 40];
// A row is this plus 28 pt of cell padding: two rows fill the 778 pt between the
// sheet's margins with a little to spare (at 358 the second row no longer fits).
const CARD_HEIGHT = 348;

const CUT_LINES: TableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => "#777777",
  vLineColor: () => "#777777",
  hLineStyle: () => ({ dash: { length: 4, space: 3 } }),
  vLineStyle: () => ({ dash: { length: 4, space: 3 } }),
  paddingLeft: () => 18,
  paddingRight: () => 18,
  paddingTop: () => 18,
  paddingBottom: () => 10,
};

function field(label: string, value: string): Content {
  return { text: [{ text: `${label}: `, bold: true }, value], margin: [0, 0, 0, 4] };
}

/** Where the school has no number recorded: a line for the visitor to write it on, never another school's. */
export const WRITE_IN_LINE = "____________________";

function contact(card: CalledCard): Content[] {
  const lines = [field("Phone", card.phone ?? WRITE_IN_LINE), card.email === null ? null : field("Email", card.email), card.address === null ? null : field("Address", card.address)].filter(
    (line): line is Content => line !== null,
  );
  return [{ text: "Please contact the school as soon as you can.", bold: true, margin: [0, 14, 0, 4] }, ...lines];
}

/** The words beside the reply link, on a card and under a letter. */
export const REPLY_LINE = "Or tell us online (no sign-in needed):";

/** A QR code and the link beside it: the family tells the school they are well without ringing. */
export function replyLinkBlock(link: string): Content[] {
  return [
    {
      margin: [0, 8, 0, 0],
      columns: [
        { qr: link, fit: 84, eccLevel: "M", width: 84 },
        { width: "*", fontSize: 9, margin: [8, 0, 0, 0], stack: [{ text: REPLY_LINE, bold: true }, { text: link, margin: [0, 2, 0, 0] }] },
      ],
    } as Content,
  ];
}

function cardCell(card: CalledCard): Content {
  return {
    // Large type: the card is read on a doormat, often by a worried parent.
    fontSize: 12,
    stack: [
      { text: card.schoolName, bold: true, alignment: "center", fontSize: 12 },
      { text: card.title, bold: true, alignment: "center", fontSize: 17, margin: [0, 14, 0, 14] },
      { text: card.text, margin: [0, 0, 0, 16] },
      field("Child", card.childName),
      field("Date", card.date),
      field("Time", card.time),
      ...contact(card),
      ...(card.replyLink ? replyLinkBlock(card.replyLink) : []),
    ],
  };
}

function sheet(cards: CalledCard[], first: boolean): Content {
  const cells: TableCell[] = cards.map(cardCell);
  // A short last sheet still gets the full grid, so every card has all four cut lines.
  while (cells.length < CARDS_PER_SHEET) cells.push({ text: "" });
  const [a, b, c, d] = cells as [TableCell, TableCell, TableCell, TableCell];
  // One table per row of cards, each kept on one page (keepTogether, not pdfmake's
  // dontBreakRows, which would drop a card whose text is longer than a page). The
  // two tables meet on one shared cut line.
  const row = (left: TableCell, right: TableCell): Content =>
    keepTogether({ table: { widths: ["*", "*"], heights: CARD_HEIGHT, body: [[left, right]] }, layout: CUT_LINES });
  return { stack: [row(a, b), row(c, d)], ...(first ? {} : { pageBreak: "before" as const }) };
}

/** The "we called today" cards as a PDF, four to an A4 sheet. */
export async function renderCalledCardsPdf(cards: CalledCard[]): Promise<Buffer> {
  const sheets: Content[] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) {
    sheets.push(sheet(cards.slice(i, i + CARDS_PER_SHEET), i === 0));
  }
  const title = cards[0]?.title ?? "Called cards";
  return renderPdf({
    title: `${title}: cards to cut out`,
    content: sheets.length === 0 ? [{ text: "There are no cards to print.", italics: true }] : sheets,
    pageMargins: SHEET_MARGINS,
    footerNote: "Cut along the dashed lines.",
  });
}
