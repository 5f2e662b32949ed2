import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_PHOTO_SIDE, shrinkPhoto, type ImageTools, type Size } from './photoResize';

describe('fitWithin', () => {
  it('shrinks a 4000 × 3000 camera photo to 1920 on its long side, keeping 4:3', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: 1920, height: 1440 });
  });

  it('handles portrait photos by their long side', () => {
    expect(fitWithin({ width: 3024, height: 4032 })).toEqual({ width: 1440, height: 1920 });
  });

  it('never enlarges a photo that already fits', () => {
    expect(fitWithin({ width: 1920, height: 1080 })).toEqual({ width: 1920, height: 1080 });
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });

  it('keeps a very thin panorama at least one pixel high', () => {
    expect(fitWithin({ width: 20000, height: 5 })).toEqual({ width: 1920, height: 1 });
  });

  it('takes another limit when asked', () => {
    expect(fitWithin({ width: 1000, height: 500 }, 100)).toEqual({ width: 100, height: 50 });
  });
});

/** Image tools that record what they were asked, standing in for canvas (absent in Node). */
function recordingTools(size: Size, answerType?: string) {
  const calls: { size: Size; mime: string; quality: number }[] = [];
  let closed = 0;
  const tools: ImageTools = {
    decode: async () => ({ ...size, source: {} as CanvasImageSource, close: () => closed++ }),
    encode: async (_source, target, mime, quality) => {
      calls.push({ size: target, mime, quality });
      return new Blob([new Uint8Array(10)], { type: answerType ?? mime });
    },
  };
  return { tools, calls, closed: () => closed };
}

describe('shrinkPhoto', () => {
  const big = () => new File([new Uint8Array(1000)], 'scene.jpg', { type: 'image/jpeg' });

  it('re-encodes a large photo at the fitted size, in its own format and name', async () => {
    const { tools, calls, closed } = recordingTools({ width: 4000, height: 3000 });
    const out = await shrinkPhoto(big(), tools);
    expect(calls).toEqual([{ size: { width: MAX_PHOTO_SIDE, height: 1440 }, mime: 'image/jpeg', quality: 0.85 }]);
    expect(out.name).toBe('scene.jpg');
    expect(out.type).toBe('image/jpeg');
    expect(out.size).toBe(10);
    expect(closed()).toBe(1);
  });

  it('returns the very same file when it already fits', async () => {
    const { tools, calls, closed } = recordingTools({ width: 1280, height: 960 });
    const file = big();
    expect(await shrinkPhoto(file, tools)).toBe(file);
    expect(calls).toEqual([]);
    expect(closed()).toBe(1);
  });

  it('names the type the browser really wrote', async () => {
    const { tools } = recordingTools({ width: 4000, height: 3000 }, 'image/png');
    const webp = new File([new Uint8Array(5)], 'a.webp', { type: 'image/webp' });
    expect((await shrinkPhoto(webp, tools)).type).toBe('image/png');
  });

  it('lets a decoding failure through, so the picker can say the file is unreadable', async () => {
    const tools: ImageTools = {
      decode: () => Promise.reject(new Error('not an image')),
      encode: () => Promise.reject(new Error('unreachable')),
    };
    await expect(shrinkPhoto(big(), tools)).rejects.toThrow('not an image');
  });
});
