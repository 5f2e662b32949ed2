/**
 * The demo township as the reference county center knows it. The demo app is
 * configured with the same values on its first start, so `npm run county` and
 * `npm run serve` talk to each other out of the box. Never a production secret.
 */
export const DEMO_COUNTY = {
  url: 'http://127.0.0.1:7345',
  townshipId: 'QX',
  townshipName: '清溪镇',
  token: 'demo-qingxi-2026-county-link',
} as const;
