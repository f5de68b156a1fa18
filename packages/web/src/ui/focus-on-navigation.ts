/**
 * Where the keyboard and the screen reader land after moving to another page:
 * on the new page's heading (its first h1), as if the page had been loaded,
 * so a screen reader says where the person is and Tab starts at the top of
 * the content. A page whose heading waits for its data gets the focus when
 * the heading appears (up to a few seconds; else the content itself). A page
 * that has already put the focus somewhere inside the content on its own (a
 * search box, the first mail) keeps it. The first page shown is left alone:
 * the browser already starts at the top.
 */
import { useEffect, useRef } from 'react';

/** how long to wait for a page's heading before focusing the content instead */
const WAIT_MS = 5_000;

export function useFocusHeadingOnNavigation(location: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    let done = false;
    const tryFocus = (): boolean => {
      if (done) return true;
      const active = document.activeElement;
      if (active && active !== main && main.contains(active)) return (done = true); // the page chose its own focus
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      window.scrollTo({ top: 0 });
      return (done = true);
    };
    const frame = requestAnimationFrame(() => {
      if (tryFocus()) return;
      observer.observe(main, { childList: true, subtree: true });
    });
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    const giveUp = setTimeout(() => {
      observer.disconnect();
      if (!done) main.focus({ preventScroll: true });
      done = true;
    }, WAIT_MS);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      observer.disconnect();
      clearTimeout(giveUp);
    };
  }, [location]);
}
