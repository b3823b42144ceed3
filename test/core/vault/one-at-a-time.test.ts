import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../electron/core/vault/one-at-a-time';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('one keychain call at a time', () => {
  it('never lets two tasks overlap, and runs them in the order they were asked for', async () => {
    const serial = oneAtATime();
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        serial(async () => {
          running += 1;
          most = Math.max(most, running);
          await tick();
          order.push(index);
          running -= 1;
          return index * 2;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
  });

  it('gives each caller its own failure and goes on with the next task', async () => {
    const serial = oneAtATime();
    const failing = serial(async () => {
      await tick();
      throw new Error('locked');
    });
    const next = serial(async () => 'stored');
    await expect(failing).rejects.toThrow('locked');
    await expect(next).resolves.toBe('stored');
  });
});
