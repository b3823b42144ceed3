// Two buttons that replace each other (Install / Remove, Set up / Undo): after a press, keyboard focus
// moves to whichever is shown next instead of falling back to the page.
import { useEffect, useRef, useState, type RefObject } from 'react';

export function useFocusFollows(): { toggle: RefObject<HTMLButtonElement | null>; moved: () => void } {
  const toggle = useRef<HTMLButtonElement>(null);
  const [changed, setChanged] = useState(0);
  useEffect(() => {
    if (changed > 0) toggle.current?.focus();
  }, [changed]);
  return { toggle, moved: () => setChanged((count) => count + 1) };
}
