/**
 * Phone cameras take 4000 × 3000 photos of 4–8 MB; the room needs to see the
 * scene, not print it. Photos are shrunk in the browser before upload, so a
 * handler on a village's weak signal sends a few hundred kilobytes.
 */
export const MAX_PHOTO_SIDE = 1920;
/** JPEG/WebP quality after shrinking: indistinguishable on a screen, a fraction of the bytes. */
const QUALITY = 0.85;

export interface Size {
  width: number;
  height: number;
}

/** The size that fits within `max` on its long side, keeping the proportions; never enlarged. */
export function fitWithin(size: Size, max = MAX_PHOTO_SIDE): Size {
  const long = Math.max(size.width, size.height);
  if (long <= max) return { width: size.width, height: size.height };
  const scale = max / long;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** What the browser gives to decode and re-encode an image; tests pass their own. */
export interface ImageTools {
  decode(file: Blob): Promise<{ width: number; height: number; source: CanvasImageSource; close?: () => void }>;
  encode(source: CanvasImageSource, size: Size, mime: string, quality: number): Promise<Blob>;
}

export const browserImageTools: ImageTools = {
  // `imageOrientation: 'from-image'` applies the camera's EXIF rotation, which the re-encoded file would lose.
  async decode(file) {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { width: bitmap.width, height: bitmap.height, source: bitmap, close: () => bitmap.close() };
  },
  encode(source, size, mime, quality) {
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return Promise.reject(new Error('no 2d canvas'));
    context.imageSmoothingQuality = 'high';
    context.drawImage(source, 0, 0, size.width, size.height);
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), mime, quality),
    );
  },
};

/**
 * The photo as it will be uploaded: the same file when it already fits,
 * otherwise a copy whose long side is `MAX_PHOTO_SIDE`, in the same format
 * (a PNG stays lossless, a JPEG stays a JPEG) and under the same name.
 */
export async function shrinkPhoto(file: File, tools: ImageTools = browserImageTools, max = MAX_PHOTO_SIDE): Promise<File> {
  const image = await tools.decode(file);
  try {
    const target = fitWithin(image, max);
    if (target.width === image.width && target.height === image.height) return file;
    const blob = await tools.encode(image.source, target, file.type, QUALITY);
    // A browser that cannot write this format answers PNG: name the type it really is.
    return new File([blob], file.name, { type: blob.type || file.type, lastModified: file.lastModified });
  } finally {
    image.close?.();
  }
}
