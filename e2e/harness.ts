import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DATABASE_FILE } from '../core/app';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { tempDir } from '../core/testing/core';
import { startWebhost, type Webhost } from '../webhost/server';

/** Debian's Chromium, with the flags this closed network needs (ARCHITECTURE.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Set by e2e/global-setup.ts: the one Chromium of the run, which each file connects to. */
export const BROWSER_ENDPOINT_ENV = 'COMMAND_ROOM_E2E_BROWSER';

/**
 * A Chromium with the standard flags: a connection to the run's shared one
 * when e2e/global-setup.ts started it (starting a Chromium per file cost
 * about a second each), else one of its own. Each file still opens its own
 * browser contexts; closing a connected browser only disconnects, and the
 * server then closes the contexts that connection opened.
 */
export async function launchChromium(): Promise<Browser> {
  const endpoint = process.env[BROWSER_ENDPOINT_ENV];
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Page script: CSS transitions and animations finish at once. Each dialog's
 * fade in and out (Element Plus) otherwise cost the e2e run about a sixth of
 * its time, waiting on no behaviour of ours; Vue still runs every transition's
 * hooks, with zero duration. Chart animations are ECharts' own (not CSS).
 */
const NO_TRANSITIONS = `document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; animation-duration: 0s !important; animation-delay: 0s !important; }';
  document.head.appendChild(style);
});`;

/** The desktop screen most files use. */
export const DESKTOP = { viewport: { width: 1440, height: 900 } };

/**
 * A browser context as a township user's: zh-CN in China time, with the page
 * script above, and whatever the device adds (screen, touch).
 */
export async function newTestContext(browser: Browser, device: BrowserContextOptions = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...device });
  await context.addInitScript(NO_TRANSITIONS);
  return context;
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export interface E2E {
  host: Webhost;
  browser: Browser;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * Puts the demo township seeded once per run (e2e/global-setup.ts) into a new
 * data folder: the same file seeding would write, so a core started there
 * with `seedDemo: true` finds its township and seeds nothing.
 */
export function copyDemoTemplate(dataDir: string): void {
  const template = process.env.COMMAND_ROOM_DEMO_TEMPLATE;
  if (template) copyFileSync(template, join(dataDir, DATABASE_FILE));
}

/**
 * The real webhost (real core, real SQLite file, built renderer) and a real
 * Chromium. `demo: false` starts on an empty data folder (the setup page).
 */
export async function startE2E(options: { demo?: boolean } = {}): Promise<E2E> {
  const dir = tempDir('command-room-e2e-');
  const demo = options.demo ?? true;
  if (demo) copyDemoTemplate(dir.path);
  const host = await startWebhost({
    host: '127.0.0.1',
    port: 0,
    dataDir: dir.path,
    seedDemo: demo,
    log: () => {},
  });
  const browser = await launchChromium();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    host,
    browser,
    async newPage() {
      const page = await (await newTestContext(browser)).newPage();
      await page.goto(host.url + '/');
      return page;
    },
    async stop() {
      await browser.close();
      await host.close();
      dir.remove();
    },
  };
}

/** Fills and sends the sign-in form on the page: the demo password unless another is given. */
export async function fillSignIn(page: Page, username: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs a demo user in on the page and waits until the app shell stands. */
export async function signInOn(page: Page, username: string): Promise<void> {
  await fillSignIn(page, username);
  await page.getByTestId('app-shell').waitFor();
}

/** A new page of the room's desktop browser, signed in as a demo user. */
export async function signIn(e2e: E2E, username: string): Promise<Page> {
  const page = await e2e.newPage();
  await signInOn(page, username);
  return page;
}

/** Element Plus selects render their options in a popper outside the field. */
export async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.getByTestId(field).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}
