/**
 * The lives of the big test township's events (db/testing-big-township.ts): each
 * event walked through intake, dispatch, return (accepted, upheld or overruled),
 * sign-for, extension, feedback, rework, verification, call-back and reopen, as
 * the rows the real tables would hold at `now` — event_units as the lifecycle
 * leaves it, and the assignment history (event_assignments) as the triggers of
 * migration 0011 would have written it. No SQL here: plain rows for the writer.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Deterministic PRNG (mulberry32): the same seed gives the same township. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const weighted = <T extends string>(weights: Record<T, number>): T => {
    const entries = Object.entries(weights) as [T, number][];
    let r = next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [key, w] of entries) if ((r -= w) <= 0) return key;
    return entries[0]![0];
  };
  return { next, pick, weighted };
}
export type Random = ReturnType<typeof random>;

export interface UnitRow {
  eventId: string;
  unitId: string;
  role: 'lead' | 'assist';
  state: 'pending' | 'signed' | 'fed_back' | 'returned' | 'withdrawn';
  dispatchedAt: number;
  signDueAt: number;
  handleDueAt: number;
  signedAt: number | null;
  feedbackAt: number | null;
  returnedAt: number | null;
  warning: number;
}

export interface AssignmentRow {
  eventId: string;
  unitId: string;
  role: 'lead' | 'assist';
  state: string;
  dispatchedAt: number;
  signDueAt: number;
  handleDueAt: number;
  prevDueAt: number | null;
  dueChangedAt: number | null;
  signedAt: number | null;
  firstFeedbackAt: number | null;
  feedbackAt: number | null;
  reworkedAt: number | null;
  returnedAt: number | null;
  returnVerdict: 'justified' | 'unjustified' | null;
  verdictAt: number | null;
  verdictBy: string | null;
  closedAt: number | null;
  withdrawnAt: number | null;
}

export interface ActionRow {
  kind: string;
  fromState: string | null;
  toState: string;
  actorName: string;
  actorRole: string;
  unitId: string | null;
  note: string;
  payload: string;
  at: number;
}

export interface ExtensionRow {
  unitId: string;
  requestedDue: number;
  state: 'approved' | 'refused';
  requestedAt: number;
  decidedAt: number;
}

/** What a life needs to know about the township. */
export interface LifeContext {
  now: number;
  r: Random;
  departments: readonly string[];
  directorId: string;
  /** The sign-for and handling deadlines of a dispatch at `t`. */
  deadlines(topId: string, priority: string, t: number): { signDueAt: number; handleDueAt: number };
}

export interface EventLife {
  state: string;
  leadUnitId: string | null;
  dispatchedAt: number | null;
  signDueAt: number | null;
  handleDueAt: number | null;
  returnCount: number;
  reworkCount: number;
  closedAt: number | null;
  resolvedLevel: string | null;
  satisfaction: string | null;
  merged: boolean;
  units: UnitRow[];
  assignments: AssignmentRow[];
  actions: ActionRow[];
  extensions: ExtensionRow[];
}

/**
 * One event's life up to `now`. `lead` is the unit routing suggests (the
 * category's first unit, or the village's own unit), `consult` a question
 * answered at the desk.
 */
