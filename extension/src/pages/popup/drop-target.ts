import type { DropSide } from '../../accounts/list.ts';

/**
 * Where a row dragged in the popup would land. The list shows groups (this site's accounts, pinned,
 * the rest) that the order cannot cross, so a drop beyond the dragged row's own group lands at
 * that group's nearest end; that is also what the drop line shows while dragging.
 */

/** A row as it is on screen: its account, its group and its vertical extent (CSS pixels). */
export interface RowBox {
  id: string;
  group: string;
  top: number;
  bottom: number;
}

export interface DropTarget {
  targetId: string;
  side: DropSide;
}

/** The drop for a pointer at `y` while dragging `draggedId`; null where nothing would move. */
export function dropTarget(rows: readonly RowBox[], draggedId: string, y: number): DropTarget | null {
  const dragged = rows.find((row) => row.id === draggedId);
  if (!dragged) return null;
  const own = rows.filter((row) => row.group === dragged.group);
  const first = own[0] as RowBox;
  const last = own.at(-1) as RowBox;
  let drop: DropTarget;
  if (y < first.top) drop = { targetId: first.id, side: 'before' };
  else if (y >= last.bottom) drop = { targetId: last.id, side: 'after' };
  else {
    const over = own.find((row) => y < row.bottom) ?? last;
    drop = { targetId: over.id, side: y < (over.top + over.bottom) / 2 ? 'before' : 'after' };
  }
  return changesPlace(own, draggedId, drop) ? drop : null;
}

/** The keyboard's move: next to the row above (-1) or below (+1) in the same group, if any. */
export function stepTarget(rows: readonly RowBox[], draggedId: string, direction: -1 | 1): DropTarget | null {
  const dragged = rows.find((row) => row.id === draggedId);
  if (!dragged) return null;
  const own = rows.filter((row) => row.group === dragged.group);
  const neighbour = own[own.indexOf(dragged) + direction];
  return neighbour ? { targetId: neighbour.id, side: direction === -1 ? 'before' : 'after' } : null;
}

/** Dropping just above the next row or just below the previous one leaves the list as it was. */
function changesPlace(own: readonly RowBox[], draggedId: string, drop: DropTarget): boolean {
  const at = own.findIndex((row) => row.id === draggedId);
  const target = own.findIndex((row) => row.id === drop.targetId);
  if (target === at) return false;
  return drop.side === 'before' ? target !== at + 1 : target !== at - 1;
}
