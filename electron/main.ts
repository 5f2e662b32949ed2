/**
 * The Electron main process: lifecycle, the one window, the app menu, and the
 * security wiring (ARCHITECTURE.md rule 6). Everything that can be a pure
 * function lives in window.ts / protocol.ts / menu.ts / ipc.ts and is tested
 * there; this file only connects them to Electron.
 *
 * Bundled to `dist-electron/main.js` (ESM). Paths, relative to that bundle:
 *   preload   dist-electron/preload.cjs
 *   renderer  renderer/dist/            (served as app://command-room/)
 *   migrations dist-electron/migrations/ (found by the core via import.meta.url)
 *   database  <userData>/command-room.db
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, type WebContents } from 'electron';
import { printPdfWithElectron } from './pdf';
import { AppError } from '../common/errors';
import { DATABASE_FILE, startCore, type CoreApp } from '../core/app';
import { restoreBackupFiles } from '../core/backups/store';
import { countyFromEnv } from '../core/sync/env';
import { externalLinkFromWindowOpen } from './external-links';
import { damagedDatabaseDialog, isDamagedDatabase } from './startup-dialog';
import { bindContractIpc, type ContractIpc } from './ipc';
import { appMenuTemplate } from './menu';
import { isPermissionAllowed } from './notifications';
import { safeStorageTokenStore } from './token-store';
import { APP_SCHEME_PRIVILEGES, contentTypeFor, rendererSource, resolveRendererFile } from './protocol';
import { APP_ENTRY_URL, APP_SCHEME, APP_TITLE, SECURITY_HEADERS, isAllowedNavigation, mainWindowOptions } from './window';

const BUNDLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = path.join(BUNDLE_DIR, 'preload.cjs');
const RENDERER_DIR = path.resolve(BUNDLE_DIR, '..', 'renderer', 'dist');
const ICON_PATH = path.resolve(BUNDLE_DIR, '..', 'build', 'icon.png');

let core: CoreApp | null = null;
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
  try {
    core = startCore({
      dataDir,
      seedDemo: wantsDemo(),
      onRestart: relaunch,
      printPdf: printPdfWithElectron,
      sync: {
        county: countyFromEnv(process.env),
        tokenStore: safeStorageTokenStore(dataDir, safeStorage),
        demoCounty: true,
      },
    });
  } catch (error) {
    if (isDamagedDatabase(error)) {
      if (offerRestore(dataDir, error.problem, error.newestBackup)) return;
    } else showStartupError(error, path.join(dataDir, DATABASE_FILE));
    app.exit(1);
    return;
  }

  contractIpc = bindContractIpc(ipcMain, core);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, onAbout: showAbout })),
  );
  createMainWindow();
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
function shutdown(): void {
  if (shutDown) return;
  shutDown = true;
  contractIpc?.dispose();
  contractIpc = null;
  try {
    core?.close();
  } catch (error) {
    console.error('[main] closing the core failed:', error);
  }
  core = null;
}
