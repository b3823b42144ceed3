// Runs async tasks strictly one after another, in the order they were asked for. A failed task does
// not stop the ones queued behind it; each caller still sees its own task's result or error.
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

export function oneAtATime(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