export function liveEvent(
  c: LifeContext,
  e: { id: string; topId: string; priority: string; reportedAt: number; consult: boolean; lead: string; canMerge: boolean },
): EventLife {
  const { r, now } = c;
  const until = (at: number) => at <= now;
  const life: EventLife = {
    state: 'reported',
    leadUnitId: null,
    dispatchedAt: null,
    signDueAt: null,
    handleDueAt: null,
    returnCount: 0,
    reworkCount: 0,
    closedAt: null,
    resolvedLevel: null,
    satisfaction: null,
    merged: false,
    units: [],
    assignments: [],
    actions: [],
    extensions: [],
  };
  const step = (
    kind: string,
    at: number,
    to: string,
    actor: string,
    role: string,
    unitId: string | null = null,
    payload = {},
  ) => {
    life.actions.push({
      kind,
      fromState: kind === 'create' ? null : life.state,
      toState: to,
      actorName: actor,
      actorRole: role,
      unitId,
      note: '',
      payload: JSON.stringify(payload),
      at,
    });
    life.state = to;
  };
  const newest = (unitId: string) => life.assignments.findLast((a) => a.unitId === unitId)!;
  const unitRow = (unitId: string) => life.units.find((u) => u.unitId === unitId)!;

  /** A dispatch round: everyone on the event is withdrawn, the new units get a fresh assignment each. */
  const dispatch = (lead: string, assist: string | null, t: number) => {
    const due = c.deadlines(e.topId, e.priority, t);
    for (const u of life.units) {
      u.state = 'withdrawn';
      const a = newest(u.unitId);
      a.state = 'withdrawn';
      a.withdrawnAt ??= t;
    }
    for (const [unitId, role] of [[lead, 'lead'], ...(assist ? [[assist, 'assist']] : [])] as [string, 'lead' | 'assist'][]) {
      const fresh: UnitRow = {
        eventId: e.id,
        unitId,
        role,
        state: 'pending',
        dispatchedAt: t,
        ...due,
        signedAt: null,
        feedbackAt: null,
        returnedAt: null,
        warning: 0,
      };
      const i = life.units.findIndex((u) => u.unitId === unitId);
      if (i >= 0)
        life.units[i] = fresh; // one row per unit: a redispatch rewrites it
      else life.units.push(fresh);
      life.assignments.push({
        eventId: e.id,
        unitId,
        role,
        state: 'pending',
        dispatchedAt: t,
        ...due,
        prevDueAt: null,
        dueChangedAt: null,
        signedAt: null,
        firstFeedbackAt: null,
        feedbackAt: null,
        reworkedAt: null,
        returnedAt: null,
        returnVerdict: null,
        verdictAt: null,
        verdictBy: null,
        closedAt: null,
        withdrawnAt: null,
      });
    }
    Object.assign(life, { leadUnitId: lead, dispatchedAt: t, ...due });
  };
  const set = (unitId: string, changes: Partial<UnitRow> & Partial<AssignmentRow>) => {
    const u = unitRow(unitId);
    const a = newest(unitId);
    for (const [k, v] of Object.entries(changes)) {
      if (k in u) (u as unknown as Record<string, unknown>)[k] = v;
      if (k in a && (a as unknown as Record<string, unknown>)[k] == null) (a as unknown as Record<string, unknown>)[k] = v;
    }
    if (changes.state) a.state = changes.state;
    if (changes.feedbackAt) {
      a.feedbackAt = changes.feedbackAt;
      a.firstFeedbackAt ??= changes.feedbackAt;
    }
  };

  step('create', e.reportedAt, 'reported', '王敏', 'operator');
  let t = Math.round(e.reportedAt + (5 + r.next() * 40) * MINUTE);
  if (!until(t)) return life;
  if (r.next() < 0.03) {
    step('reject', t, 'rejected', '王敏', 'operator');
    return life;
  }
  if (e.canMerge && r.next() < 0.02) {
    life.merged = true;
    step('merge', t, 'merged', '王敏', 'operator');
    return life;
  }
  if (now - e.reportedAt < 3 * HOUR && r.next() < 0.5) return life;
  step('register', t, 'registered', '王敏', 'operator');
  if (e.consult) {
    t += 20 * MINUTE;
    if (!until(t)) return life;
    life.closedAt = t;
    life.resolvedLevel = 'township';
    step('answer', t, 'closed', '王敏', 'operator');
    callback(t, false);
    return life;
  }
  if (now - e.reportedAt < 8 * HOUR && r.next() < 0.4) return life;
  if (r.next() < 0.02) {
    step('escalate', t + 30 * MINUTE, 'escalated', '陈建国', 'director');
    return life;
  }
  let lead = e.lead;
  for (let round = 0; round < 3; round++) {
    t += Math.round((10 + r.next() * 50) * MINUTE);
    if (!until(t)) return life;
    const assist = r.next() < 0.3 ? r.pick(c.departments.filter((u) => u !== lead)) : null;
    dispatch(lead, assist, t);
    step('dispatch', t, 'dispatched', '王敏', 'operator', lead);
    if (round < 2 && r.next() < 0.05) {
      t += Math.round((0.3 + r.next()) * HOUR);
      if (!until(t)) return life;
      set(lead, { state: 'returned', returnedAt: t });
      life.returnCount++;
      step('return', t, 'returned', '承办人', 'unit_handler', lead, { reasonCode: 'not_our_function' });
      t += Math.round((2 + r.next() * 30) * HOUR);
      if (!until(t)) return life;
      const judge = r.next();
      if (judge < 0.2) {
        // Arbitration: overruled (unjustified, back to the same unit) or upheld (justified, elsewhere).
        const overrule = judge < 0.12;
        const a = newest(lead);
        Object.assign(a, { returnVerdict: overrule ? 'unjustified' : 'justified', verdictAt: t, verdictBy: c.directorId });
        step('arbitrate', t, 'dispatched', '陈建国', 'director', lead, { decision: overrule ? 'overrule' : 'uphold' });
        if (!overrule) lead = r.pick(c.departments.filter((u) => u !== lead));
      } else {
        lead = r.pick(c.departments.filter((u) => u !== lead));
      }
      continue;
    }
    return work(lead, t);
  }
  return life;

  function signFor(leadId: string, from: number): number | null {
    const signAt = Math.round(from + (life.signDueAt! - from) * (r.next() < 0.1 ? 1.1 + r.next() : r.next() * 0.9));
    if (!until(signAt)) return null;
    set(leadId, { state: 'signed', signedAt: signAt });
    step('sign', signAt, 'in_progress', '承办人', 'unit_handler', leadId);
    const helper = life.units.find((u) => u.role === 'assist' && u.state === 'pending');
    if (helper && r.next() < 0.9) {
      const at = Math.round(signAt + Math.max(0, life.signDueAt! - signAt) * r.next() * (r.next() < 0.1 ? 3 : 0.9));
      if (until(at)) {
        set(helper.unitId, { state: 'signed', signedAt: at });
        step('sign', at, 'in_progress', '协办人', 'unit_handler', helper.unitId);
      }
    }
    return signAt;
  }

  function work(leadId: string, from: number, reopened = false): EventLife {
    const signAt = signFor(leadId, from);
    if (signAt === null) return life;
    if (r.next() < 0.04) {
      // An extension request a third of the way through; most are approved a day later.
      const at = Math.round(signAt + (life.handleDueAt! - signAt) / 3);
      const decided = at + DAY;
      const requestedDue = life.handleDueAt! + Math.round((3 + r.next() * 4) * DAY);
      if (until(decided)) {
        const approved = r.next() < 0.7;
        life.extensions.push({
          unitId: leadId,
          requestedDue,
          state: approved ? 'approved' : 'refused',
          requestedAt: at,
          decidedAt: decided,
        });
        step('extension_request', at, 'in_progress', '承办人', 'unit_handler', leadId);
        step(approved ? 'extension_approve' : 'extension_refuse', decided, 'in_progress', '陈建国', 'director', leadId);
        if (approved) {
          const a = newest(leadId);
          Object.assign(a, { prevDueAt: a.handleDueAt, dueChangedAt: decided, handleDueAt: requestedDue });
          unitRow(leadId).handleDueAt = requestedDue;
          life.handleDueAt = requestedDue;
        }
      }
    }
    const due = life.handleDueAt!;
    const late = r.next() < 0.12;
    let feedbackAt = Math.round(signAt + (due - signAt) * (late ? 1.05 + r.next() * 2 : 0.2 + r.next() * 0.75));
    const helper = life.units.find((u) => u.role === 'assist' && u.state === 'signed');
    if (helper && helper.signedAt! < feedbackAt) {
      const at = Math.round(helper.signedAt! + (feedbackAt - helper.signedAt!) * (0.3 + r.next() * 0.6));
      if (!until(at)) return life;
      set(helper.unitId, { state: 'fed_back', feedbackAt: at });
      step('feedback', at, 'in_progress', '协办人', 'unit_handler', helper.unitId);
    }
    if (!until(feedbackAt)) return life;
    set(leadId, { state: 'fed_back', feedbackAt });
    step('feedback', feedbackAt, 'awaiting_verification', '承办人', 'unit_handler', leadId);
    let verifyAt = Math.round(feedbackAt + (1 + r.next() * 20) * HOUR);
    if (r.next() < 0.07) {
      if (!until(verifyAt)) return life;
      life.reworkCount++;
      newest(leadId).reworkedAt ??= verifyAt;
      Object.assign(unitRow(leadId), { state: 'signed', feedbackAt: null });
      newest(leadId).state = 'signed';
      step('rework', verifyAt, 'in_progress', '王敏', 'operator', leadId);
      feedbackAt = Math.round(verifyAt + (4 + r.next() * 40) * HOUR);
      if (!until(feedbackAt)) return life;
      set(leadId, { state: 'fed_back', feedbackAt });
      step('feedback', feedbackAt, 'awaiting_verification', '承办人', 'unit_handler', leadId);
      verifyAt = Math.round(feedbackAt + (1 + r.next() * 20) * HOUR);
    }
    if (!until(verifyAt)) return life;
    life.closedAt = verifyAt;
    newest(leadId).closedAt = verifyAt;
    life.resolvedLevel = r.weighted({ grid: 22, village: 33, township: 40, county: 5 });
    step('verify', verifyAt, 'closed', '王敏', 'operator', null, { resolvedLevel: life.resolvedLevel });
    const reopenAt = callback(verifyAt, !reopened);
    if (reopenAt !== null) {
      // A dissatisfied call-back reopens the event to the same unit: its assignment ends as reworked.
      const a = newest(leadId);
      a.reworkedAt ??= reopenAt;
      life.reworkCount++;
      life.closedAt = null;
      dispatch(leadId, null, reopenAt);
      step('reopen', reopenAt, 'dispatched', '陈建国', 'director', leadId);
      return work(leadId, reopenAt, true);
    }
    return life;
  }

  /** The call-back; the moment of a reopen when it leads to one. */
  function callback(closedAt: number, mayReopen: boolean): number | null {
    const at = Math.round(closedAt + (1 + r.next() * 2) * DAY);
    if (!until(at)) return null;
    life.satisfaction = r.weighted({ satisfied: 80, basically_satisfied: 15, dissatisfied: 5 });
    step('callback', at, 'archived', '王敏', 'operator', null, { satisfaction: life.satisfaction });
    const reopenAt = at + Math.round((2 + r.next() * 20) * HOUR);
    if (mayReopen && life.satisfaction === 'dissatisfied' && r.next() < 0.4 && until(reopenAt)) return reopenAt;
    return null;
  }
}
