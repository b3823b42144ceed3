// "Did you mean …": the nearest of a few known words to what was typed, by edit distance (a swapped
// pair of letters counts as one edit), or none when nothing is near enough to be a typo.

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The choice nearest to `given` (case aside), if it is close enough to be a typo or a shortened form. */
export function closest(given: string, choices: readonly string[]): string | null {
  const typed = given.toLowerCase();
  if (typed === '') return null;
  // Up to a third of the word may be wrong, at least one letter.
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: { choice: string; distance: number } | null = null;
  for (const choice of choices) {
    const lower = choice.toLowerCase();
    const distance = lower.startsWith(typed) && typed.length >= 3 ? 0.5 : editDistance(typed, lower);
    if (distance <= allowed && (best === null || distance < best.distance)) best = { choice, distance };
  }
  return best?.choice ?? null;
}
