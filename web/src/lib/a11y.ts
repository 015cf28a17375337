import { useSyncExternalStore } from 'react';

/** antd's scroll containers of wide or tall tables (`scroll={{ x }}` / `scroll={{ y }}`). */
const SCROLL_REGIONS = '.ant-table-content:not([tabindex]), .ant-table-body:not([tabindex])';

/**
 * Makes every scrollable table region reachable by keyboard (tabindex 0): a user without a mouse scrolls a
 * wide ledger sideways with the arrow keys only once the region can take focus (WCAG 2.1.1; axe
 * `scrollable-region-focusable`, issue 13). antd renders these containers itself and offers no prop for it,
 * so one observer on the document marks them as they appear, on every screen at once.
 */
export function keepScrollRegionsFocusable(root: HTMLElement = document.body): () => void {
  let queued = false;
  const mark = () => {
    queued = false;
    for (const el of root.querySelectorAll<HTMLElement>(SCROLL_REGIONS)) el.tabIndex = 0;
  };
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(mark);
  });
  observer.observe(root, { childList: true, subtree: true });
  mark();
  return () => observer.disconnect();
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether the user asked the system for less motion (减弱动态效果; WCAG 2.3.3). antd then opens dialogs, drawers,
 * popovers and dropdowns without their zoom and slide animations (`token.motion`), at once, and follows a change
 * of the setting without a reload.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => window.matchMedia(REDUCED_MOTION).matches,
    () => false,
  );
}
