import { describe, expect, it } from 'vitest';
import { pdfPrintOptions, pdfWindowOptions } from './pdf-window';

describe('the PDF print window', () => {
  it('is hidden, sandboxed and runs no script', () => {
    const options = pdfWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      javascript: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.webPreferences?.preload).toBeUndefined();
  });

  it('prints A4 with backgrounds (the red title line) in either orientation', () => {
    expect(pdfPrintOptions(false)).toEqual({ pageSize: 'A4', landscape: false, printBackground: true, preferCSSPageSize: true });
    expect(pdfPrintOptions(true).landscape).toBe(true);
  });
});
