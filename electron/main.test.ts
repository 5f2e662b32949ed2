/**
 * Runs the real main process module (electron/main.ts, with the real core on a
 * real SQLite file) against a recording stand-in for the `electron` module, so
 * the lifecycle and security wiring is checked without the Electron binary.
 * The room server's utility process is a real Node child running the same
 * bundle Electron runs (dist-electron/room-server.js, built from
 * webhost/room-server-process.ts for this run) over Node's IPC channel.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type PathLike } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions, ProtocolSource } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../common/errors';
import { IPC_CALL_CHANNEL } from '../common/wire';
import { startCore } from '../core/app';
import { DEMO_PASSWORD } from '../core/demo/demo-township';
import { forkRoomServer } from './room-server/fork-child';
import { BUNDLED_ROOM_SERVER } from './testing/room-server-bundle';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, secureWebPreferences } from './window';

type Fn = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame = { url: APP_ENTRY_URL, processId: 3, routingId: this.id, parent: null };
  windowOpenHandler: Fn | null = null;
  destroyed = false;
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: Fn): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

function createFakeElectron(userData: string) {
  const log: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    lock: true,
    switches: [] as string[],
    exitCode: null as number | null,
    quitCalled: false,
    isPackaged: false,
    requestSingleInstanceLock: () => {
      log.push('requestSingleInstanceLock');
      return app.lock;
    },
    quit: () => {
      app.quitCalled = true;
    },
    exit: (code: number) => {
      app.exitCode ??= code;
    },
    relaunched: 0,
    relaunch: () => {
      app.relaunched += 1;
    },
    whenReady: () => {
      log.push('whenReady');
      return Promise.resolve();
    },
    enableSandbox: () => log.push('enableSandbox'),
    setAppUserModelId: () => {},
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
      return userData;
    },
    getVersion: () => '0.1.0',
    commandLine: { hasSwitch: (name: string) => app.switches.includes(name), getSwitchValue: () => '' },
    getLocale: () => 'zh-CN',
  });

  // The room server's utility process: a real Node child running the bundle Electron runs (dist-electron/room-server.js).
  const children: (ReturnType<typeof forkRoomServer> & { exited: Promise<void> })[] = [];
  const utilityProcess = {
    forked: [] as { modulePath: string; options: { serviceName?: string } }[],
    fork(modulePath: string, _args: string[], options: { serviceName?: string }) {
      utilityProcess.forked.push({ modulePath, options });
      const forked = forkRoomServer(BUNDLED_ROOM_SERVER);
      // Noted from the start: a child that ended before the test waits for it (a refused start) has ended.
      const child = Object.assign(forked, { exited: new Promise<void>((resolve) => forked.onExit(() => resolve())) });
      children.push(child);
      const emitter = new EventEmitter();
      child.onMessage((data) => emitter.emit('message', data));
      child.onExit((code) => emitter.emit('exit', code));
      return Object.assign(emitter, { postMessage: (m: never) => child.post(m), kill: () => child.kill(), pid: child.pid });
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    sources: new Map<string, ProtocolSource>(),
    handlers: new Map<string, Fn>(),
    withRegisterSource: true,
    registerSchemesAsPrivileged(schemes: unknown[]) {
      log.push('registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: Fn) {
      protocol.handlers.set(scheme, handler);
    },
    registerSource: undefined as undefined | ((scheme: string, source: ProtocolSource) => void),
  };
  protocol.registerSource = (scheme, source) => {
    protocol.sources.set(scheme, source);
  };

  const defaultSession = {
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    devicePermission: null as Fn | null,
    beforeRequest: null as { filter: { urls: string[] }; listener: Fn } | null,
    setPermissionRequestHandler: (handler: Fn) => (defaultSession.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Fn) => (defaultSession.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Fn) => (defaultSession.devicePermission = handler),
    setSpellCheckerEnabled: () => {},
    webRequest: {
      onBeforeRequest: (filter: { urls: string[] }, listener: Fn) => (defaultSession.beforeRequest = { filter, listener }),
    },
  };

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loaded: string[] = [];
    focused = 0;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    maximize() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    title = '';
    setTitle(title: string) {
      this.title = title;
    }
    isDestroyed() {
      return false;
    }
    isVisible() {
      return true;
    }
    focus() {
      this.focused++;
    }
  }

  const ipcMain = {
    handlers: new Map<string, Fn>(),
    handle: (channel: string, handler: Fn) => ipcMain.handlers.set(channel, handler),
    removeHandler: (channel: string) => ipcMain.handlers.delete(channel),
  };
  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox: (title: string, content: string) => dialog.errors.push({ title, content }),
    showMessageBox: () => Promise.resolve({ response: 0 }),
    boxes: [] as { title?: string; detail?: string; buttons?: string[] }[],
    answer: 0,
    showMessageBoxSync: (options: { title?: string; detail?: string; buttons?: string[] }) => {
      dialog.boxes.push(options);
      return dialog.answer;
    },
  };
  const shell = {
    opened: [] as string[],
    openExternal: (url: string) => {
      shell.opened.push(url);
      return Promise.resolve();
    },
  };
  const Menu = {
    menu: null as unknown,
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => (Menu.menu = menu),
  };

  return {
    log,
    app,
    protocol,
    defaultSession,
    windows,
    ipcMain,
    dialog,
    shell,
    Menu,
    children,
    utilityProcess,
    module: {
      app,
      protocol,
      session: { defaultSession },
      BrowserWindow: FakeBrowserWindow,
      ipcMain,
      dialog,
      shell,
      Menu,
      utilityProcess,
    },
  };
}

type FakeElectron = ReturnType<typeof createFakeElectron>;

const holder = vi.hoisted(() => ({ current: null as unknown as FakeElectron, rendererPresent: true }));

vi.mock('electron', () => {
  const forward = (key: string) =>
    new Proxy(
      {},
      {
        get: (_target, property) => {
          const target = (holder.current.module as unknown as Record<string, Record<PropertyKey, unknown>>)[key]!;
          const value = target[property];
          return typeof value === 'function' ? value.bind(target) : value;
        },
      },
    );
  return {
    app: forward('app'),
    protocol: forward('protocol'),
    session: forward('session'),
    ipcMain: forward('ipcMain'),
    dialog: forward('dialog'),
    shell: forward('shell'),
    Menu: forward('Menu'),
    utilityProcess: forward('utilityProcess'),
    // No OS keychain in tests: the county token store refuses to write in clear.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    BrowserWindow: class {
      constructor(options: BrowserWindowConstructorOptions) {
        return new holder.current.module.BrowserWindow(options);
      }
    },
  };
});

// The built renderer may not exist when unit tests run: pretend its index.html does.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  return {
    ...actual,
    existsSync: (file: PathLike) =>
      String(file).endsWith(path.join('renderer', 'dist', 'index.html')) ? holder.rendererPresent : actual.existsSync(file),
  };
});

/** `PRAGMA user_version`, read from the file header (offset 60) without opening the database. */
function userVersionOf(dbPath: string): number {
  return readFileSync(dbPath).readUInt32BE(60);
}

