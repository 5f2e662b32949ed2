import {
  KIND_WORDS,
  LEVEL_WORDS,
  METHOD_WORDS,
  STATE_WORDS,
  type RiskKind,
  type RiskLevel,
  type RiskMethod,
  type RiskState,
} from '../../common/risk';
import { chineseDate, chineseDeadline } from '../supervision/print-template';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
const day = (ms: number) => chineseDeadline(ms).replace(/\d+时(\d+分)?$/, '');

export interface PrintableRisk {
  townshipName: string;
  serial: string;
  title: string;
  proposingUnit: string;
  kind: RiskKind;
  scope: string;
  peopleAffected: number;
  risks: string;
  methods: { method: RiskMethod; heldOn: number; participants: string; summary: string; files: number }[];
  level: RiskLevel | null;
  levelReason: string;
  state: RiskState;
  decisionReason: string;
  decidedBy: string | null;
  decidedAt: number | null;
  tasks: { measure: string; unit: string; dueAt: number; doneAt: number | null }[];
  reviews: { dueAt: number; doneAt: number | null; finding: string; outcome: 'continue' | 'terminate' | null }[];
  printedAt: number;
}

const FANGSONG = `'FangSong', 'FangSong_GB2312', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const SONGTI = `'SimSun', 'STSong', 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif`;
const HEITI = `'SimHei', 'STHeiti', 'Noto Sans CJK SC', sans-serif`;

const CONCLUDED: readonly RiskState[] = ['implemented', 'postponed', 'rejected', 'terminated'];

/**
 * 社会稳定风险评估报告 as one self-contained HTML document in the official
 * style of the printed orders (GB/T 9704 margins, red title and rule):
 * the decision, the identified risks, each assessment method, the level,
 * the conclusion, the mitigation measures and the 回头看 reviews.
 */
export function riskReportHtml(r: PrintableRisk): string {
  const conclusion = CONCLUDED.includes(r.state)
    ? `<p>评估结论：<b>${STATE_WORDS[r.state]}</b>。${escape(r.decisionReason)}</p>
<p>决策人：${escape(r.decidedBy ?? '')}\u3000\u3000决策日期：${r.decidedAt ? escape(day(r.decidedAt)) : ''}</p>`
    : '<p>尚未作出评估结论。</p>';
  const methods = r.methods.length
    ? r.methods
        .map(
          (m, i) =>
            `<p>${i + 1}．${METHOD_WORDS[m.method]}（${escape(day(m.heldOn))}）。参加人员：${escape(m.participants)}。${escape(m.summary)}${m.files ? `（附件${m.files}份）` : ''}</p>`,
        )
        .join('')
    : '<p>尚未开展评估。</p>';
  const tasks = r.tasks.length
    ? `<table><tr><th>序号</th><th>化解措施</th><th>责任单位</th><th>完成时限</th><th>完成情况</th></tr>${r.tasks
        .map(
          (t, i) =>
            `<tr><td>${i + 1}</td><td>${escape(t.measure)}</td><td>${escape(t.unit)}</td><td>${escape(day(t.dueAt))}</td><td>${t.doneAt ? `已完成（${escape(day(t.doneAt))}）` : '未完成'}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>无。</p>';
  const reviews = r.reviews.length
    ? r.reviews
        .map(
          (v, i) =>
            `<p>第${i + 1}次回头看（应于${escape(day(v.dueAt))}前）：${v.doneAt ? `${escape(day(v.doneAt))}完成，${escape(v.finding)}${v.outcome === 'terminate' ? '。决定中止实施。' : ''}` : '待开展。'}</p>`,
        )
        .join('')
    : '<p>无。</p>';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(r.serial)}</title>
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
.sign { margin-top: 28pt; text-align: right; }
</style></head>
<body>
<div class="head">${escape(r.townshipName)}社会稳定风险评估报告</div>
<div class="serial-line">${escape(r.serial)}</div>
<hr class="rule">
<div class="title">关于“${escape(r.title)}”的社会稳定风险评估报告</div>
<h2>一、评估事项</h2>
<p>事项名称：${escape(r.title)}。提出单位：${escape(r.proposingUnit)}。事项类别：${KIND_WORDS[r.kind]}。涉及人数：${r.peopleAffected}人。</p>
${paragraphs(`涉及范围：${r.scope}`)}
<h2>二、风险识别</h2>
${r.risks ? paragraphs(r.risks) : '<p>尚未完成风险识别。</p>'}
<h2>三、风险评估</h2>
${methods}
<h2>四、风险等级</h2>
<p>${r.level ? `评定为<b>${LEVEL_WORDS[r.level]}</b>。${escape(r.levelReason)}` : '尚未评定。'}</p>
<h2>五、评估结论</h2>
${conclusion}
<h2>六、风险化解措施</h2>
${tasks}
<h2>七、回头看</h2>
${reviews}
<div class="sign"><div>${escape(r.townshipName)}综合信息指挥室</div><div>${escape(chineseDate(r.printedAt))}</div></div>
</body></html>`;
}
