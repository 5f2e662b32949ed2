import { RUN_ACTIONS, type RunAction } from '../../common/assessment';
import { contract } from '../../common/contract';
import type { Role } from '../../common/roles';
import type { RunRecord } from '../../db/queries/assessment';

/** The contract method behind each action the assessment page offers. */
const METHOD = {
  compute: 'assessment.compute',
  review: 'assessment.review',
  publish: 'assessment.publish',
  revise: 'assessment.revise',
  addItem: 'assessment.addItem',
  decideItem: 'assessment.decideItem',
  judgeReturn: 'assessment.judgeReturn',
} as const satisfies Record<RunAction, keyof typeof contract>;

function roleMay(role: Role, action: RunAction): boolean {
  const roles = contract[METHOD[action]].roles;
  return roles !== 'public' && roles.includes(role);
}

/**
 * What this role may do with this run now: the page asks, it does not decide
 * (like `allowedActions` of events and orders). The services check the same
 * conditions again when the action comes.
 */
export function runActions(role: Role, run: RunRecord, latest: RunRecord): RunAction[] {
  const newest = latest.id === run.id;
  const open = newest && run.state !== 'published';
  const when: Record<RunAction, boolean> = {
    compute: open,
    review: open && run.state === 'computed',
    publish: open && run.state === 'reviewed',
    revise: newest && run.state === 'published',
    addItem: open,
    decideItem: open,
    judgeReturn: true,
  };
  return RUN_ACTIONS.filter((a) => when[a] && roleMay(role, a));
}

/** What this role may do with a period that has no run yet: compute its first one. */
export function periodActions(role: Role): RunAction[] {
  return roleMay(role, 'compute') ? ['compute'] : [];
}