let userData: string;
let fake: FakeElectron;

/** Imports main.ts and waits until it has settled: a window open on the room server, or it gave up. */
async function startMain(configure: (fake: FakeElectron) => void = () => {}): Promise<void> {
  configure(fake);
  await import('./main');
  const deadline = Date.now() + 90_000;
  while (
    fake.windows.length === 0 &&
    fake.app.exitCode === null &&
    !fake.app.quitCalled &&
    fake.dialog.errors.length === 0 &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Quit as Electron does (before-quit, then will-quit) and wait for the room server's process to end. */
async function quitMain(): Promise<void> {
  fake.app.emit('before-quit', { preventDefault: () => {} });
  fake.app.emit('will-quit');
  await Promise.all(
    fake.children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill();
            resolve();
          }, 10_000);
          void child.exited.then(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
}

function invoke(
  window: { webContents: FakeWebContents },
  method: string,
  input: unknown = {},
  frame?: object,
): Promise<Result<unknown>> {
  const handler = fake.ipcMain.handlers.get(IPC_CALL_CHANNEL);
  if (!handler) throw new Error('no IPC handler');
  return handler({ sender: window.webContents, senderFrame: frame ?? window.webContents.mainFrame }, method, input) as Promise<
    Result<unknown>
  >;
}

beforeEach(() => {
  vi.resetModules();
  userData = mkdtempSync(path.join(tmpdir(), 'command-room-electron-'));
  fake = createFakeElectron(userData);
  holder.current = fake;
  holder.rendererPresent = true;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  // Each test's room server picks a free port.
  process.env.COMMAND_ROOM_PORT = '0';
});

afterEach(async () => {
  await quitMain();
  rmSync(userData, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('electron/main', () => {
  it('registers the privileged scheme and the sandbox before ready, after taking the single-instance lock', async () => {
    await startMain();
    expect(fake.log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.log.indexOf('whenReady'));
    expect(fake.log.indexOf('enableSandbox')).toBeLessThan(fake.log.indexOf('whenReady'));
    expect(fake.log).toContain('requestSingleInstanceLock');
    expect(fake.protocol.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }),
      }),
    ]);
  });

  it('opens one secure window on the app:// entry and the database in userData, owned by the utility process', async () => {
    await startMain();
    expect(fake.windows).toHaveLength(1);
    expect(fake.utilityProcess.forked).toEqual([
      {
        modulePath: expect.stringMatching(/room-server\.js$/),
        options: expect.objectContaining({ serviceName: 'Command Room server' }),
      },
    ]);
    const window = fake.windows[0]!;
    const preload = window.options.webPreferences!.preload!;
    expect(path.basename(preload)).toBe('preload.cjs');
    expect(window.options.webPreferences).toEqual(secureWebPreferences(preload, { devTools: true }));
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    expect(existsSync(path.join(userData, 'command-room.db'))).toBe(true);
    expect(fake.dialog.errors).toEqual([]);
    expect(fake.app.exitCode).toBeNull();
    expect(Array.isArray(fake.Menu.menu)).toBe(true);
  });

  it('serves renderer/dist through the declarative source with the CSP', async () => {
    await startMain();
    const source = fake.protocol.sources.get('app')!;
    expect(source.routes[0]!.source.root).toBe(path.resolve(import.meta.dirname, '..', 'renderer', 'dist'));
    expect(source.routes[0]!.source.headers?.['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(fake.protocol.handlers.size).toBe(0);
  });

  it('falls back to protocol.handle with the guarded resolver when registerSource is missing', async () => {
    await startMain((f) => {
      f.protocol.registerSource = undefined;
    });
    const handler = fake.protocol.handlers.get('app')!;
    expect(handler).toBeTypeOf('function');
    const traversal = (await handler(new Request('app://command-room/..%2f..%2fpackage.json'))) as Response;
    expect(traversal.status).toBe(404);
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const post = (await handler(new Request('app://command-room/index.html', { method: 'POST', body: 'x' }))) as Response;
    expect(post.status).toBe(405);
    const missing = (await handler(new Request('app://command-room/no-such-file.js'))) as Response;
    expect(missing.status).toBe(404);
  });

  it('denies every permission but our own notifications and blocks network requests from pages', async () => {
    await startMain();
    const session = fake.defaultSession;
    const allowed = vi.fn();
    session.permissionRequest!(fake.windows[0]!.webContents, 'notifications', allowed, { requestingUrl: 'app://command-room/' });
    expect(allowed).toHaveBeenCalledWith(true);
    expect(session.permissionCheck!(fake.windows[0]!.webContents, 'notifications', 'https://example.com', {})).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.permissionRequest!(fake.windows[0]!.webContents, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheck!(fake.windows[0]!.webContents, permission, 'app://command-room', {})).toBe(false);
    }
    expect(session.devicePermission!({})).toBe(false);
    expect(session.beforeRequest!.filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    session.beforeRequest!.listener({ url: 'https://example.com/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('blocks window.open, foreign navigation, redirects and <webview>', async () => {
    await startMain();
    const contents = fake.windows[0]!.webContents;
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });

    const attempt = (eventName: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit(eventName, event);
      return event.preventDefault.mock.calls.length > 0;
    };
    for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(attempt(eventName, 'https://example.com/'), eventName).toBe(true);
      expect(attempt(eventName, 'file:///etc/passwd'), eventName).toBe(true);
      expect(attempt(eventName, 'app://command-room.evil/'), eventName).toBe(true);
      expect(attempt(eventName, 'app://command-room/index.html#/x'), eventName).toBe(false);
    }
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('binds the contract: the main frame reaches the real core (demo seeded), a subframe is refused', async () => {
    await startMain((f) => f.app.switches.push('demo'));
    const window = fake.windows[0]!;
    expect(await invoke(window, 'auth.me')).toEqual({ ok: true, value: null });
    const login = await invoke(window, 'auth.login', { username: 'director', password: DEMO_PASSWORD });
    expect(login.ok).toBe(true);
    const sub = await invoke(
      window,
      'auth.me',
      {},
      { url: APP_ENTRY_URL, processId: 3, routingId: 999, parent: window.webContents.mainFrame },
    );
    expect(sub.ok ? null : sub.error.code).toBe('FORBIDDEN');
  });

  it('without --demo an empty folder gets the setup page, which the window may use without the code', async () => {
    await startMain();
    const window = fake.windows[0]!;
    const login = await invoke(window, 'auth.login', { username: 'director', password: DEMO_PASSWORD });
    expect(login.ok).toBe(false);
    const status = await invoke(window, 'setup.status');
    expect(status).toEqual({ ok: true, value: { needed: true, demo: false, codeRequired: false, township: null } });
    const created = await invoke(window, 'setup.create', {
      townshipName: '河口镇',
      townshipCode: 'HK',
      countyName: '南湖区',
      username: 'hkadmin',
      displayName: '周强',
      password: 'river2026x',
      passwordAgain: 'river2026x',
    });
    expect(created).toEqual({ ok: true, value: { username: 'hkadmin' } });
    const again = await invoke(window, 'setup.demo', {});
    expect(again.ok ? null : again.error.code).toBe('FORBIDDEN');
  });

  it('a second instance quits at once and touches nothing', async () => {
    await startMain((f) => {
      f.app.lock = false;
    });
    expect(fake.app.quitCalled).toBe(true);
    expect(fake.log).not.toContain('whenReady');
    expect(fake.windows).toHaveLength(0);
    expect(existsSync(path.join(userData, 'command-room.db'))).toBe(false);
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startMain();
    fake.app.emit('second-instance', {}, [], '/');
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.focused).toBe(1);
  });

  it('refuses a database from a newer version with a Chinese dialog, and quits without a window', async () => {
    const dbPath = path.join(userData, 'command-room.db');
    const newer = startCore({ dataDir: userData, seedDemo: false, log: () => {} });
    newer.db.pragma('user_version = 999');
    newer.close();
    expect(userVersionOf(dbPath)).toBe(999);

    await startMain();
    expect(fake.dialog.errors).toHaveLength(1);
    const [error] = fake.dialog.errors;
    expect(error!.title).toContain('版本');
    expect(error!.content).toContain('数据库版本高于本程序');
    expect(error!.content).toContain('请升级程序');
    expect(error!.content).toContain(dbPath);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);

    expect(userVersionOf(dbPath)).toBe(999);
  });

  it('says so when the built renderer is missing', async () => {
    holder.rendererPresent = false;
    await startMain();
    expect(fake.dialog.errors[0]?.title).toBe('界面文件缺失');
    expect(fake.app.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });

  it('closes the core on quit and then refuses calls', async () => {
    await startMain();
    const window = fake.windows[0]!;
    const handler = fake.ipcMain.handlers.get(IPC_CALL_CHANNEL)!;
    fake.app.emit('will-quit');
    expect(fake.ipcMain.handlers.size).toBe(0);
    const result = (await handler(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      'auth.me',
      {},
    )) as Result<unknown>;
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
  });
  it('opens only clicked http(s) links in the system browser, never inside the app', async () => {
    await startMain();
    const contents = fake.windows[0]!.webContents;
    const open = (url: string, disposition: string) => contents.windowOpenHandler!({ url, disposition });
    expect(open('https://www.gov.cn/zhengce/', 'foreground-tab')).toEqual({ action: 'deny' });
    expect(open('http://example.com/a', 'background-tab')).toEqual({ action: 'deny' });
    expect(open('https://example.com/popup', 'new-window')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd', 'foreground-tab')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)', 'foreground-tab')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL, 'foreground-tab')).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://www.gov.cn/zhengce/', 'http://example.com/a']);
  });

  it('a damaged database: untouched, the newest good backup offered, restored on request, then a relaunch', async () => {
    const first = startCore({ dataDir: userData, seedDemo: false, tickMs: 0, backupCheckMs: 0, log: () => {} });
    const backup = (await first.backups.run('manual'))!;
    first.close();
    const dbPath = path.join(userData, 'command-room.db');
    const bytes = readFileSync(dbPath);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    writeFileSync(dbPath, bytes);

    fake.dialog.answer = 1; // 退出
    await startMain();
    expect(fake.dialog.boxes[0]!.title).toBe('数据库已损坏');
    expect(fake.dialog.boxes[0]!.detail).toContain(backup.name);
    expect(fake.dialog.boxes[0]!.buttons![0]).toContain('恢复');
    expect(fake.app.exitCode).toBe(1);
    expect(fake.app.relaunched).toBe(0);
    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });

  it('restores the offered backup and relaunches when asked to', async () => {
    const first = startCore({ dataDir: userData, seedDemo: false, tickMs: 0, backupCheckMs: 0, log: () => {} });
    await first.backups.run('manual');
    first.close();
    const dbPath = path.join(userData, 'command-room.db');
    const bytes = readFileSync(dbPath);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    writeFileSync(dbPath, bytes);
    fake.dialog.answer = 0;
    await startMain();
    expect(fake.app.relaunched).toBe(1);
    expect(fake.app.exitCode).toBe(0);
    expect(readdirSync(userData).some((f) => f.startsWith('command-room.db.before-restore-'))).toBe(true);
    const again = startCore({ dataDir: userData, seedDemo: false, tickMs: 0, backupCheckMs: 0, log: () => {} });
    again.close();
  });
});
