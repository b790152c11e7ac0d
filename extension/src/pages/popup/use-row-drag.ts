import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { type DropTarget, dropTarget, type RowBox, stepTarget } from './drop-target.ts';

/** The rows of the list as they are on screen now. */
function rowBoxes(list: HTMLElement): RowBox[] {
  return [...list.querySelectorAll<HTMLElement>('li.account')].map((row) => {
    const { top, bottom } = row.getBoundingClientRect();
    return { id: row.dataset.accountId ?? '', group: row.dataset.group ?? '', top, bottom };
  });
}

export interface RowDrag {
  /** The row being dragged and where it would land now, while a drag is on. */
  dragging: { id: string; drop: DropTarget | null } | null;
  /** Pointer and key handlers for the drag handle of the row of `id`. */
  handleEvents(id: string): {
    onPointerDown(event: PointerEvent): void;
    onPointerMove(event: PointerEvent): void;
    onPointerUp(event: PointerEvent): void;
    onPointerCancel(): void;
    onKeyDown(event: KeyboardEvent): void;
  };
}

/**
 * Dragging rows by their handle with pointer events (mouse, pen and touch alike, in Chromium and
 * Firefox): the handle captures the pointer, so the drag goes on wherever it moves, and the drop is
 * reported once on release. Alt+ArrowUp and Alt+ArrowDown on the handle move the row one place.
 */
export function useRowDrag(
  list: RefObject<HTMLElement | null>,
  onDrop: (id: string, drop: DropTarget | null) => void,
): RowDrag {
  const [dragging, setDragging] = useState<RowDrag['dragging']>(null);
  const handleEvents = (id: string) => ({
    onPointerDown(event: PointerEvent) {
      if (event.button !== 0) return;
      event.preventDefault();
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
      setDragging({ id, drop: null });
    },
    onPointerMove(event: PointerEvent) {
      if (dragging?.id !== id || !list.current) return;
      setDragging({ id, drop: dropTarget(rowBoxes(list.current), id, event.clientY) });
    },
    onPointerUp(event: PointerEvent) {
      if (dragging?.id !== id || !list.current) return;
      const drop = dropTarget(rowBoxes(list.current), id, event.clientY);
      setDragging(null);
      if (drop) onDrop(id, drop);
    },
    onPointerCancel() {
      setDragging(null);
    },
    onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && dragging) {
        setDragging(null);
        event.stopPropagation();
        return;
      }
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || !list.current) return;
      event.preventDefault();
      event.stopPropagation();
      // At the end of its group the row stays, and the drop of null says so (its place is announced).
      onDrop(id, stepTarget(rowBoxes(list.current), id, event.key === 'ArrowUp' ? -1 : 1));
    },
  });
  return { dragging, handleEvents };
}
