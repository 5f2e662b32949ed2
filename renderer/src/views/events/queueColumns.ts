/** A column as the queue table declares it: fixed widths, the title column grows. */
export interface FitColumn {
  key: string;
  width: number;
  flexGrow?: number;
}

/** Dropped first when the table is narrower than its columns (a tablet, a half-screen window). */
export const DROP_ORDER = ['risk', 'category', 'source', 'place', 'priority'];
/** The title column's least width once the others are dropped; below it titles become unreadable. */
const MIN_TITLE = 160;

/**
 * The columns that fit `width` without a horizontal scrollbar: the title
 * column shrinks to its minimum first, then the least needed columns go,
 * in DROP_ORDER. Serial, title, state, unit, deadline and warning always stay.
 */
export function fitColumns<C extends FitColumn>(columns: readonly C[], width: number, dropOrder = DROP_ORDER): C[] {
  const sum = (list: readonly C[]) => list.reduce((total, column) => total + column.width, 0);
  if (width <= 0 || sum(columns) <= width) return [...columns];
  let fitted = columns.map((column) => (column.flexGrow ? { ...column, width: Math.min(column.width, MIN_TITLE) } : column));
  for (const key of dropOrder) {
    if (sum(fitted) <= width) break;
    fitted = fitted.filter((column) => column.key !== key);
  }
  return fitted;
}
