// Comparing a pasted secret with stored ones without a timing side channel: both are hashed first,
// so the comparison takes the same time whatever their lengths and wherever they first differ.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
