// How long a rate-limited host asked to be left alone, in words for the person.
export function waitWords(ms: number | null): string {
  if (ms === null) return 'Wait a minute, then try again.';
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds === 1) return 'Try again in a second.';
  if (seconds < 120) return `Try again in ${seconds} seconds.`;
  return `Try again in about ${Math.ceil(seconds / 60)} minutes.`;
}
