/**
 * The Electron main process: lifecycle, the one window, the app menu, and the
 * security wiring (ARCHITECTURE.md rule 6). Everything that can be a pure
 * function lives in window.ts / protocol.ts / menu.ts / ipc.ts and is tested
 * there; this file only connects them to Electron.
 *
 * Bundled to `dist-electron/main.js` (ESM). Paths, relative to that bundle:
 *   preload   dist-electron/preload.cjs
 *   renderer  renderer/dist/            (served as app://command-room/)
 *   room server dist-electron/room-server.js (webhost/room-server-process.ts, run by utilityProcess.fork)
 *   migrations dist-electron/migrations/ (found by the core via import.meta.url)
 *   database  <userData>/command-room.db
 *
 * Two modes. As the room server (the default) the core and the server for
 * the desks run in a utility process that room-server/supervisor.ts restarts
 * after a crash; the window reaches it through the same IPC binding. As a desk
 * (<userData>/desk.json, written by enrolling with --enroll=<address>
 * --code=<code>) there is no database here: the window's calls go over WSS to
 * the pinned room server (desk/remote-core.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import { printPdfWithElectron } from './pdf';
import { AppError } from '../common/errors';
import { BackupInfo } from '../common/contract/backups';
import { DATABASE_FILE } from '../core/app';
import { restoreBackupFiles } from '../core/backups/store';
import { externalLinkFromWindowOpen } from './external-links';
import { damagedDatabaseDialog } from './startup-dialog';
import { bindContractIpc, type ConnectionFactory, type ContractIpc } from './ipc';
import { decideEnrollment, parseDeskConfig, parseServerAddress, type DeskConfig } from './desk/enrollment';
import { deskLocale, deskText } from './desk/messages';
import { redeemEnrollment, remoteCore } from './desk/remote-core';
import { refusalText } from './desk/enrollment';
import { windowTitle, type RoomServerState } from './room-server/restart-policy';
import { RoomServerSupervisor, type ChildLike } from './room-server/supervisor';
import { appMenuTemplate } from './menu';
import { isPermissionAllowed } from './notifications';
import { APP_SCHEME_PRIVILEGES, contentTypeFor, rendererSource, resolveRendererFile } from './protocol';
import { APP_ENTRY_URL, APP_SCHEME, APP_TITLE, SECURITY_HEADERS, isAllowedNavigation, mainWindowOptions } from './window';

const BUNDLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(BUNDLE_DIR, 'preload.cjs');
const RENDERER_DIR = path.resolve(BUNDLE_DIR, '..', 'renderer', 'dist');
const ICON_PATH = path.resolve(BUNDLE_DIR, '..', 'build', 'icon.png');
const ROOM_SERVER_ENTRY = path.join(BUNDLE_DIR, 'room-server.js');
const DESK_FILE = 'desk.json';

/** What the window's calls reach: the room server's utility process, or the pinned room server over WSS. */
let core: ConnectionFactory | null = null;
let supervisor: RoomServerSupervisor | null = null;
let contractIpc: ContractIpc | null = null;
let mainWindow: BrowserWindow | null = null;

// ── Before `ready` (synchronous top-level code of the entry module) ─────────
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database: hand over to it (it focuses its window).
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (core && !mainWindow) createMainWindow();
  });
  app.on('will-quit', () => shutdown());
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => fail('程序启动失败', error));
}

function onReady(): void {
  if (process.platform === 'win32') app.setAppUserModelId('cn.gov.township.commandroom');
  secureSession();
  serveRenderer();

  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    fail('界面文件缺失', new Error(`找不到 ${path.join(RENDERER_DIR, 'index.html')}。请先运行 npm run build。`));
    return;
  }

  const dataDir = app.getPath('userData');
  const enroll = switchValue('enroll');
  if (enroll !== null) {
    void enrollDesk(dataDir, enroll, switchValue('code') ?? '');
    return;
  }
  const desk = readDeskConfig(dataDir);
  if (desk) startDesk(desk);
  else void startRoomServer(dataDir);
}

