/**
 * PROTOCOL.md "Limits": one change is at most 64 KiB of JSON with `data`
 * nested at most 16 levels deep; strings in records: titles ≤ 200
 * characters, addresses ≤ 1,000, any other text ≤ 20,000.
 *
 * Everything here walks values without recursion, so a hostile or broken
 * peer's 100,000-level-deep value can be measured (and refused) without ever
 * overflowing the stack, and before anything is stringified.
 */
export const MAX_CHANGE_BYTES = 64 * 1024;
export const MAX_DATA_DEPTH = 16;
export const MAX_TITLE_CHARS = 200;
export const MAX_ADDRESS_CHARS = 1000;
export const MAX_TEXT_CHARS = 20_000;

export interface JsonMeasure {
  /** Deepest nesting of objects and arrays (a scalar is 0, `{}` is 1); stops counting past `maxDepth`. */
  depth: number;
  /** UTF-8 bytes of `JSON.stringify(value)`; stops counting past `maxBytes`. */
  bytes: number;
  /** True when the walk stopped early because a limit was passed. */
  over: boolean;
  /** The longest string met (keys excluded), for the text limits. */
  longestString: number;
}

/**
 * Depth and JSON size of a value as it came off the wire (plain objects,
 * arrays, strings, finite numbers, booleans, null). Iterative; stops as soon
 * as `maxDepth` or `maxBytes` is passed.
 */
export function measureJson(value: unknown, maxDepth = Number.MAX_SAFE_INTEGER, maxBytes = Number.MAX_SAFE_INTEGER): JsonMeasure {
  const m: JsonMeasure = { depth: 0, bytes: 0, over: false, longestString: 0 };
  // Two parallel stacks instead of an object per value: this runs for every message pulled.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const d = depths.pop()!;
    if (v === null || v === undefined) m.bytes += 4;
    else if (typeof v === 'string') {
      m.bytes += jsonStringBytes(v);
      if (v.length > m.longestString) m.longestString = v.length;
    } else if (typeof v === 'number') m.bytes += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === 'boolean') m.bytes += v ? 4 : 5;
    else if (typeof v === 'object') {
      const depth = d + 1;
      if (depth > m.depth) m.depth = depth;
      if (depth > maxDepth) {
        m.over = true;
        return m;
      }
      if (Array.isArray(v)) {
        m.bytes += 2 + Math.max(0, v.length - 1);
        for (let i = v.length - 1; i >= 0; i--) {
          values.push(v[i]);
          depths.push(depth);
        }
      } else {
        let entries = 0;
        const o = v as Record<string, unknown>;
        for (const k in o) {
          const x = o[k];
          if (x === undefined || !Object.prototype.hasOwnProperty.call(o, k)) continue;
          entries++;
          m.bytes += jsonStringBytes(k) + 1;
          values.push(x);
          depths.push(depth);
        }
        m.bytes += 2 + Math.max(0, entries - 1);
      }
    } else m.bytes += 4; // functions, symbols, bigint: never on the wire
    if (m.bytes > maxBytes) {
      m.over = true;
      return m;
    }
  }
  return m;
}

/** UTF-8 bytes of a string as JSON (quotes and escapes included), without building it. */
function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c < 0xe000)
      n += 6; // a lone surrogate is escaped as \uXXXX
    else n += 3;
  }
  return n;
}

export type LimitProblem = { ok: true } | { ok: false; message: string };

/**
 * The per-change limits: `data` at most 16 levels deep, the whole change at
 * most 64 KiB of JSON, and no string in `data` beyond the longest text a
 * record may hold (the field-specific limits are in the record schemas).
 */
export function checkChangeLimits(change: unknown): LimitProblem {
  const data = (change as { data?: unknown } | null)?.data;
  if (data !== undefined && data !== null && typeof data === 'object') {
    const inner = measureJson(data, MAX_DATA_DEPTH);
    if (inner.depth > MAX_DATA_DEPTH) return { ok: false, message: `data is nested more than ${MAX_DATA_DEPTH} levels deep` };
    if (inner.longestString > MAX_TEXT_CHARS)
      return { ok: false, message: `data holds a text of more than ${MAX_TEXT_CHARS} characters` };
  }
  const whole = measureJson(change, MAX_DATA_DEPTH + 2, MAX_CHANGE_BYTES);
  if (whole.bytes > MAX_CHANGE_BYTES)
    return { ok: false, message: `the change is larger than ${MAX_CHANGE_BYTES / 1024} KiB of JSON` };
  if (whole.over) return { ok: false, message: `the change is nested more than ${MAX_DATA_DEPTH} levels deep` };
  return { ok: true };
}

/**
 * What the township takes from the county in one message. PROTOCOL.md bounds
 * changes, not messages; reference data may carry many items, so the size
 * bound is wider than a change's, the depth the same as a record's.
 */
export const MAX_MESSAGE_DEPTH = MAX_DATA_DEPTH;
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Why a message from the county is refused before anything reads or stringifies it, or null. */
export function messageLimitProblem(message: unknown): string | null {
  const data = (message as { data?: unknown } | null)?.data;
  const m = measureJson(data, MAX_MESSAGE_DEPTH, MAX_MESSAGE_BYTES);
  if (m.depth > MAX_MESSAGE_DEPTH) return `TOO_DEEP: data is nested more than ${MAX_MESSAGE_DEPTH} levels deep`;
  if (m.bytes > MAX_MESSAGE_BYTES) return `TOO_LARGE: data is larger than ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB of JSON`;
  return null;
}
