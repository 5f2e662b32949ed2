import { onMounted, onUnmounted } from 'vue';
import { useEventQueueStore, type QueueRow } from '@/stores/eventQueue';

export interface QueueKeyboardOptions {
  open: (row: QueueRow) => void;
  focusSearch: () => void;
  scrollToRow: (index: number) => void;
  /** True while something else (a dialog) owns the keyboard. */
  blocked: () => boolean;
}

/** Inputs whose arrow keys mean something else; a focused radio (the saved views) or checkbox does not count. */
const NON_TEXT_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset']);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The keyboard-friendly queue: ↑/↓ move the selected row, Enter opens it, `/` jumps to the search box. */
export function useQueueKeyboard(options: QueueKeyboardOptions) {
  const queue = useEventQueueStore();

  function select(index: number): void {
    const last = queue.slots.length - 1;
    if (last < 0) return;
    queue.selected = Math.min(last, Math.max(0, index));
    options.scrollToRow(queue.selected);
  }

  function onKeydown(event: KeyboardEvent): void {
    if (options.blocked() || event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = isTyping(event.target);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      options.focusSearch();
      return;
    }
    // From the search box, ↓ goes down into the list; other fields keep their keys.
    const fromSearch = event.target instanceof HTMLElement && event.target.closest('[data-testid="queue-search"]') !== null;
    if (typing && !(fromSearch && event.key === 'ArrowDown')) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (typing) (event.target as HTMLElement).blur();
      select(queue.selected < 0 ? 0 : queue.selected + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && queue.selected >= 0) {
      const row = queue.rowAt(queue.selected);
      if (row) {
        event.preventDefault();
        options.open(row);
      }
    }
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onUnmounted(() => window.removeEventListener('keydown', onKeydown));

  return { select };
}
