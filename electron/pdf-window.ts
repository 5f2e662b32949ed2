/**
 * Settings of the hidden window that prints PDFs, as pure data (tested in
 * plain Node like window.ts). The document is our own template, but it is
 * still shown with scripts off and no preload: printing needs neither.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function pdfWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi
    height: 1123,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      javascript: false,
      devTools: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** printToPDF options for an A4 page; margins come from the template's @page rule. */
export function pdfPrintOptions(landscape: boolean) {
  return { pageSize: 'A4' as const, landscape, printBackground: true, preferCSSPageSize: true };
}
