/**
 * A sparse, bounded cache of fixed-size pages of a long server-side list,
 * for a virtualized table: only the pages someone scrolled to are held, the
 * least recently used ones are dropped beyond `maxPages`, and every page
 * remembers the generation (the state of the list) it was read in, so a
 * refresh can keep showing old rows until the new ones arrive.
 */
export class SparsePages<T> {
  /** Bumped when the list may have changed: cached pages become stale. */
  generation = 0;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  private readonly pages = new Map<number, { rows: T[]; generation: number }>();
  private readonly requested = new Map<number, number>();

  constructor(
    readonly pageSize: number,
    readonly maxPages: number,
  ) {}

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  /** The row at an absolute index, stale or not; null when its page is not held. */
  rowAt(index: number): T | null {
    return this.pages.get(this.pageOf(index))?.rows[index % this.pageSize] ?? null;
  }

  /** Pages held, in any generation. */
  heldPages(): number[] {
    return [...this.pages.keys()];
  }

  /**
   * The pages covering rows [start, end] (inclusive, clamped to `total`) that
   * are missing or stale and not already requested in this generation.
   */
  wanted(start: number, end: number, total: number): number[] {
    if (total <= 0) return [];
    const first = this.pageOf(Math.max(0, start));
    const last = this.pageOf(Math.min(total - 1, Math.max(0, end)));
    const pages: number[] = [];
    for (let page = first; page <= last; page++) {
      const held = this.pages.get(page);
      if (held?.generation === this.generation) {
        this.touch(page);
        continue;
      }
      if (this.requested.get(page) === this.generation) continue;
      pages.push(page);
    }
    return pages;
  }

  /** Note that a page was asked for in the current generation; returns that generation. */
  request(page: number): number {
    this.requested.set(page, this.generation);
    return this.generation;
  }

  /**
   * Store a page read in `generation`. An answer from an older generation is
   * dropped (false). Returns the pages evicted to stay within `maxPages`.
   */
  put(
    page: number,
    rows: T[],
    generation: number,
    keep: ReadonlySet<number> = new Set(),
  ): { stored: boolean; evicted: number[] } {
    if (this.requested.get(page) === generation) this.requested.delete(page);
    if (generation !== this.generation) return { stored: false, evicted: [] };
    this.pages.delete(page);
    this.pages.set(page, { rows, generation });
    const evicted: number[] = [];
    for (const candidate of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      if (candidate === page || keep.has(candidate)) continue;
      this.pages.delete(candidate);
      evicted.push(candidate);
    }
    return { stored: true, evicted };
  }

  /** A request failed: let the page be asked for again. */
  forget(page: number, generation: number): void {
    if (this.requested.get(page) === generation) this.requested.delete(page);
  }

  /** The list changed: keep `keep` (shown while they reload), drop the rest. Returns the dropped pages. */
  invalidate(keep: ReadonlySet<number>): number[] {
    this.generation++;
    this.requested.clear();
    const dropped = [...this.pages.keys()].filter((page) => !keep.has(page));
    for (const page of dropped) this.pages.delete(page);
    return dropped;
  }

  /** A different list (other filters): nothing held is of use. */
  clear(): void {
    this.generation++;
    this.requested.clear();
    this.pages.clear();
  }

  private touch(page: number): void {
    const held = this.pages.get(page);
    if (!held) return;
    this.pages.delete(page);
    this.pages.set(page, held);
  }
}

/** The pages a row range touches, for callers that need to know what is on screen. */
export function pagesInRange(start: number, end: number, pageSize: number): Set<number> {
  const pages = new Set<number>();
  if (end < start) return pages;
  for (let page = Math.floor(Math.max(0, start) / pageSize); page <= Math.floor(Math.max(0, end) / pageSize); page++) {
    pages.add(page);
  }
  return pages;
}
