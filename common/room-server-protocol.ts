import { z } from 'zod';

/**
 * Messages between the Electron main process and the room server running in
 * its `utilityProcess` (webhost/room-server-process.ts). The main process
 * keeps to windows, menus and the bridge; the core and the server for the
 * desks live in the child, so a busy core never freezes the window and a crash
 * of the server is seen (the child exits) and answered with a restart.
 *
 * Every message is checked on arrival on both sides: a malformed one is
 * dropped and reported, never acted on.
 */
const ConnectionId = z.number().int().nonnegative();
const Json = z.unknown();

export const RoomServerStartOptions = z.strictObject({
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  seedDemo: z.boolean(),
  /** 'on' forces HTTPS on loopback too (tests). */
  tls: z.enum(['auto', 'on']).optional(),
  staticDir: z.string().optional(),
  demoEvents: z.number().int().nonnegative().optional(),
  pdf: z.boolean().optional(),
  /** Print through the main process (Electron's printToPDF) instead of the machine's Chromium. */
  printInMain: z.boolean().optional(),
});
export type RoomServerStartOptions = z.infer<typeof RoomServerStartOptions>;

/** Main → room server. */
export const ToRoomServer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start'), options: RoomServerStartOptions }),
  z.strictObject({ type: z.literal('connect'), connection: ConnectionId }),
  z.strictObject({
    type: z.literal('call'),
    connection: ConnectionId,
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(200),
    input: Json,
  }),
  z.strictObject({ type: z.literal('disconnect'), connection: ConnectionId }),
  /** The answer to a `print`: the PDF in base64, or why there is none. */
  z.strictObject({
    type: z.literal('printed'),
    id: z.number().int().nonnegative(),
    pdf: z.string().optional(),
    error: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type ToRoomServer = z.infer<typeof ToRoomServer>;

const ResultShape = z.union([
  z.strictObject({ ok: z.literal(true), value: Json }),
  z.strictObject({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  }),
]);

/** Room server → main. */
export const FromRoomServer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ready'),
    url: z.string(),
    /** The certificate desks pin (null on loopback HTTP). */
    spkiPin: z.string().nullable(),
    fingerprint: z.string().nullable(),
    setupCode: z.string().nullable(),
  }),
  z.strictObject({ type: z.literal('reply'), connection: ConnectionId, id: z.number().int(), result: ResultShape }),
  z.strictObject({ type: z.literal('push'), connection: ConnectionId, topic: z.string(), payload: Json }),
  /** The core could not start (a damaged or too new database): not worth restarting. */
  z.strictObject({
    type: z.literal('fatal'),
    code: z.string(),
    message: z.string(),
    /** With DB_DAMAGED: what is wrong, and the newest good backup (a BackupInfo) the window may offer. */
    problem: z.string().optional(),
    newestBackup: Json.optional(),
  }),
  /** Electron prints PDFs in the main process (a hidden window): the core asks for one. */
  z.strictObject({
    type: z.literal('print'),
    id: z.number().int().nonnegative(),
    html: z.string(),
    landscape: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('stopped') }),
]);
export type FromRoomServer = z.infer<typeof FromRoomServer>;

export function parseToRoomServer(data: unknown): ToRoomServer | null {
  const parsed = ToRoomServer.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export function parseFromRoomServer(data: unknown): FromRoomServer | null {
  const parsed = FromRoomServer.safeParse(data);
  return parsed.success ? parsed.data : null;
}
