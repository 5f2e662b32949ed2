import type { FileOut } from '@common/contract';
import { dataUrlOf } from './photos';

/*
 * The files of a case (an event's photos, an order's photos and printout, an
 * assessment report), handed to the screen or to the person the same way for
 * every kind of case. Stores pass in how to fetch; only stores call the API.
 */

type Fetched<E> = { ok: true; value: FileOut } | { ok: false; error: E };
type Shown<E> = { ok: true; value: string } | { ok: false; error: E };

/** Hands a file the core produced to the person: a download in the browser and in the desktop app. */
export function saveFile(file: FileOut): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Photos are shown at full size when enlarged; keep the most recent ones, not every one ever opened. */
export const MAX_CACHED_PHOTOS = 60;

/**
 * Photos as data: URLs (the CSP allows img-src data:), each read once and
 * kept while it is among the most recently shown; a failed read is tried
 * again next time.
 */
export function photoCache<E>(fetch: (id: string) => Promise<Fetched<E>>, max = MAX_CACHED_PHOTOS) {
  const urls = new Map<string, Promise<Shown<E>>>();

  function url(id: string): Promise<Shown<E>> {
    const cached = urls.get(id);
    if (cached) {
      urls.delete(id);
      urls.set(id, cached);
      return cached;
    }
    const request = fetch(id).then((result): Shown<E> => {
      if (!result.ok) {
        urls.delete(id);
        return result;
      }
      return { ok: true, value: dataUrlOf(result.value.mime, result.value.dataBase64) };
    });
    urls.set(id, request);
    while (urls.size > max) urls.delete(urls.keys().next().value as string);
    return request;
  }

  return { url, clear: () => urls.clear() };
}
