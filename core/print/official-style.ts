import { chineseDate, chineseDeadline } from '../supervision/print-template';

/*
 * The official document style of the printed orders and reports (GB/T 9704
 * margins, a red head and rule, 仿宋 body, 黑体 headings), for the reports
 * written after the risk report: the after-action review and the monthly analysis.
 */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const paragraphs = (text: string): string =>
  text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

/** A day in Chinese: 2026年11月3日. */
export const chineseDay = (ms: number): string => chineseDeadline(ms).replace(/\d+时(\d+分)?$/, '');
export { chineseDeadline };

/** A table of plain cells (escaped), with a header row. */
export function officialTable(headers: string[], rows: (string | number)[][]): string {
  if (rows.length === 0) return '<p>无。</p>';
  const cell = (v: string | number) => `<td>${escapeHtml(String(v))}</td>`;
  return `<table><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</table>`;
}

const FANGSONG = `'FangSong', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const SONGTI = `'SimSun', 'STSong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const HEITI = `'SimHei', 'STHeiti', 'Noto Sans CJK SC', sans-serif`;

export interface OfficialDocument {
  townshipName: string;
  /** The red head after the township's name, e.g. 复盘报告. */
  head: string;
  serial: string;
  title: string;
  /** HTML of the body: `<h2>` sections, `<p>` paragraphs, tables (already escaped). */
  body: string;
  printedAt: number;
}

export function officialHtml(d: OfficialDocument): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(d.serial || d.title)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FANGSONG}; font-size: 16pt; line-height: 26pt; }
.head { text-align: center; color: #c00; font-family: ${SONGTI}; font-weight: bold; font-size: 24pt; line-height: 34pt; margin: 0 0 10pt; }
.serial-line { text-align: right; font-size: 16pt; margin: 0 0 4pt; }
.rule { border: 0; border-top: 2pt solid #c00; margin: 0 0 16pt; }
.title { text-align: center; font-family: ${SONGTI}; font-weight: bold; font-size: 18pt; margin: 0 0 12pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h2 { font-family: ${HEITI}; font-weight: normal; font-size: 16pt; margin: 8pt 0 0; text-indent: 2em; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; margin-top: 4pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
th { font-family: ${HEITI}; font-weight: normal; }
td:first-child { white-space: nowrap; }
.sign { margin-top: 28pt; text-align: right; }
</style></head>
<body>
<div class="head">${escapeHtml(d.townshipName)}${escapeHtml(d.head)}</div>
<div class="serial-line">${escapeHtml(d.serial)}</div>
<hr class="rule">
<div class="title">${escapeHtml(d.title)}</div>
${d.body}
<div class="sign"><div>${escapeHtml(d.townshipName)}综合信息指挥室</div><div>${escapeHtml(chineseDate(d.printedAt))}</div></div>
</body></html>`;
}
