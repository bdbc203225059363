// The part of pdfmake 0.3's server API that src/export/pdf.ts uses (the package ships no types).
declare module 'pdfmake' {
  /** A node of pdfmake's document definition: text, stack, columns, table, image, canvas… */
  export type PdfContent = string | PdfNode | PdfContent[];
  export interface PdfNode {
    [key: string]: unknown;
  }
  /** Names of files in pdfmake's virtual file system (or paths, which the access policy guards). */
  export interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    virtualfs: { writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    createPdf(definition: PdfNode): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
