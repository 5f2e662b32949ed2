import { describe, expect, it } from 'vitest';
import { externalLinkFromWindowOpen, safeExternalUrl } from './external-links';

describe('external links', () => {
  it('lets only http(s) URLs without credentials out', () => {
    expect(safeExternalUrl('https://www.gov.cn/')).toBe('https://www.gov.cn/');
    expect(safeExternalUrl('http://example.com/a?b=1')).toBe('http://example.com/a?b=1');
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'app://command-room/index.html',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pass@example.com/',
      'not a url',
      '',
      42,
      null,
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(safeExternalUrl(url), String(url).slice(0, 40)).toBeNull();
    }
  });

  it('only for a link the user clicked, never a script’s popup', () => {
    expect(externalLinkFromWindowOpen({ url: 'https://a.example/', disposition: 'foreground-tab' })).toBe('https://a.example/');
    expect(externalLinkFromWindowOpen({ url: 'https://a.example/', disposition: 'background-tab' })).toBe('https://a.example/');
    expect(externalLinkFromWindowOpen({ url: 'https://a.example/', disposition: 'new-window' })).toBeNull();
    expect(externalLinkFromWindowOpen({ url: 'https://a.example/', disposition: 'other' })).toBeNull();
    expect(externalLinkFromWindowOpen({ url: 'https://a.example/' })).toBeNull();
    expect(externalLinkFromWindowOpen({ url: 'file:///etc/passwd', disposition: 'foreground-tab' })).toBeNull();
  });
});
