import type { EventDetail } from '../../common/contract/events';
import { chineseDate } from '../supervision/print-template';
import { PRIORITY_WORDS, REQUEST_WORDS, RISK_WORDS, SOURCE_WORDS, STATE_WORDS, WARNING_WORDS } from '../../common/event-words';
import { chinaText, TIMELINE_WORDS } from './words';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The facts of the 处置单 as label–value pairs, in the order the paper form lists them. */
export function sheetFacts(e: EventDetail): [string, string][] {
  const lead = e.units.find((u) => u.role === 'lead' && u.state !== 'withdrawn');
  const assists = e.units.filter((u) => u.role === 'assist' && u.state !== 'withdrawn').map((u) => u.unitName);
  return [
    ['事件编号', e.serial],
    ['事件标题', e.title],
    ['事件类别', e.categoryName],
    ['诉求类型', REQUEST_WORDS[e.requestType]],
    ['事件来源', SOURCE_WORDS[e.source]],
    ['紧急程度', PRIORITY_WORDS[e.priority]],
    ['风险等级', RISK_WORDS[e.riskColour]],
    ['发生地点', [e.villageName, e.gridName, e.address].filter(Boolean).join(' ')],
    ['上报人', e.reporterName ?? ''],
    ['联系电话', e.reporterPhone ?? ''],
    ['上报时间', chinaText(e.reportedAt)],
    ['当前状态', STATE_WORDS[e.state]],
    ['主办单位', lead?.unitName ?? ''],
    ['协办单位', assists.join('、')],
    ['签收时限', chinaText(e.signDueAt)],
    ['办理时限', chinaText(e.handleDueAt)],
    ['预警', WARNING_WORDS[e.warning]],
  ];
}

/** One timeline entry as a line of the 处置过程: what, who, which unit, the note. */
export function timelineLine(t: EventDetail['timeline'][number]): { at: string; step: string; who: string; note: string } {
  return {
    at: chinaText(t.at),
    step: TIMELINE_WORDS[t.kind] ?? t.kind,
    who: [t.actorName, t.unitName].filter(Boolean).join(' / '),
    note: t.note,
  };
}

/** Every photo of the event, by name, with the step it belongs to. */
export function photoLines(e: EventDetail): { name: string; step: string; at: string }[] {
  const fromTimeline = e.timeline.flatMap((t) =>
    t.attachments.map((a) => ({ name: a.name, step: TIMELINE_WORDS[t.kind] ?? t.kind, at: chinaText(a.at) })),
  );
  const listed = new Set(e.timeline.flatMap((t) => t.attachments.map((a) => a.id)));
  const intake = e.attachments
    .filter((a) => !listed.has(a.id))
    .map((a) => ({ name: a.name, step: '受理登记', at: chinaText(a.at) }));
  return [...intake, ...fromTimeline];
}

const FANGSONG = `'FangSong', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const SONGTI = `'SimSun', 'STSong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const HEITI = `'SimHei', 'STHeiti', 'Noto Sans CJK SC', sans-serif`;

/**
 * The 事件处置单 as one self-contained HTML document in the style of the
 * printed supervision order (red 版头 and rule, FangSong body, A4 with the
 * GB/T 9704 margins): the facts in a ruled table, the description, the
 * handling steps, the photos by name, and the room's signature block.
 */
export function sheetHtml(e: EventDetail, townshipName: string, printedAt: number): string {
  const facts = sheetFacts(e)
    .map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`)
    .join('');
  const steps = e.timeline
    .map(timelineLine)
    .map(
      (l) =>
        `<tr><td class="at">${escape(l.at)}</td><td>${escape(l.step)}</td><td>${escape(l.who)}</td><td>${escape(l.note)}</td></tr>`,
    )
    .join('');
  const photos = photoLines(e);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(e.serial)}</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: ${FANGSONG}; font-size: 14pt; line-height: 22pt; }
.head { text-align: center; color: #c00; font-family: ${SONGTI}; font-weight: bold; font-size: 24pt; line-height: 34pt; margin: 0 0 8pt; }
.serial-line { display: flex; justify-content: space-between; font-size: 14pt; margin: 0 0 4pt; }
.rule { border: 0; border-top: 2pt solid #c00; margin: 0 0 12pt; }
h2 { font-family: ${HEITI}; font-weight: normal; font-size: 15pt; margin: 10pt 0 4pt; }
table { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { font-family: ${HEITI}; font-weight: normal; width: 26mm; white-space: nowrap; }
.steps th { width: auto; }
.at { white-space: nowrap; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.sign { margin-top: 24pt; text-align: right; }
</style></head>
<body>
<div class="head">${escape(townshipName)}综合信息指挥室事件处置单</div>
<div class="serial-line"><span>状态：${escape(STATE_WORDS[e.state])}</span><span>${escape(e.serial)}</span></div>
<hr class="rule">
<h2>一、事件基本情况</h2>
<table class="facts">${facts}</table>
<h2>二、事件描述</h2>
${e.description
  .split(/\n+/)
  .filter((line) => line.trim())
  .map((line) => `<p>${escape(line.trim())}</p>`)
  .join('')}
<h2>三、处置过程</h2>
<table class="steps"><tr><th>时间</th><th>环节</th><th>办理人/单位</th><th>意见</th></tr>${steps}</table>
<h2>四、现场照片（${photos.length} 张）</h2>
${
  photos.length
    ? `<table class="photos"><tr><th>序号</th><th>文件名</th><th>环节</th><th>时间</th></tr>${photos
        .map(
          (p, i) =>
            `<tr><td>${i + 1}</td><td>${escape(p.name)}</td><td>${escape(p.step)}</td><td class="at">${escape(p.at)}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>无</p>'
}
<div class="sign"><div>${escape(townshipName)}综合信息指挥室</div><div>${escape(chineseDate(printedAt))}</div></div>
</body></html>`;
}
