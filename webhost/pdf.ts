import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { PrintPdf } from '../core/print/pdf';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumPrinter {
  print: PrintPdf;
  close(): Promise<void>;
}

/**
 * The browser version prints with the machine's Chromium (the desktop uses
 * Electron's printToPDF): started on the first print and kept for the next.
 * Returns null when there is no Chromium, and the core then answers PDF_UNAVAILABLE.
 */
export function chromiumPrinter(executablePath: string = CHROMIUM_PATH): ChromiumPrinter | null {
  if (!existsSync(executablePath)) return null;
  let browser: Promise<Browser> | null = null;
  const launch = () => {
    // Loaded on the first print: the Electron build's room server prints through the main process and ships without it.
    browser ??= import('playwright-core')
      .then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }))
      .catch((error: unknown) => {
        browser = null;
        throw error;
      });
    return browser;
  };
  return {
    async print(html, options = {}) {
      const context = await (await launch()).newContext({ javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          landscape: options.landscape ?? false,
          printBackground: true,
          preferCSSPageSize: true,
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close() {
      const running = browser;
      browser = null;
      if (running) await (await running).close().catch(() => {});
    },
  };
}
