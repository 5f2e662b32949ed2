import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/testing/core';
import { chromiumPrinter } from './pdf';

describe('printing PDFs with Chromium', () => {
  const printer = chromiumPrinter();
  afterAll(() => printer?.close());

  it('prints an A4 document whose Chinese text reads back', async () => {
    expect(printer, 'Chromium is installed by .ci/run').not.toBeNull();
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page{size:A4;margin:20mm}
      h1{color:#c00}</style></head><body><h1>清溪镇综合信息指挥室督办单</h1><p>督〔2026〕12号</p></body></html>`;
    const pdf = await printer!.print(html);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const dir = tempDir('pdf-');
    const file = join(dir.path, 'order.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('清溪镇综合信息指挥室督办单');
    expect(text).toContain('督〔2026〕12号');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    dir.remove();
  });

  it('is absent when there is no Chromium, so the core can say PDF_UNAVAILABLE', () => {
    expect(chromiumPrinter('/nonexistent/chromium')).toBeNull();
  });
});
