import { BrowserWindow } from 'electron';
import type { PrintPdf } from '../core/print/pdf';
import { pdfPrintOptions, pdfWindowOptions } from './pdf-window';

/** Prints through a fresh hidden window per document, so one print cannot leak into the next. */
export const printPdfWithElectron: PrintPdf = async (html, options = {}) => {
  // The scanner cannot see through pdfWindowOptions(): its sandbox, isolation and Auxclick settings
  // are asserted by pdf-window.test.ts.
  // prettier-ignore
  const win = new BrowserWindow( /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
    pdfWindowOptions(),
  );
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    const pdf = await win.webContents.printToPDF(pdfPrintOptions(options.landscape ?? false));
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
  }
};
