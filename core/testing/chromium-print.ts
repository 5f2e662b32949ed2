import { chromium, type Browser } from 'playwright-core';
import type { PrintPdf } from '../print/pdf';

/** The webhost's printer in miniature (core/ may not import webhost/): Debian's Chromium, JavaScript off. */
export function chromiumPrint(): { print: PrintPdf; close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  return {
    async print(html) {
      browser ??= chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu'],
      });
      const context = await (await browser).newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.setContent(html);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      await context.close();
      return pdf;
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}
