import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PhotoUpload } from '../../../common/contract';
import { base64OfDataUrl, dataUrlOf, photoName, photoProblem } from './photos';

describe('photo checks mirror the contract', () => {
  it('accepts JPEG, PNG and WebP up to 8 MB', () => {
    expect(photoProblem({ name: 'a.jpg', type: 'image/jpeg', size: 1000 }, 0)).toBeNull();
    expect(photoProblem({ name: 'a.webp', type: 'image/webp', size: MAX_PHOTO_BYTES }, 0)).toBeNull();
    expect(photoProblem({ name: 'a.gif', type: 'image/gif', size: 1000 }, 0)).toBe('type');
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: MAX_PHOTO_BYTES + 1 }, 0)).toBe('size');
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: 10 }, MAX_PHOTOS)).toBe('count');
  });

  it('shortens long names but keeps the extension', () => {
    const name = photoName(`${'很'.repeat(200)}.jpeg`);
    expect(name.length).toBe(120);
    expect(name.endsWith('.jpeg')).toBe(true);
    expect(photoName('  ')).toBe('photo');
  });

  it('round-trips a data URL into an upload the contract accepts', () => {
    const url = dataUrlOf('image/png', 'iVBORw0KGgo=');
    const upload = { name: 'x.png', mime: 'image/png', dataBase64: base64OfDataUrl(url) };
    expect(PhotoUpload.safeParse(upload).success).toBe(true);
  });
});
