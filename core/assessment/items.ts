import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MAX_EVIDENCE_BYTES, type EVIDENCE_TYPES, type ManualItem, type ParsedInputOf } from '../../common/contract';
import { AppError } from '../../common/errors';
import type { Db } from '../../db';
import {
  decideItem as storeDecision,
  getEvidence,
  getItem,
  insertEvidence,
  insertItem,
  listEvidence,
  listItems,
  saveRun,
} from '../../db/queries/assessment';
import { getUnit, listUnits } from '../../db/queries/org';
import { getUser } from '../../db/queries/users';
import { audit, requireActor, type ServiceContext } from '../context';
import { attachmentPath } from '../events/attachments';
import { requireOpenRun, requireScheme, rescore, unitsOf } from './runs';

type EvidenceType = (typeof EVIDENCE_TYPES)[number];

function sniff(bytes: Buffer): EvidenceType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export function listItemsOfRun(db: Db, runId: string): ManualItem[] {
  const units = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const who = (id: string | null) => (id ? (getUser(db, id)?.displayName ?? id) : null);
  return listItems(db, runId).map((i) => ({
    id: i.id,
    unitId: i.unitId,
    unitName: units.get(i.unitId) ?? i.unitId,
    kind: i.kind,
    points: i.points,
    reason: i.reason,
    state: i.state,
    createdBy: who(i.createdBy)!,
    createdAt: i.createdAt,
    decidedBy: who(i.decidedBy),
    decidedAt: i.decidedAt,
    decisionNote: i.decisionNote,
    evidence: listEvidence(db, i.id).map((e) => ({ id: e.id, name: e.name, mime: e.mime, size: e.size })),
  }));
}

/** Evidence is stored like event photos: checked against its bytes, under its SHA-256. */
function storeEvidence(ctx: ServiceContext, itemId: string, files: ParsedInputOf<'assessment.addItem'>['evidence']): void {
  const decoded = files.map((file, index) => {
    const bytes = Buffer.from(file.dataBase64, 'base64');
    if (bytes.length === 0) throw new AppError('UNSUPPORTED_FILE', `File ${index + 1} ("${file.name}") is empty.`);
    if (bytes.length > MAX_EVIDENCE_BYTES)
      throw new AppError('TOO_LARGE', `File ${index + 1} ("${file.name}") is larger than ${MAX_EVIDENCE_BYTES / 1048576} MB.`);
    if (sniff(bytes) !== file.mime)
      throw new AppError(
        'UNSUPPORTED_FILE',
        `File ${index + 1} ("${file.name}") is not what it claims to be. Use JPEG, PNG, WebP or PDF.`,
      );
    return { file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  for (const { file, bytes, sha256 } of decoded) {
    const path = attachmentPath(ctx.dataDir, sha256);
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, bytes, { flush: true });
      renameSync(temporary, path);
    }
    insertEvidence(ctx.db, {
      id: ctx.newId(),
      itemId,
      sha256,
      name: file.name,
      mime: file.mime,
      size: bytes.length,
      at: ctx.now(),
    });
  }
}

export function addItem(ctx: ServiceContext, input: ParsedInputOf<'assessment.addItem'>): { id: string } {
  const actor = requireActor(ctx);
  const run = requireOpenRun(ctx.db, input.runId);
  const scheme = requireScheme(ctx.db, run.schemeId);
  if (!unitsOf(ctx.db, scheme).some((u) => u.id === input.unitId))
    throw new AppError('NOT_FOUND', 'That unit is not assessed by this scheme.');
  const id = ctx.newId();
  insertItem(ctx.db, {
    id,
    runId: run.id,
    unitId: input.unitId,
    kind: input.kind,
    points: input.points,
    reason: input.reason,
    state: 'pending',
    createdBy: actor.userId,
    createdAt: ctx.now(),
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
  });
  storeEvidence(ctx, id, input.evidence);
  audit(ctx, {
    action: 'add_item',
    entity: 'assessment_item',
    entityId: id,
    summary: {
      period: run.period,
      revision: run.revision,
      unit: getUnit(ctx.db, input.unitId)?.name,
      kind: input.kind,
      points: input.points,
      reason: input.reason,
      evidence: input.evidence.length,
    },
  });
  return { id };
}

export function decideItem(
  ctx: ServiceContext,
  input: ParsedInputOf<'assessment.decideItem'>,
): { id: string; state: 'approved' | 'refused' } {
  const actor = requireActor(ctx);
  const item = getItem(ctx.db, input.id);
  if (!item) throw new AppError('NOT_FOUND', 'That manual item does not exist; reload the period.');
  const run = requireOpenRun(ctx.db, item.runId);
  if (item.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', `This item was already ${item.state}.`);
  const state = input.approve ? 'approved' : 'refused';
  storeDecision(ctx.db, item.id, { state, by: actor.userId, at: ctx.now(), note: input.note ?? null });
  if (input.approve) rescore(ctx.db, run);
  // A reviewed result that changes must be reviewed again.
  if (run.state === 'reviewed') saveRun(ctx.db, { ...run, state: 'computed', reviewedAt: null, reviewedBy: null });
  audit(ctx, {
    action: input.approve ? 'approve_item' : 'refuse_item',
    entity: 'assessment_item',
    entityId: item.id,
    summary: {
      period: run.period,
      revision: run.revision,
      unit: getUnit(ctx.db, item.unitId)?.name,
      kind: item.kind,
      points: item.points,
      ...(input.note ? { note: input.note } : {}),
    },
  });
  return { id: item.id, state };
}

export function evidenceFile(ctx: ServiceContext, input: { id: string }): { name: string; mime: string; dataBase64: string } {
  const record = getEvidence(ctx.db, input.id);
  if (!record) throw new AppError('NOT_FOUND', 'That evidence file does not exist.');
  const path = attachmentPath(ctx.dataDir, record.sha256);
  if (!existsSync(path))
    throw new AppError('NOT_FOUND', `The file of "${record.name}" is missing from the data folder; restore it from a backup.`);
  const bytes = readFileSync(path);
  if (createHash('sha256').update(bytes).digest('hex') !== record.sha256)
    throw new AppError('CONFLICT', `The file of "${record.name}" has been altered on disk; restore it from a backup.`);
  return { name: record.name, mime: record.mime, dataBase64: bytes.toString('base64') };
}
