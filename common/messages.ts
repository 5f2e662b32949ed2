/**
 * Status texts the core produces outside a call (a sync link that fails, a
 * backup that fails) travel as a stable code plus parameters, never as a
 * sentence: the renderer words them in the user's language (vue-i18n keys
 * `coreMessages.<CODE>`). They fit the existing string fields (`lastError`)
 * as `CODE {"param":…}`, so stored values and older readers keep working.
 */
export const MESSAGE_CODES = [
  /** The county center did not answer (network down, wrong address): `reason` is the transport's word. */
  'SYNC_UNREACHABLE',
  /** The county refused the township's token. */
  'AUTH_FAILED',
  /** The county speaks a protocol revision this app does not. */
  'PROTOCOL_UNSUPPORTED',
  /** A sync round failed after connecting: `reason`. */
  'SYNC_FAILED',
  /** `count` messages from the county could not be read and were skipped. */
  'SYNC_GARBAGE',
  /** Backup `name` was written but failed its check: `problem`. */
  'BACKUP_VERIFY_FAILED',
  /** The backup could not be written: `reason`. */
  'BACKUP_FAILED',
] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];
export type MessageParams = Record<string, string | number>;
export interface CoreMessage {
  code: MessageCode | 'TEXT';
  params: MessageParams;
}

export function encodeMessage(code: MessageCode, params: MessageParams = {}): string {
  return Object.keys(params).length ? `${code} ${JSON.stringify(params)}` : code;
}

/** A stored status text as code and parameters; a text from before codes comes back as `TEXT` with the text itself. */
export function decodeMessage(text: string): CoreMessage {
  const match = /^([A-Z_]+)(?: (\{[\s\S]*\}))?$/.exec(text);
  const code = match?.[1] as MessageCode | undefined;
  if (match && code && (MESSAGE_CODES as readonly string[]).includes(code)) {
    try {
      const params: unknown = match[2] ? JSON.parse(match[2]) : {};
      if (params && typeof params === 'object' && !Array.isArray(params)) return { code, params: params as MessageParams };
    } catch {
      // not ours after all: shown as it is
    }
  }
  return { code: 'TEXT', params: { text } };
}
