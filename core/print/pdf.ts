import { AppError } from '../../common/errors';

export interface PdfOptions {
  /** A4 portrait unless told otherwise. */
  landscape?: boolean;
}

/**
 * Prints a self-contained HTML document (inline CSS, images as data URLs, no
 * scripts) to an A4 PDF. The core has no browser of its own: the shell supplies
 * this — Electron's `webContents.printToPDF`, Chromium in the webhost — so the
 * same template prints the same way in both.
 */
export type PrintPdf = (html: string, options?: PdfOptions) => Promise<Uint8Array>;

/** The printer services use: the shell's, or one that explains why there is none. */
export function pdfPrinter(printer: PrintPdf | undefined): PrintPdf {
  if (printer) return printer;
  return () =>
    Promise.reject(
      new AppError(
        'PDF_UNAVAILABLE',
        'This installation cannot print to PDF (no browser engine is available to the app). Use the desktop app, or install Chromium for the browser version.',
      ),
    );
}
