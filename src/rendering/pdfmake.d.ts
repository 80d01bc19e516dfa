// pdfmake 0.3 ships no TypeScript types. This declares only the part of its
// server-side API and document definition that src/rendering uses, so that a
// typo in a layout property is a type error rather than a silently ignored key.
// Reference: node_modules/pdfmake/js/index.js, base.js, Printer.js.

declare module "pdfmake" {
  /** Points (1/72 inch). One number for all sides, [horizontal, vertical], or [left, top, right, bottom]. */
  export type Margins = number | [number, number] | [number, number, number, number];

  /** A column or table width: points, "*" to share what is left, "auto" to fit the content. */
  export type Width = number | "*" | "auto" | `${number}%`;

  export interface Style {
    font?: string;
    fontSize?: number;
    bold?: boolean;
    italics?: boolean;
    color?: string;
    alignment?: "left" | "right" | "center" | "justify";
    lineHeight?: number;
    margin?: Margins;
    fillColor?: string;
    characterSpacing?: number;
  }

  /** Properties every content node accepts, besides its style. */
  export interface NodeBase extends Style {
    /** Names the node for pageBreakBefore (and pdfmake's page references). */
    id?: string;
    style?: string | string[];
    /** Width when the node is a column in `columns`. */
    width?: Width;
    pageBreak?: "before" | "after";
    /** Keep the whole node on one page. Beware: content taller than a page is then dropped without an error. */
    unbreakable?: boolean;
  }

  export interface TextNode extends NodeBase {
    text: string | (string | TextNode)[];
  }

  export interface StackNode extends NodeBase {
    stack: Content[];
  }

  export interface ColumnsNode extends NodeBase {
    columns: Content[];
    columnGap?: number;
  }

  /** A table cell; `{}` fills the place of a cell covered by another's colSpan/rowSpan. */
  export type TableCell =
    | (Content & { colSpan?: number; rowSpan?: number; border?: [boolean, boolean, boolean, boolean] })
    | Record<string, never>;

  export interface LineStyle {
    dash?: { length: number; space?: number };
  }

  /** Functions receive the line index and the table node; pdfmake's defaults apply to omitted ones. */
  export interface TableLayout {
    hLineWidth?: (i: number, node: { table: { body: unknown[][] } }) => number;
    vLineWidth?: (i: number, node: { table: { body: unknown[][]; widths?: unknown[] } }) => number;
    hLineColor?: (i: number) => string;
    vLineColor?: (i: number) => string;
    hLineStyle?: (i: number) => LineStyle | null;
    vLineStyle?: (i: number) => LineStyle | null;
    paddingLeft?: (i: number) => number;
    paddingRight?: (i: number) => number;
    paddingTop?: (i: number) => number;
    paddingBottom?: (i: number) => number;
    fillColor?: (rowIndex: number) => string | null;
  }

  export interface TableNode extends NodeBase {
    table: {
      body: TableCell[][];
      widths?: Width[] | Width;
      /** Minimum row heights, one for all rows or one per row. */
      heights?: number | number[];
      headerRows?: number;
      /** Beware: like `unbreakable`, a row taller than a page is then dropped without an error. */
      dontBreakRows?: boolean;
      keepWithHeaderRows?: number;
    };
    layout?: "noBorders" | "headerLineOnly" | "lightHorizontalLines" | TableLayout;
  }

  export interface ImageNode extends NodeBase {
    /** A data URL (data:image/png;base64,…) or a key of the document's `images`. */
    image: string;
    width?: number;
    height?: number;
    /** Scale to fit inside [width, height], keeping the aspect ratio. */
    fit?: [number, number];
  }

  export type CanvasElement =
    | { type: "line"; x1: number; y1: number; x2: number; y2: number; lineWidth?: number; lineColor?: string; dash?: { length: number; space?: number } }
    | { type: "rect"; x: number; y: number; w: number; h: number; r?: number; lineWidth?: number; lineColor?: string; color?: string; dash?: { length: number; space?: number } };

  export interface CanvasNode extends NodeBase {
    canvas: CanvasElement[];
  }

  export interface UlNode extends NodeBase {
    ul: Content[];
  }

  export type Content = string | TextNode | StackNode | ColumnsNode | TableNode | ImageNode | CanvasNode | UlNode | Content[];

  export interface PageSize {
    width: number;
    height: number;
  }

  export interface DocumentInfo {
    title?: string;
    author?: string;
    subject?: string;
    keywords?: string;
    creator?: string;
    producer?: string;
  }

  export interface TDocumentDefinitions {
    content: Content;
    pageSize?: "A4" | "A5" | "LETTER" | PageSize;
    pageOrientation?: "portrait" | "landscape";
    pageMargins?: Margins;
    header?: Content | ((currentPage: number, pageCount: number, pageSize: PageSize) => Content);
    footer?: Content | ((currentPage: number, pageCount: number, pageSize: PageSize) => Content);
    info?: DocumentInfo;
    /** BCP 47 language tag written to the PDF catalogue (screen readers use it). */
    language?: string;
    /** Show the title, not the file name, in the viewer's window. */
    displayTitle?: boolean;
    defaultStyle?: Style;
    styles?: Record<string, Style>;
    images?: Record<string, string>;
    compress?: boolean;
    /**
     * Called for each laid-out node (after layout, so with its pages); returning true
     * puts a page break before it and lays the document out again.
     */
    pageBreakBefore?: (
      currentNode: { id?: string; pageNumbers: number[]; startPosition: { pageNumber: number; top: number; verticalRatio: number } },
      nodes: { getFollowingNodesOnPage(): unknown[]; getNodesOnNextPage(): unknown[]; getPreviousNodesOnPage(): unknown[] },
    ) => boolean;
  }

  /** A font family: each variant is a path to a TTF file (or a key of pdfmake's virtual file system). */
  export interface FontFamily {
    normal: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }

  export interface OutputDocument {
    getBuffer(): Promise<Buffer>;
    getBase64(): Promise<string>;
    write(filename: string): Promise<void>;
  }

  export interface PdfMake {
    setFonts(fonts: Record<string, FontFamily>): void;
    addFonts(fonts: Record<string, FontFamily>): void;
    /** Called before any URL (font, image) is fetched; return false to refuse it. */
    setUrlAccessPolicy(callback: ((url: string) => boolean) | undefined): void;
    /** Called before any local file (font, image, attachment) is read; return false to refuse it. */
    setLocalAccessPolicy(callback: ((path: string) => boolean) | undefined): void;
    createPdf(docDefinition: TDocumentDefinitions, options?: Record<string, unknown>): OutputDocument;
  }

  /** pdfmake's server entry exports one shared instance (module.exports = new pdfmake()). */
  const pdfmake: PdfMake;
  export default pdfmake;
}
