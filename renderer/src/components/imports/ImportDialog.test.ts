// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byTestId, freshPinia, maybeByTestId, mountDialog, settle } from '@/testing/dialogs';
import ImportDialog, { type ImportAnswer } from './ImportDialog.vue';

function choose(file: File): void {
  const input = byTestId('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

function mountImport(run: (name: string, data: string) => Promise<ImportAnswer | { error: never }>, extra = {}) {
  return mountDialog(ImportDialog, freshPinia(), {
    props: {
      open: true,
      title: '导入',
      hints: ['先检查所有行'],
      maxBytes: 1024,
      tooLargeText: '文件太大',
      reasonsKey: 'imports.reasons',
      run,
      doneText: (a: ImportAnswer) => `新增 ${a.created}`,
      failedText: (n: number) => `共 ${n} 个问题`,
      ...extra,
    },
  });
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the shared import dialog', () => {
  it('sends the file as base64 and lists every row problem by row, column and reason', async () => {
    const run = vi.fn(async () => ({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        { row: 3, column: '受理日期', code: 'bad_date', reason: 'not a date' },
        { row: 4, column: '事件类别', code: 'unknown_category', reason: 'no category' },
      ],
    }));
    const wrapper = mountImport(run);
    await settle();
    choose(new File(['a,b\r\n1,2'], 'old.csv', { type: 'text/csv' }));
    await settle();
    expect(run).toHaveBeenCalledWith('old.csv', btoa('a,b\r\n1,2'));
    expect(byTestId('import-failed').textContent).toContain('共 2 个问题');
    const table = byTestId('import-errors').textContent!;
    expect(table).toContain('受理日期');
    expect(table).toContain('日期不正确');
    expect(table).toContain('事件类别不存在');
    expect(wrapper.emitted('imported')).toBeUndefined();
    expect(wrapper.emitted('close')).toBeUndefined();
  });

  it('refuses a file over the limit without sending it', async () => {
    const run = vi.fn();
    mountImport(run);
    await settle();
    choose(new File(['x'.repeat(2048)], 'big.csv', { type: 'text/csv' }));
    await settle();
    expect(run).not.toHaveBeenCalled();
    expect(byTestId('import-problem').textContent).toContain('文件太大');
  });

  it('after a good import says so, emits imported and closes unless told to stay open', async () => {
    const answer = { created: 2, updated: 0, unchanged: 0, errors: [] };
    const closing = mountImport(async () => answer);
    await settle();
    choose(new File(['a'], 'ok.csv'));
    await settle();
    expect(closing.emitted('imported')).toEqual([[answer]]);
    expect(closing.emitted('close')).toHaveLength(1);
    closing.unmount();
    document.body.innerHTML = '';

    const staying = mountImport(async () => answer, { closeOnSuccess: false });
    await settle();
    choose(new File(['a'], 'ok.csv'));
    await settle();
    expect(staying.emitted('imported')).toHaveLength(1);
    expect(staying.emitted('close')).toBeUndefined();
    expect(maybeByTestId('import-template')).toBeNull();
  });
});
