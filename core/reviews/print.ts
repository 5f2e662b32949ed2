import type { FileOut, ReviewDetail } from '../../common/contract';
import { IMPROVEMENT_WORDS, REVIEW_STATE_WORDS, STEP_WORDS } from '../../common/reviews';
import { getTownship } from '../../db/queries/org';
import { PRIORITY_WORDS } from '../../common/event-words';
import type { ServiceContext } from '../context';
import { chineseDay, chineseDeadline, escapeHtml, officialHtml, officialTable, paragraphs } from '../print/official-style';
import { get } from './read';

/** A duration in Chinese: 2小时15分, 3天4小时. */
export function chineseDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', rest ? `${rest}分` : ''].join('');
  return parts || '0分';
}

/** The printed 复盘报告: the covered events, the timed steps, the findings, the conclusion and the improvement actions. */
export function reviewReportHtml(township: string, r: ReviewDetail, printedAt: number): string {
  const events = officialTable(
    ['编号', '事件', '紧急程度', '上报时间', '办结时间'],
    r.coveredEvents.map((e) => [
      e.serial,
      e.title,
      PRIORITY_WORDS[e.priority],
      chineseDeadline(e.reportedAt),
      e.closedAt ? chineseDeadline(e.closedAt) : '未办结',
    ]),
  );
  // One line per step rather than a table: a step reads as a sentence, and narrow cells would break its words.
  const steps = r.steps.length
    ? r.steps
        .map((s, n) => {
          const timing = [
            s.tookMs === null ? '' : `用时${chineseDuration(s.tookMs)}`,
            s.allowedMs === null ? '' : `时限${chineseDuration(s.allowedMs)}`,
            s.allowedMs === null ? '' : s.late ? '超时' : '按时',
          ].filter(Boolean);
          return `<p>${n + 1}．${escapeHtml(s.eventSerial)}\u3000${STEP_WORDS[s.kind]}\u3000${escapeHtml(chineseDeadline(s.at))}${
            s.unitName ? `（${escapeHtml(s.unitName)}）` : ''
          }${timing.length ? `，${timing.join('，')}` : ''}。</p>`;
        })
        .join('')
    : '<p>无处置记录。</p>';
  const improvements = r.improvements.length
    ? r.improvements
        .map(
          (i, n) =>
            `<p>${n + 1}．【${IMPROVEMENT_WORDS[i.kind]}】${escapeHtml(i.measure)}。${i.ruleCategory ? `规则所属类别：${escapeHtml(i.ruleCategory.name)}；` : ''}责任单位：${escapeHtml(i.unitName)}；完成时限：${escapeHtml(
              chineseDay(i.dueAt),
            )}；落实情况：${i.order ? `已转督办${escapeHtml(i.order.serial)}` : i.doneAt ? `已完成（${escapeHtml(chineseDay(i.doneAt))}）` : '未完成'}。</p>`,
        )
        .join('')
    : '<p>无。</p>';
  const scope =
    r.scope === 'event'
      ? '<p>复盘对象：单个特急或上报县级事件。</p>'
      : `<p>复盘对象：${escapeHtml(r.categoryName ?? '')}类事件，${escapeHtml(chineseDeadline(r.windowFrom!))}至${escapeHtml(chineseDeadline(r.windowTo!))}期间上报，共${r.coveredEvents.length}件。</p>`;
  const body = `<h2>一、复盘对象</h2>${scope}${events}
<h2>二、处置过程</h2>${steps}
<h2>三、经验做法</h2>${r.wentWell ? paragraphs(r.wentWell) : '<p>尚未填写。</p>'}
<h2>四、存在问题</h2>${r.wentBadly ? paragraphs(r.wentBadly) : '<p>尚未填写。</p>'}
<h2>五、复盘结论</h2>${r.conclusion ? paragraphs(r.conclusion) : `<p>${REVIEW_STATE_WORDS[r.state]}，尚未形成结论。</p>`}
<h2>六、整改措施</h2>${improvements}`;
  return officialHtml({
    townshipName: township,
    head: '复盘报告',
    serial: r.serial,
    title: `关于“${r.title}”的复盘报告`,
    body,
    printedAt,
  });
}

/** The printed review report as an A4 PDF, through the shell's printer (PDF_UNAVAILABLE without one). */
export async function reportPdf(ctx: ServiceContext, input: { id: string }): Promise<FileOut> {
  const detail = get(ctx, input);
  const pdf = await ctx.printPdf(reviewReportHtml(getTownship(ctx.db)?.name ?? '', detail, ctx.now()));
  return { name: `复盘报告-${detail.serial}.pdf`, mime: 'application/pdf', dataBase64: Buffer.from(pdf).toString('base64') };
}