function switchValue(name: string): string | null {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  if (arg) return arg.slice(prefix.length);
  return app.commandLine.hasSwitch(name) ? app.commandLine.getSwitchValue(name) : null;
}

const locale = () => deskLocale(typeof app.getLocale === 'function' ? app.getLocale() : 'zh-CN');

function openWindowOn(factory: ConnectionFactory): void {
  core = factory;
  contractIpc = bindContractIpc(ipcMain, factory);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, onAbout: showAbout })),
  );
  createMainWindow();
}

/** The utility process as the supervisor's child. */
function spawnRoomServer(): ChildLike {
  const child = utilityProcess.fork(ROOM_SERVER_ENTRY, [], {
    serviceName: 'Command Room server',
    stdio: 'inherit',
    env: { ...process.env, COMMAND_ROOM_ROOM_SERVER: '1' },
  });
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}

/** The room server: core + server for the desks in the utility process; host and port from the command line or environment. */
async function startRoomServer(dataDir: string): Promise<void> {
  const port = Number(switchValue('port') ?? process.env.COMMAND_ROOM_PORT ?? '5180');
  supervisor = new RoomServerSupervisor({
    spawn: spawnRoomServer,
    start: {
      dataDir,
      host: switchValue('host') ?? process.env.COMMAND_ROOM_HOST ?? '127.0.0.1',
      port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 5180,
      seedDemo: wantsDemo(),
      staticDir: RENDERER_DIR,
      printInMain: true,
    },
    printPdf: printPdfWithElectron,
  });
  supervisor.onState((state) => showServerState(state));
  const outcome = await supervisor.start();
  if (outcome.type === 'fatal') {
    if (outcome.code === 'DB_DAMAGED') {
      const backup = BackupInfo.safeParse(outcome.newestBackup ?? null);
      if (offerRestore(dataDir, outcome.problem ?? outcome.message, backup.success ? backup.data : null)) return;
    } else showStartupError({ code: outcome.code, message: outcome.message }, path.join(dataDir, DATABASE_FILE));
    app.exit(1);
    return;
  }
  openWindowOn(supervisor);
}

function showServerState(state: RoomServerState): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setTitle(windowTitle(APP_TITLE, state));
  if (state.kind === 'failed' && mainWindow) {
    dialog.showErrorBox(
      '指挥室服务已停止',
      `服务多次意外停止，已不再自动重启。请将本提示截图并联系技术支持。\n\n详情 / Details: ${state.reason}`,
    );
  }
}

function readDeskConfig(dataDir: string): DeskConfig | null {
  const file = path.join(dataDir, DESK_FILE);
  return existsSync(file) ? parseDeskConfig(readFileSync(file, 'utf8')) : null;
}

/** A desk: no database here; every window's calls go to the pinned room server. */
function startDesk(desk: DeskConfig): void {
  let told = false;
  openWindowOn(
    remoteCore(desk, {
      onRefused: (decision) => {
        if (told) return;
        told = true;
        const text = refusalText(locale(), decision);
        dialog.showErrorBox(text.title, text.message);
      },
      onLink: (up) => mainWindow?.setTitle(up ? APP_TITLE : `${APP_TITLE} — 与指挥室服务器的连接已断开，正在重连…`),
    }),
  );
}

