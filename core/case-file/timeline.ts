import type { Attachment, TimelineEntry } from '../../common/contract/case-file';
import type { Role } from '../../common/roles';
import type { Db } from '../../db';
import { listTimeline, type TimelineKind } from '../../db/queries/timeline';

/** A stored attachment row as the contract lists it (the row may carry more: owner, uploader). */
export const toAttachment = (a: Attachment): Attachment => ({
  id: a.id,
  sha256: a.sha256,
  name: a.name,
  mime: a.mime,
  size: a.size,
  at: a.at,
});

/** A case's timeline as the contract shows it: unit names, payload objects, each entry's photos. */
export function caseTimeline(
  db: Db,
  kind: TimelineKind,
  caseId: string,
  unitName: (id: string | null) => string | null,
  photosOf: (entryId: string) => Attachment[] = () => [],
): TimelineEntry[] {
  return listTimeline(db, kind, caseId).map((a) => ({
    id: a.id,
    kind: a.kind,
    fromState: a.fromState,
    toState: a.toState,
    actorName: a.actorName,
    actorRole: a.actorRole as Role | null,
    unitName: unitName(a.unitId),
    note: a.note,
    payload: JSON.parse(a.payload) as Record<string, unknown>,
    at: a.at,
    attachments: photosOf(a.id).map(toAttachment),
  }));
}
