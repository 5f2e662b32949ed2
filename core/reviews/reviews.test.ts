import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCategoryByCode } from '../../db/queries/reference';
import { improvementOfOrder } from '../../db/queries/reviews';
import { chromiumPrint } from '../testing/chromium-print';
import { databaseDigest, errorCode, expectOk, tempDir } from '../testing/core';
import { DAY, HOUR, startReviewWorld, type ReviewWorld } from '../testing/review-fixtures';

const printer = chromiumPrint();
const dir = tempDir('reviews-');
let w: ReviewWorld;
beforeAll(async () => {
  w = await startReviewWorld({ printPdf: printer.print });
}, 60_000);
afterAll(async () => {
  w.core.stop();
  await printer.close();
  dir.remove();
});

describe('a review of a 特急 event', () => {
  it('assembles the timeline from the records, each step timed against its deadline', async () => {
    const eventId = await w.criticalEvent('镇区燃气管道泄漏');
    const { id, serial } = expectOk<'reviews.open'>(await w.director.call('reviews.open', { scope: 'event', eventId }));
    expect(serial).toMatch(/^复盘〔2026〕\d+号$/);
    const detail = expectOk<'reviews.get'>(await w.assessor.call('reviews.get', { id }));
    expect(detail.title).toBe('镇区燃气管道泄漏复盘');
    expect(detail.steps.map((s) => s.kind)).toEqual(['report', 'dispatch', 'sign', 'feedback', 'close']);
    const [report, dispatch, sign, feedback, close] = detail.steps;
    expect(report!.tookMs).toBeNull();
    expect(dispatch!.tookMs).toBe(10 * 60_000);
    expect(sign!.tookMs).toBe(20 * 60_000);
    expect(sign!.unitName).toBe('综合行政执法队');
    expect(sign!.allowedMs).toBeGreaterThan(0);
    expect(sign!.late).toBe(sign!.tookMs! > sign!.allowedMs!);
    expect(feedback!.tookMs).toBe(20 * 60_000 + 5 * HOUR);
    expect(close!.tookMs).toBe(10 * 60_000 + 20 * 60_000 + 6 * HOUR);
    // 特急 deadlines are hours: six and a half hours is past a handling deadline of a few hours or not, as the record says.
    expect(close!.late).toBe(close!.allowedMs !== null && close!.tookMs! > close!.allowedMs);
  });

  it('turns an improvement action into a supervision order in the same transaction, linked both ways', async () => {
    const eventId = await w.criticalEvent('清溪村山体滑坡');
    const { id, serial } = expectOk<'reviews.open'>(await w.director.call('reviews.open', { scope: 'event', eventId }));
    const { improvementId } = expectOk<'reviews.addImprovement'>(
      await w.operator.call('reviews.addImprovement', {
        id,
        kind: 'supervision',
        measure: '执法队建立夜间应急值守制度',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 7 * DAY,
      }),
    );
    // Only the director turns it into an order; an operator's attempt changes nothing.
    let before = databaseDigest(w.core.db);
    expect(errorCode(await w.operator.call('reviews.orderImprovement', { improvementId }))).toBe('FORBIDDEN');
    expect(databaseDigest(w.core.db)).toEqual(before);

    const made = expectOk<'reviews.orderImprovement'>(await w.director.call('reviews.orderImprovement', { improvementId }));
    const order = expectOk<'supervision.get'>(await w.director.call('supervision.get', { id: made.orderId }));
    expect(order.serial).toBe(made.orderSerial);
    expect(order.strength).toBe('order');
    expect(order.targetKind).toBe('event');
    expect(order.targetId).toBe(eventId);
    expect(order.problem).toContain(serial);
    expect(order.problem).toContain('执法队建立夜间应急值守制度');
    // The handler of the unit sees it in its list, as any order.
    const theirs = expectOk<'supervision.list'>(await w.handler.call('supervision.list', {}));
    expect(theirs.rows.map((r) => r.id)).toContain(made.orderId);
    // Both ways: the action shows the order, the order leads back to the action.
    const detail = expectOk<'reviews.get'>(await w.director.call('reviews.get', { id }));
    expect(detail.improvements[0]!.order).toEqual({ id: made.orderId, serial: made.orderSerial, state: 'open' });
    expect(improvementOfOrder(w.core.db, made.orderId)?.id).toBe(improvementId);
    expect(detail.timeline.map((e) => e.kind)).toEqual(['open', 'add_improvement', 'order_improvement']);

    // Twice is refused; an action past its deadline cannot become an order, and neither leaves a trace.
    before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.orderImprovement', { improvementId }))).toBe('ILLEGAL_TRANSITION');
    expect(databaseDigest(w.core.db)).toEqual(before);
    const { improvementId: late } = expectOk<'reviews.addImprovement'>(
      await w.operator.call('reviews.addImprovement', {
        id,
        kind: 'supervision',
        measure: '派出所完善联动机制',
        unitId: w.assistUnitId,
        dueAt: w.core.clock.now + HOUR,
      }),
    );
    w.core.clock.advance(2 * HOUR);
    expectOk(await w.director.call('auth.me', {}));
    before = databaseDigest(w.core.db);
    expect(errorCode(await w.director.call('reviews.orderImprovement', { improvementId: late }))).toBe('BAD_INPUT');
    expect(databaseDigest(w.core.db)).toEqual(before);
  });

  it('addresses an order from a set review to the unit, the set having no single event', async () => {
    const from = w.core.clock.now;
    await w.newEvent({ title: '暴雨后垃圾堆积' });
    w.core.clock.advance(HOUR);
    const { id } = expectOk<'reviews.open'>(
      await w.director.call('reviews.open', {
        scope: 'set',
        title: '暴雨期间环境卫生类事件复盘',
        categoryId: w.categoryId,
        from,
        to: w.core.clock.now,
      }),
    );
    const { improvementId } = expectOk<'reviews.addImprovement'>(
      await w.operator.call('reviews.addImprovement', {
        id,
        kind: 'supervision',
        measure: '雨后垃圾清运 24 小时内完成',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 5 * DAY,
      }),
    );
    const made = expectOk<'reviews.orderImprovement'>(await w.director.call('reviews.orderImprovement', { improvementId }));
    const order = expectOk<'supervision.get'>(await w.director.call('supervision.get', { id: made.orderId }));
    expect([order.targetKind, order.targetId]).toEqual(['unit', w.leadUnitId]);
  });

  it('links a rule change to the category whose rule it changes, and the category back to it', async () => {
    const r = await w.reviewIn('open');
    const sanitation = findCategoryByCode(w.core.db, 'sanitation')!.id;
    const { improvementId } = expectOk<'reviews.addImprovement'>(
      await w.operator.call('reviews.addImprovement', {
        id: r.id,
        kind: 'routing_rule',
        measure: '垃圾类事件同时派村委会协助',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 5 * DAY,
        ruleCategoryId: sanitation,
      }),
    );
    const detail = expectOk<'reviews.get'>(await w.director.call('reviews.get', { id: r.id }));
    expect(detail.improvements.find((i) => i.id === improvementId)!.ruleCategory).toEqual({ id: sanitation, name: '环境卫生' });
    const links = expectOk<'reviews.forRule'>(await w.admin.call('reviews.forRule', { categoryId: sanitation }));
    expect(links[0]).toMatchObject({ reviewId: r.id, serial: detail.serial, improvementId, kind: 'routing_rule', doneAt: null });
    // A supervision action names no rule, and a rule belongs to a top-level category; both refusals change nothing.
    for (const [change, code] of [
      [{ kind: 'supervision', ruleCategoryId: sanitation }, 'BAD_INPUT'],
      [{ kind: 'deadline_rule', ruleCategoryId: w.categoryId }, 'NOT_FOUND'],
    ] as const) {
      const before = databaseDigest(w.core.db);
      const result = await w.operator.call('reviews.addImprovement', {
        id: r.id,
        measure: '调整规则',
        unitId: w.leadUnitId,
        dueAt: w.core.clock.now + 5 * DAY,
        ...change,
      });
      expect(errorCode(result)).toBe(code);
      expect(databaseDigest(w.core.db)).toEqual(before);
    }
  });

  it('prints the 复盘报告 as an A4 PDF that reads back with pdftotext', async () => {
    const r = await w.reviewIn('closed');
    const detail = expectOk<'reviews.get'>(await w.director.call('reviews.get', { id: r.id }));
    const file = expectOk<'reviews.reportPdf'>(await w.assessor.call('reviews.reportPdf', { id: r.id }));
    expect(file.mime).toBe('application/pdf');
    const path = join(dir.path, 'review.pdf');
    writeFileSync(path, Buffer.from(file.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('复盘报告');
    expect(text).toContain(detail.serial);
    expect(text).toContain(detail.coveredEvents[0]!.serial);
    expect(text).toContain('首次上报');
    expect(text).toContain('签收');
    expect(text).toContain('20分');
    expect(text).toContain('派遣及时');
    expect(text).toContain('签收后到场慢');
    expect(text).toContain('总体处置及时，到场环节需改进');
    expect(text).toContain('执法队夜间值班到岗时间整改');
    expect(text).toContain(`已转督办${detail.improvements[0]!.order!.serial}`);
    expect(text).toContain('调整时限规则');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });
});
