import { describe, expect, it } from 'vitest';
import { orderHtml, type PrintableOrder } from './print-template';

const order: PrintableOrder = {
  townshipName: '清溪镇',
  serial: '督〔2026〕12号',
  strength: 'chase',
  colour: 'blue',
  units: ['派出所', '司法所'],
  targetLabel: '派出所',
  problem: '第一段\n<script>alert(1)</script> & "引号"',
  requirements: '请按时反馈',
  dueAt: Date.UTC(2026, 11, 3, 9, 30),
  issuerName: '王敏',
  issuedAt: Date.UTC(2026, 10, 30, 1),
  previousSerial: null,
};

describe('the printed order template', () => {
  const html = orderHtml(order);

  it('is one self-contained document: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=|@import|url\(/i);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
  });

  it('escapes what people typed and keeps their paragraphs', () => {
    expect(html).toContain('<p>第一段</p><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot;</p>');
  });

  it('names the document by strength and the township, with the serial, addressees, deadline and date', () => {
    expect(html).toContain('清溪镇综合信息指挥室催办单');
    expect(orderHtml({ ...order, strength: 'flagged' })).toContain('清溪镇综合信息指挥室挂牌督办单');
    expect(html).toContain('督〔2026〕12号');
    expect(html).toContain('派出所、司法所：');
    expect(html).toContain('2026年12月3日17时30分');
    expect(html).toContain('二〇二六年十一月三十日');
    expect(html).not.toContain('再督办');
    expect(orderHtml({ ...order, previousSerial: '督〔2026〕3号' })).toContain('再督办（原督〔2026〕3号）');
  });
});
