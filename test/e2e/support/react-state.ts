// Looks inside the renderer's React tree the way React DevTools does: through the global hook React
// reports every commit to. Nothing in the app is built for tests; the hook is installed by an init
// script before React loads. From each mounted component we read props, hook state (which includes
// every zustand selection) and, for the store provider, the whole store's state via getState().
import type { Page } from 'playwright-core';

export const REACT_HOOK_SCRIPT = `(() => {
  const roots = new Set();
  let nextId = 1;
  Object.defineProperty(window, '__REACT_DEVTOOLS_GLOBAL_HOOK__', {
    configurable: false,
    value: {
      renderers: new Map(),
      supportsFiber: true,
      isDisabled: false,
      inject(renderer) { const id = nextId++; this.renderers.set(id, renderer); return id; },
      onCommitFiberRoot(_id, root) { roots.add(root); },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onScheduleFiberRoot() {},
      checkDCE() {},
      getRoots: () => [...roots],
    },
  });
})();`;

/** Every place in the mounted React tree (props, hook state, store state) where `needle` occurs. */
export async function findInReactState(page: Page, needle: string): Promise<{ hits: string[]; stringsSeen: number }> {
  return page.evaluate((wanted) => {
    const hook = (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: { getRoots(): Array<{ current: unknown }> } })
      .__REACT_DEVTOOLS_GLOBAL_HOOK__;
    if (!hook) throw new Error('The React inspection hook is not installed.');
    const hits: string[] = [];
    let stringsSeen = 0;
    const seen = new WeakSet<object>();

    type Fiber = {
      type: unknown;
      tag: number;
      memoizedProps: unknown;
      memoizedState: unknown;
      child: Fiber | null;
      sibling: Fiber | null;
      stateNode: unknown;
      alternate: Fiber | null;
    };
    const isFiber = (value: object) => 'memoizedProps' in value && 'stateNode' in value && 'return' in value;

    const visit = (value: unknown, path: string, depth: number): void => {
      if (typeof value === 'string') {
        stringsSeen += 1;
        if (value.includes(wanted)) hits.push(path);
        return;
      }
      if (value === null || typeof value !== 'object' || depth > 30) return;
      if (seen.has(value)) return;
      seen.add(value);
      // The DOM is searched separately; fibers are walked below, one at a time.
      if (value instanceof Node || isFiber(value)) return;
      const maybeStore = value as { getState?: unknown };
      if (typeof maybeStore.getState === 'function') visit((maybeStore.getState as () => unknown)(), `${path}.getState()`, depth + 1);
      if (value instanceof Map || value instanceof Set) {
        let index = 0;
        for (const entry of value) visit(entry, `${path}[${index++}]`, depth + 1);
        return;
      }
      for (const key of Object.keys(value)) {
        if (key === '_owner' || key === '_store' || key === '_debugInfo') continue;
        visit((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      }
    };

    const nameOf = (fiber: Fiber): string => {
      const type = fiber.type as { name?: string; displayName?: string } | string | null;
      if (typeof type === 'string') return type;
      if (typeof type === 'function' || (type && typeof type === 'object')) return type.displayName ?? type.name ?? `tag${fiber.tag}`;
      return `tag${fiber.tag}`;
    };

    // React keeps two copies of each fiber (the committed one and the previous render, its
    // alternate); a value dropped from the first may linger in the second, so both are read.
    const visitedFibers = new WeakSet<object>();
    for (const root of hook.getRoots()) {
      const stack: Fiber[] = [root.current as Fiber];
      while (stack.length > 0) {
        const fiber = stack.pop()!;
        if (visitedFibers.has(fiber)) continue;
        visitedFibers.add(fiber);
        if (fiber.alternate) stack.push(fiber.alternate);
        const name = nameOf(fiber);
        visit(fiber.memoizedProps, `${name}.props`, 0);
        // Function components keep their hooks as a linked list; others keep plain state.
        let state = fiber.memoizedState as { memoizedState?: unknown; next?: unknown; queue?: unknown } | null;
        if (typeof fiber.type === 'function' && state && typeof state === 'object' && 'next' in state) {
          for (let index = 0; state; index += 1) {
            visit(state.memoizedState, `${name}.hook[${index}]`, 0);
            state = (state.next ?? null) as typeof state;
          }
        } else {
          visit(state, `${name}.state`, 0);
        }
        if (fiber.sibling) stack.push(fiber.sibling);
        if (fiber.child) stack.push(fiber.child);
      }
    }
    return { hits, stringsSeen };
  }, needle);
}
