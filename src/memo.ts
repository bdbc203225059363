/**
 * A bounded memo for pure functions of a string (Markdown → HTML, instant → formatted date):
 * the same minutes are read far more often than they are written, so their rendering is kept.
 * Oldest entries go first once `capacity` is reached (Map keeps insertion order).
 */
export function memoize<R>(compute: (key: string) => R, capacity: number): (key: string) => R {
  const entries = new Map<string, R>();
  return (key) => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  };
}