/** `--enroll=<address> --code=<code>`: redeem the code, keep the pin, then run as a desk. Also the admin's way to re-enroll. */
async function enrollDesk(dataDir: string, address: string, code: string): Promise<void> {
  const where = parseServerAddress(address);
  if (!where.ok) {
    dialog.showErrorBox(deskText(locale(), 'notEnrolledTitle'), deskText(locale(), where.reason, { address }));
    app.exit(2);
    return;
  }
  try {
    const deskName = hostname();
    const { observedPin, result } = await redeemEnrollment(where.url, code, deskName);
    if (!result.ok) {
      dialog.showErrorBox(deskText(locale(), 'notEnrolledTitle'), `${result.error.message} [${result.error.code}]`);
      app.exit(2);
      return;
    }
    const decision = decideEnrollment({
      serverUrl: where.url,
      code,
      deskName,
      observedPin: observedPin ?? '',
      grant: result.value,
      now: Date.now(),
    });
    if (!decision.accept) {
      dialog.showErrorBox(deskText(locale(), 'notEnrolledTitle'), deskText(locale(), decision.reason));
      app.exit(2);
      return;
    }
    writeFileSync(path.join(dataDir, DESK_FILE), JSON.stringify(decision.config, null, 2), { mode: 0o600 });
    dialog.showMessageBoxSync({
      type: 'info',
      title: deskText(locale(), 'enrolledTitle'),
      message: deskText(locale(), 'enrolledTitle'),
      detail: deskText(locale(), 'enrolled', {
        township: decision.config.townshipName,
        url: decision.config.serverUrl,
        fingerprint: decision.config.fingerprint,
      }),
      buttons: ['确定'],
    });
    startDesk(decision.config);
  } catch (error) {
    dialog.showErrorBox(
      deskText(locale(), 'unreachableTitle'),
      deskText(locale(), 'unreachable', { url: where.url, detail: errorMessage(error) }),
    );
    app.exit(2);
  }
}

/** `--demo`: an empty data folder gets the demo township; otherwise the window opens the setup page. */
function wantsDemo(): boolean {
  return app.commandLine.hasSwitch('demo') || process.argv.includes('--demo');
}

function createMainWindow(): BrowserWindow {
  // The scanner cannot see through mainWindowOptions(): sandbox, context isolation and Auxclick are set
  // by secureWebPreferences() in window.ts and asserted by window.test.ts.
  // prettier-ignore
  const window = new BrowserWindow( /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
    mainWindowOptions({
      preloadPath: PRELOAD_PATH,
      iconPath: process.platform !== 'darwin' && existsSync(ICON_PATH) ? ICON_PATH : undefined,
      devTools: !app.isPackaged,
    }),
  );
  mainWindow = window;
  contractIpc?.attach(window.webContents);
  window.once('ready-to-show', () => {
    window.maximize();
    window.show();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error('[main] renderer process gone:', details.reason, details.exitCode);
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[main] failed to load the renderer:', error));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) {
    if (core) createMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  if (!mainWindow.isVisible()) mainWindow.show();
  mainWindow.focus();
}

// ── Security ────────────────────────────────────────────────────────────────

/** Only ever called with a URL that passed externalLinkFromWindowOpen (http/https, clicked). */
function openExternally(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.warn('[main] could not open a link:', error)); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/** Every web contents (windows, and anything a page might try to create). */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler((details) => {
    // Only an http(s) link the user clicked goes to the system browser; nothing opens inside the app.
    const url = externalLinkFromWindowOpen(details);
    if (url) openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function secureSession(): void {
  const ses = session.defaultSession;
  // Desktop notifications (alarms) are the one exception; see notifications.ts.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_contents, permission, origin) => isPermissionAllowed(permission, origin));
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // The renderer never talks to the network (the CSP says so too); only the
  // main process does, through Node, which this does not affect.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

/**
 * Serve `renderer/dist` as `app://command-room/`. Electron 45's declarative
 * `protocol.registerSource` streams the files without touching the main
 * thread (which may be busy with a database call) and confines paths to the
 * folder; `protocol.handle` with our own guarded resolver is the fallback.
 * Both send the CSP and the other security headers with every file.
 */
function serveRenderer(): void {
  if (typeof protocol.registerSource === 'function') {
    try {
      protocol.registerSource(APP_SCHEME, rendererSource(RENDERER_DIR));
      return;
    } catch (error) {
      console.warn('[main] protocol.registerSource failed, using protocol.handle:', error);
    }
  }
  protocol.handle(APP_SCHEME, serveRendererRequest);
}

async function serveRendererRequest(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: SECURITY_HEADERS });
  }
  const file = resolveRendererFile(RENDERER_DIR, request.url);
  if (file) {
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' },
      });
    } catch {
      // missing file or a directory: 404 below
    }
  }
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

