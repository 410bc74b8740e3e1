import {
  AlignmentType,
  Document,
  LeaderType,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';

/**
 * The layout of a party document (Hướng dẫn 36-HD/VPTW, 2018): on A4, the issuing body and the number on the left,
 * the header "ĐẢNG CỘNG SẢN VIỆT NAM" (underlined) and the place/date line in italics on the right, the title, the
 * body in Times New Roman 14, then the recipients on the left and the signature block on the right.
 */
export interface PartyDocument {
  /** The organisation above the issuer, printed above it (e.g. "ĐẢNG BỘ SỞ GIÁO DỤC"); null when there is none. */
  superior: string | null;
  /** The issuing body, printed in bold capitals (e.g. "CHI BỘ VĂN PHÒNG SỞ"). */
  issuer: string;
  /** "Số 05-NQ/CB": the number, or the blank number with its suffix when none is recorded yet. */
  number: string;
  placeAndDate: string;
  /** The kind of document in capitals ("NGHỊ QUYẾT") and its subject below it. */
  title: string;
  subject: string;
  body: Paragraph[];
  recipients: string[];
  /** "T/M CHI BỘ" and "BÍ THƯ", in bold; room is left for the signature and the signatory's name. */
  signature: { onBehalfOf: string; title: string };
}

/** A4 in twentieths of a point, margins per 36-HD/VPTW: top and bottom 20 mm, left 30 mm, right 15 mm. */
const MM = 56.7;
export const A4_PAGE = {
  size: { width: 11906, height: 16838 },
  margin: {
    top: Math.round(20 * MM),
    bottom: Math.round(20 * MM),
    left: Math.round(30 * MM),
    right: Math.round(15 * MM),
  },
};
const TEXT_WIDTH = A4_PAGE.size.width - A4_PAGE.margin.left - A4_PAGE.margin.right;

const FONT = 'Times New Roman';
/** Sizes in half-points: 14 pt body, 15 pt header and titles, 12 pt for the list of recipients. */
const BODY = 28;
const HEADER = 30;
const SMALL = 24;

type Run = { text: string; bold?: boolean; italics?: boolean; underline?: boolean; size?: number };

const textRuns = (runs: Run | Run[] | string) =>
  (typeof runs === 'string' ? [{ text: runs }] : Array.isArray(runs) ? runs : [runs]).map(
    ({ text, bold, italics, underline, size }) =>
      new TextRun({ text, bold, italics, underline: underline ? {} : undefined, size: size ?? BODY, font: FONT }),
  );

export function line(runs: Run | Run[] | string, alignment: 'left' | 'center' = 'center'): Paragraph {
  return new Paragraph({
    alignment: alignment === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    children: textRuns(runs),
  });
}

/** A paragraph of the body: justified, first line indented 1 cm, 3 pt around it, line spacing 1.2. */
export function bodyParagraph(runs: Run | Run[] | string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 60, after: 60, line: 288 },
    children: textRuns(runs),
  });
}

/**
 * What the dossier does not hold (the cell's assessment, a grade), to write before signing: the label, then dotted
 * lines to the right margin (a right tab with a dot leader, as forms print them), `lines` in all.
 */
export function toFill(label: string, lines = 2): Paragraph[] {
  const dotted = (text: string, indent: boolean) =>
    new Paragraph({
      indent: indent ? { firstLine: 567 } : undefined,
      spacing: { before: 60, after: 60, line: 288 },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT }],
      children: [new TextRun({ text, size: BODY, font: FONT }), new TextRun({ children: [new Tab()], size: BODY })],
    });
  return [dotted(label, true), ...Array.from({ length: lines - 1 }, () => dotted('', false))];
}

export const blank = () => new Paragraph({ children: [] });

/** Two columns without borders, as the header and the signature area are laid out. */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 0.45): Table {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, children: left }),
          new TableCell({ width: { size: TEXT_WIDTH - leftWidth, type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

/** The header: issuer and number on the left, the party header and the place/date line on the right. */
export function header(superior: string | null, issuer: string, number: string | null, placeAndDateLine: string) {
  const left = [
    ...(superior ? [line(superior)] : []),
    line({ text: issuer, bold: true }),
    line('*'),
    ...(number ? [line(number)] : []),
  ];
  const right = [
    line({ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: true, size: HEADER }),
    blank(),
    line({ text: placeAndDateLine, italics: true }),
  ];
  return twoColumns(left, right);
}

export function title(kind: string, subject: string): Paragraph[] {
  return [
    blank(),
    line({ text: kind, bold: true, size: 32 }),
    line({ text: subject, bold: true }),
    line('-----'),
    blank(),
  ];
}

/** Recipients on the left ("Nơi nhận:" underlined, then one line each), signature block on the right. */
export function signatureArea(recipients: string[], signature: PartyDocument['signature']): Table {
  const left = [
    line({ text: 'Nơi nhận:', bold: true, underline: true, size: SMALL }, 'left'),
    ...recipients.map((recipient, index) =>
      line({ text: `- ${recipient}${index === recipients.length - 1 ? '.' : ','}`, size: SMALL }, 'left'),
    ),
  ];
  const right = [
    line({ text: signature.onBehalfOf, bold: true }),
    line({ text: signature.title, bold: true }),
    blank(),
    blank(),
    blank(),
    blank(),
  ];
  return twoColumns(left, right, 0.5);
}

export function partyDocumentSection(document: PartyDocument): ISectionOptions {
  return {
    properties: { page: A4_PAGE },
    children: [
      header(document.superior, document.issuer, document.number, document.placeAndDate),
      ...title(document.title, document.subject),
      ...document.body,
      blank(),
      signatureArea(document.recipients, document.signature),
    ],
  };
}

/** The .docx of one or more sections (a section per page group: one document, or one certificate each). */
export function toDocx(sections: ISectionOptions[], titleText: string): Promise<Buffer> {
  const document = new Document({
    title: titleText,
    creator: 'Quy trình kết nạp đảng viên',
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections,
  });
  return Packer.toBuffer(document);
}
