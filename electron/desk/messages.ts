/**
 * What the desk client says in the main process's own dialogs (before any
 * page is loaded, so vue-i18n is not there): a table in zh-CN first and
 * en-US with exactly the same keys (desk.test.ts checks it).
 */
export type DeskLocale = 'zh-CN' | 'en-US';

export const DESK_MESSAGES = {
  'zh-CN': {
    addressEmpty: '请填写指挥室服务器的地址，例如 192.168.1.20:5180。',
    addressInvalid: '“{address}”不是有效的服务器地址。请填写 IP 地址或主机名，可带端口，例如 192.168.1.20:5180。',
    addressPlain: '桌面端只通过加密连接（HTTPS）接入指挥室服务器，不能使用 http:// 地址。请去掉 http:// 或改为 https://。',
    codeInvalid: '接入码格式不对：应为 12 位字母和数字（如 7K3M-Q9TX-2HPC）。请核对管理员给出的接入码。',
    proofMismatch:
      '接入未完成：服务器出示的证书与接入码不符。网络中可能有人冒充指挥室服务器，本机没有保存任何内容。请与管理员当面核对服务器证书指纹后再试。',
    enrolledTitle: '已接入指挥室服务器',
    enrolled: '本机已接入“{township}”的指挥室服务器 {url}。\n证书指纹（SHA-256）：{fingerprint}\n以后本机只信任这一证书。',
    unreachableTitle: '无法连接指挥室服务器',
    unreachable: '无法连接指挥室服务器 {url}：{detail}\n请检查网络和服务器是否开机，然后重新打开程序。',
    changedTitle: '指挥室服务器的证书已变化',
    changed:
      '本机接入时记下的服务器证书与现在服务器出示的不同，为防止有人冒充服务器，本机已拒绝连接，没有发送任何账号或数据。\n\n' +
      '接入时的指纹：{expected}\n现在出示的指纹：{observed}\n\n' +
      '如果管理员刚为服务器安装了新证书（或服务器换了地址），请管理员在服务器的“指挥室服务器”页面生成新的接入码，' +
      '然后在本机用新接入码重新接入（程序参数 --enroll=服务器地址 --code=接入码）。否则请立即告知管理员。',
    notEnrolledTitle: '本机尚未接入指挥室服务器',
    notEnrolled: '请向管理员索取接入码，然后以 --enroll=服务器地址 --code=接入码 启动本程序。',
    quit: '退出',
  },
  'en-US': {
    addressEmpty: 'Enter the address of the room server, for example 192.168.1.20:5180.',
    addressInvalid:
      '"{address}" is not a valid server address. Enter an IP address or host name, with an optional port, e.g. 192.168.1.20:5180.',
    addressPlain: 'A desk reaches the room server over an encrypted connection (HTTPS) only; an http:// address cannot be used.',
    codeInvalid:
      'The enrollment code has the wrong form: 12 letters and digits (like 7K3M-Q9TX-2HPC). Check the code the administrator gave you.',
    proofMismatch:
      'Enrollment was not completed: the certificate the server presented does not match the code. Someone on the network may be impersonating the room server; nothing was saved. Compare the certificate fingerprint with the administrator in person and try again.',
    enrolledTitle: 'Enrolled with the room server',
    enrolled:
      'This desk is enrolled with the room server of {township} at {url}.\nCertificate fingerprint (SHA-256): {fingerprint}\nFrom now on this desk trusts only this certificate.',
    unreachableTitle: 'Cannot reach the room server',
    unreachable:
      'Cannot reach the room server {url}: {detail}\nCheck the network and that the server is on, then open the program again.',
    changedTitle: "The room server's certificate has changed",
    changed:
      'The certificate the room server presents differs from the one this desk pinned at enrollment. To guard against an impostor, this desk refused the connection and sent no account or data.\n\n' +
      'Pinned at enrollment: {expected}\nPresented now: {observed}\n\n' +
      'If the administrator has just installed a new certificate on the server (or the server moved), the administrator makes a new enrollment code on the server\'s "Room server" page, ' +
      'and this desk enrolls again with it (program arguments --enroll=<address> --code=<code>). Otherwise tell the administrator at once.',
    notEnrolledTitle: 'This desk is not enrolled yet',
    notEnrolled: 'Ask the administrator for an enrollment code, then start the program with --enroll=<address> --code=<code>.',
    quit: 'Quit',
  },
} as const;

export type DeskMessageKey = keyof (typeof DESK_MESSAGES)['zh-CN'];

export function deskText(locale: DeskLocale, key: DeskMessageKey, values: Record<string, string> = {}): string {
  return DESK_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Chinese first: any Chinese system locale gets zh-CN, everything else en-US. */
export function deskLocale(systemLocale: string): DeskLocale {
  return /^zh/i.test(systemLocale) ? 'zh-CN' : 'en-US';
}
