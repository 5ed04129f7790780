/**
 * `items` with the one at `from` moved to `to` (both clamped to the list), a new array; `items`
 * itself when nothing moves. The page structure and group members are reordered with it.
 *
 * @example moveItem(['a', 'b', 'c'], 0, 2) // ['b', 'c', 'a']
 */
export function moveItem<T>(items: readonly T[], from: number, to: number): readonly T[] {
  const last = items.length - 1;
  const target = Math.max(0, Math.min(last, to));
  if (from < 0 || from > last || from === target) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/**
 * Where a move request sends an item: `direction` up or down by one (the buttons, without script),
 * or `to`, a position (dragging); null when the request says neither.
 */
export function targetOf(from: number, move: { direction: string; to: string }): number | null {
  if (move.direction === 'up') return from - 1;
  if (move.direction === 'down') return from + 1;
  return /^\d{1,5}$/.test(move.to) ? Number(move.to) : null;
}
