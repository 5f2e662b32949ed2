import { chinaWallClock } from '../../common/china-time';
import { DOCUMENT_TITLES, type OrderStrength } from '../../common/supervision';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 the way official documents write them: 十, 十一, 二十, 三十一. */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A date in China time as 二〇二六年十一月三十日 (the 成文日期 of GB/T 9704). */
export function chineseDate(ms: number): string {
  const d = chinaWallClock(ms);
  const year = String(d.getUTCFullYear())
    .split('')
    .map((c) => DIGITS[Number(c)])
    .join('');
  return `${year}年${smallNumber(d.getUTCMonth() + 1)}月${smallNumber(d.getUTCDate())}日`;
}

/** A deadline as 2026年12月3日17时30分 (Arabic numerals in the body, as usual for times). */
export function chineseDeadline(ms: number): string {
  const d = chinaWallClock(ms);
  const minutes = d.getUTCMinutes();
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日${d.getUTCHours()}时${minutes ? `${minutes}分` : ''}`;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');

export interface PrintableOrder {
  townshipName: string;
  serial: string;
  strength: OrderStrength;
  colour: 'blue' | 'yellow' | 'red';
  units: string[];
  targetLabel: string;
  problem: string;
  requirements: string;
  dueAt: number;
  issuerName: string;
  issuedAt: number;
  previousSerial: string | null;
}

const COLOUR_WORDS = { blue: '蓝色', yellow: '黄色', red: '红色' } as const;

const FANGSONG = `'FangSong', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const SONGTI = `'SimSun', 'STSong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const HEITI = `'SimHei', 'STHeiti', 'Noto Sans CJK SC', sans-serif`;

/**
 * The printed order as one self-contained HTML document (inline CSS, no
 * scripts, no external resources), laid out roughly per GB/T 9704: A4, margins
 * 37 mm top, 28 mm left, 26 mm right, 35 mm bottom; a red title line (版头) and
 * red rule, the serial under it, then the addressee (主送), body, requirements,
 * deadline, issuer, date and the seal area.
 */
export function orderHtml(o: PrintableOrder): string {
  const title = `${o.townshipName}综合信息指挥室${DOCUMENT_TITLES[o.strength]}`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(o.serial)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FANGSONG}; font-size: 16pt; line-height: 26pt; }
.head { text-align: center; color: #c00; font-family: ${SONGTI}; font-weight: bold; font-size: 26pt; line-height: 36pt; letter-spacing: 1pt; margin: 0 0 10pt; }
.serial-line { display: flex; justify-content: space-between; align-items: baseline; font-size: 16pt; margin: 0 0 4pt; }
.level { font-family: ${HEITI}; font-size: 14pt; }
.level b { color: ${o.colour === 'red' ? '#c00' : o.colour === 'yellow' ? '#b8860b' : '#1f5fbf'}; }
.rule { border: 0; border-top: 2pt solid #c00; margin: 0 0 16pt; }
.to { margin: 0 0 6pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h2 { font-family: ${HEITI}; font-weight: normal; font-size: 16pt; margin: 6pt 0 0; text-indent: 2em; }
.deadline { margin-top: 6pt; }
.deadline b { font-family: ${HEITI}; font-weight: normal; }
.sign { margin-top: 28pt; display: flex; justify-content: flex-end; }
.sign-block { position: relative; text-align: center; width: 78mm; padding-top: 4pt; }
.seal { position: absolute; left: 50%; top: -28pt; width: 42mm; height: 42mm; margin-left: -21mm; border: 1.5pt dashed #c00; border-radius: 50%;
  color: #c00; font-size: 11pt; line-height: 42mm; opacity: 0.55; font-family: ${SONGTI}; }
.sign-block div { position: relative; }
.note { margin-top: 20pt; border-top: 1pt solid #000; border-bottom: 1pt solid #000; font-size: 14pt; line-height: 22pt; padding: 4pt 0; }
.note p { text-indent: 0; }
</style></head>
<body>
<div class="head">${escape(title)}</div>
<div class="serial-line"><span class="level">督办等级：<b>${COLOUR_WORDS[o.colour]}</b>${o.previousSerial ? `\u3000再督办（原${escape(o.previousSerial)}）` : ''}</span><span class="serial">${escape(o.serial)}</span></div>
<hr class="rule">
<div class="to">${escape(o.units.join('、'))}：</div>
<p>现就${escape(o.targetLabel)}有关问题${DOCUMENT_TITLES[o.strength].replace('单', '')}如下。</p>
<h2>一、存在问题</h2>
${paragraphs(o.problem)}
<h2>二、整改要求</h2>
${paragraphs(o.requirements)}
<h2>三、办理时限</h2>
<p class="deadline">请于<b>${escape(chineseDeadline(o.dueAt))}</b>前将整改情况书面反馈至${escape(o.townshipName)}综合信息指挥室。逾期未反馈或整改不到位的，将提级督办并纳入年度考核。</p>
<div class="sign"><div class="sign-block">
<span class="seal">（印章）</span>
<div>${escape(o.townshipName)}综合信息指挥室</div>
<div>${escape(chineseDate(o.issuedAt))}</div>
</div></div>
<div class="note"><p>签发人：${escape(o.issuerName)}\u3000\u3000\u3000\u3000抄送：${escape(o.townshipName)}党委、政府主要领导</p></div>
</body></html>`;
}