// ── Errors, about, shutdown ─────────────────────────────────────────────────

function errorCode(error: unknown): string | undefined {
  if (error instanceof AppError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A native dialog before any window exists; the database is left untouched. */
function showStartupError(error: unknown, dbPath: string): void {
  const code = errorCode(error);
  const detail = errorMessage(error);
  console.error('[main] startup failed:', error);
  if (code === 'DB_TOO_NEW') {
    dialog.showErrorBox(
      '无法打开数据库：版本过高',
      `数据库版本高于本程序，它已被更新版本的“${APP_TITLE}”使用过。请升级程序后再打开。本程序没有修改该数据库。\n\n` +
        `数据库位置：${dbPath}\n\n` +
        `The database was written by a newer version of this program. Please upgrade; the database was not changed.\n\n` +
        `详情 / Details: ${detail}`,
    );
  } else if (code === 'MIGRATION_FAILED') {
    dialog.showErrorBox(
      '数据库升级失败',
      `数据库结构升级未能完成，升级已整体撤销，原有数据保持不变。请将本提示截图并联系技术支持。\n\n` +
        `数据库位置：${dbPath}\n\n` +
        `Upgrading the database failed and was rolled back; your data is unchanged. Please contact support.\n\n` +
        `详情 / Details: ${detail}`,
    );
  } else {
    dialog.showErrorBox(
      '程序启动失败',
      `程序启动时出错，请联系技术支持。\n\n数据库位置：${dbPath}\n\nThe program failed to start.\n\n详情 / Details: ${detail}`,
    );
  }
}

/** After a restore (or to recover from a damaged database): start afresh on the swapped files. */
function relaunch(): void {
  app.relaunch();
  app.exit(0);
}

/** A damaged database: never written to; offer the newest good backup, restore it and relaunch. */
function offerRestore(dataDir: string, problem: string, backup: Parameters<typeof damagedDatabaseDialog>[2]): boolean {
  const dbPath = path.join(dataDir, DATABASE_FILE);
  console.error('[main] the database is damaged:', problem);
  const text = damagedDatabaseDialog(dbPath, problem, backup);
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    title: text.title,
    message: text.title,
    detail: text.message,
    buttons: text.buttons,
    defaultId: 0,
    cancelId: text.buttons.length - 1,
    noLink: true,
  });
  if (text.backup === null || choice !== text.restoreIndex) return false;
  try {
    restoreBackupFiles(dataDir, dbPath, text.backup, Date.now());
  } catch (error) {
    dialog.showErrorBox('恢复失败', `未能从备份恢复，数据未作改动。\n\n详情 / Details: ${errorMessage(error)}`);
    return false;
  }
  relaunch();
  return true;
}

function fail(title: string, error: unknown): void {
  console.error(`[main] ${title}:`, error);
  dialog.showErrorBox(title, errorMessage(error));
  app.exit(1);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: '关于',
    message: APP_TITLE,
    detail: `版本 ${app.getVersion()}\nElectron ${process.versions.electron ?? ''} · Chromium ${process.versions.chrome ?? ''} · Node ${process.versions.node}`,
    buttons: ['确定'],
  };
  const promise = mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  promise.catch(() => undefined);
}

let shutDown = false;
/** The window's calls stop first; the room server then closes its database cleanly (or is killed after a grace period). */
function shutdown(): void {
  if (shutDown) return;
  shutDown = true;
  contractIpc?.dispose();
  contractIpc = null;
  core = null;
  const stopping = supervisor;
  supervisor = null;
  void stopping?.stop().catch((error: unknown) => console.error('[main] stopping the room server failed:', error));
}

/** Quitting waits for the room server to close its database: will-quit alone would leave it to be killed. */
let serverStopped = false;
app.on('before-quit', (event) => {
  if (serverStopped || !supervisor) return;
  event.preventDefault();
  const stopping = supervisor;
  void stopping
    .stop()
    .catch(() => undefined)
    .finally(() => {
      serverStopped = true;
      app.quit();
    });
});
