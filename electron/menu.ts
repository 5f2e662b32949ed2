/**
 * The application menu, Chinese and minimal, as a pure template (types only
 * from Electron) so it is testable without the binary. No reload item: a
 * reload starts a new session (see `ipc.ts`), and the page never needs one.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuParams {
  platform: NodeJS.Platform;
  /** Developer tools and reload appear only when not packaged. */
  isPackaged: boolean;
  onAbout: () => void;
}

export function appMenuTemplate(params: MenuParams): MenuItemConstructorOptions[] {
  const isMac = params.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: '乡镇综合信息指挥室',
      submenu: [
        { label: '关于', click: params.onAbout },
        { type: 'separator' },
        { role: 'hide', label: '隐藏' },
        { role: 'hideOthers', label: '隐藏其他' },
        { role: 'unhide', label: '全部显示' },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    });
  } else {
    template.push({ label: '文件(&F)', submenu: [{ role: 'quit', label: '退出', accelerator: 'Alt+F4' }] });
  }

  template.push({
    label: '编辑(&E)',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
    ],
  });

  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (!params.isPackaged) {
    view.push(
      { type: 'separator' },
      { role: 'reload', label: '重新加载（开发）' },
      { role: 'toggleDevTools', label: '开发者工具（开发）' },
    );
  }
  template.push({ label: '视图(&V)', submenu: view });

  template.push({
    label: '窗口(&W)',
    submenu: isMac
      ? [
          { role: 'minimize', label: '最小化' },
          { role: 'zoom', label: '缩放' },
          { type: 'separator' },
          { role: 'front', label: '全部置于顶层' },
        ]
      : [
          { role: 'minimize', label: '最小化' },
          { role: 'close', label: '关闭' },
        ],
  });

  if (!isMac) template.push({ label: '帮助(&H)', submenu: [{ label: '关于', click: params.onAbout }] });
  return template;
}
