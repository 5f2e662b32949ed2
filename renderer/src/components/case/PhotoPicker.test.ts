// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { resetMediaQueries } from '@/composables/useIsPhone';
import { freshPinia, maybeByTestId, mountDialog, settle } from '@/testing/dialogs';
import type { Photo } from '@/utils/photos';

// Canvas and createImageBitmap do not exist in happy-dom: the shrinking itself is tested in
// photoResize.test.ts and, on real photos, in e2e/phone.e2e.test.ts. Here: that the picker uses it.
const shrinkPhoto = vi.fn(async (file: File) => new File([new Uint8Array([1, 2, 3])], file.name, { type: file.type }));
vi.mock('@/utils/photoResize', () => ({ shrinkPhoto: (file: File) => shrinkPhoto(file) }));

const { default: PhotoPicker } = await import('./PhotoPicker.vue');

function screenOf(width: number): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: width <= Number(/max-width:\s*(\d+)px/.exec(query)![1]),
    addEventListener: () => undefined,
  }));
}

function mountPicker() {
  const photos = ref<Photo[]>([]);
  const Host = defineComponent({
    setup: () => () =>
      h(PhotoPicker, { testId: 'pics', modelValue: photos.value, 'onUpdate:modelValue': (v: Photo[]) => (photos.value = v) }),
  });
  const wrapper = mountDialog(Host, freshPinia());
  return { wrapper, photos };
}

function choose(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

beforeEach(() => {
  shrinkPhoto.mockClear();
});
afterEach(() => {
  resetMediaQueries();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('PhotoPicker', () => {
  it('on a phone offers the camera: a file input with capture="environment" for images', async () => {
    screenOf(390);
    const { wrapper } = mountPicker();
    await settle();
    const camera = maybeByTestId('pics-camera') as HTMLInputElement | null;
    expect(camera).not.toBeNull();
    expect(camera!.getAttribute('capture')).toBe('environment');
    expect(camera!.getAttribute('accept')).toBe('image/*');
    expect(maybeByTestId('pics-take')).not.toBeNull();
    wrapper.unmount();
  });

  it('on a desk there is no camera input, only the file picker', async () => {
    screenOf(1440);
    const { wrapper } = mountPicker();
    await settle();
    expect(maybeByTestId('pics-camera')).toBeNull();
    expect(document.body.querySelectorAll('[data-testid="pics"] input[type="file"]')).toHaveLength(1);
    wrapper.unmount();
  });

  it('uploads the shrunk photo, not the camera original', async () => {
    screenOf(390);
    const { wrapper, photos } = mountPicker();
    await settle();
    const original = new File([new Uint8Array(5000)], 'IMG_0001.jpg', { type: 'image/jpeg' });
    choose(maybeByTestId('pics-camera') as HTMLInputElement, original);
    await vi.waitFor(() => expect(photos.value).toHaveLength(1));
    expect(shrinkPhoto).toHaveBeenCalledWith(original);
    expect(photos.value[0]).toEqual({ name: 'IMG_0001.jpg', mime: 'image/jpeg', dataBase64: 'AQID' });
    wrapper.unmount();
  });

  it('refuses a file of another type before shrinking anything', async () => {
    screenOf(390);
    const { wrapper, photos } = mountPicker();
    await settle();
    choose(maybeByTestId('pics-camera') as HTMLInputElement, new File(['x'], 'scan.heic', { type: 'image/heic' }));
    await settle();
    expect(shrinkPhoto).not.toHaveBeenCalled();
    expect(photos.value).toEqual([]);
    wrapper.unmount();
  });
});
