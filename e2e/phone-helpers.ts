import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { newTestContext, SCREENSHOT_DIR, signInOn, type E2E } from './harness';

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
export const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true };

/** A signed-in page in a browser context of the given device (its own cookies, as a separate phone would have). */
export async function signInOnDevice(e2e: E2E, device: typeof PHONE | typeof TABLET, username: string): Promise<Page> {
  const page = await (await newTestContext(e2e.browser, device)).newPage();
  await page.goto(e2e.host.url + '/');
  await signInOn(page, username);
  return page;
}

// In-page scripts are strings: the Node side's type-check has no DOM (tsconfig lib ES2023).
const MEASURE_WIDTHS = `(() => {
  const wide = [];
  const scrollWidth = document.documentElement.scrollWidth;
  const screen = window.innerWidth;
  if (scrollWidth > screen) wide.push('document ' + scrollWidth + ' > ' + screen);
  for (const element of document.querySelectorAll('.shell-main, .el-dialog, .el-drawer__body')) {
    if (element.offsetParent === null && getComputedStyle(element).position !== 'fixed') continue;
    if (element.scrollWidth > element.clientWidth + 1)
      wide.push(element.className.split(' ')[0] + ' ' + element.scrollWidth + ' > ' + element.clientWidth);
  }
  return { wide, scrollWidth, screen };
})()`;

const DRAW_CAMERA_PHOTO = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 4000;
  canvas.height = 3000;
  const context = canvas.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, 4000, 3000);
  gradient.addColorStop(0, '#3a6ea5');
  gradient.addColorStop(1, '#e8c07d');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 4000, 3000);
  for (let i = 0; i < 60; i++) {
    context.fillStyle = 'hsl(' + ((i * 37) % 360) + ' 60% 50%)';
    context.fillRect((i * 613) % 3800, (i * 389) % 2800, 200 + (i % 7) * 40, 150 + (i % 5) * 30);
  }
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
})()`;

/** What is wider than the screen (document, main area, open dialogs and sheets), and the widths. */
export async function measureWidths(page: Page): Promise<{ wide: string[]; scrollWidth: number; screen: number }> {
  return (await page.evaluate(MEASURE_WIDTHS)) as { wide: string[]; scrollWidth: number; screen: number };
}

/**
 * The page is no wider than the screen: neither the document nor the shell's
 * scrolling main area (where pages live) nor an open dialog or sheet scrolls
 * sideways. Then a screenshot, named after the step.
 */
export async function assertFits(page: Page, name: string): Promise<void> {
  // Let a layout settle (fonts, a card list growing) before measuring.
  await page.waitForTimeout(300);
  const measured = await measureWidths(page);
  expect(measured.wide, `${name}: nothing wider than the ${measured.screen}px screen`).toEqual([]);
  expect(measured.scrollWidth).toBeLessThanOrEqual(measured.screen);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A 4000 × 3000 JPEG such as a phone camera takes, drawn by Chromium itself (gradients and shapes, so it is not trivially small). */
export async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = (await page.evaluate(DRAW_CAMERA_PHOTO)) as string;
  return Buffer.from(base64, 'base64');
}

/** Width and height of a PNG or JPEG file, read from its header (no image library needed). */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.subarray(1, 4).toString('latin1') === 'PNG') return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('neither PNG nor JPEG');
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`bad JPEG marker at ${at}`);
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic coding) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no JPEG frame header');
}
