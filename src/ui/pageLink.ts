// The page's link lives in the address bar's fragment (`#s=sat:js&…`): browsers never send it to
// a server, so a link of any length opens the page (a long query gets HTTP 431 before the page
// loads). Links in the older spelling (`?s=sat:js&…`) are read and rewritten to the fragment.
import { isSettingsFragment, linkSettings } from '../config/queryParams';
import type { StoreApi } from 'zustand';

/** The settings the page was opened with or last wrote (without '#' or '?'). */
export function pageLinkSettings(): string {
  if (typeof window === 'undefined') return '';
  return linkSettings(window.location.href).text;
}

/** The page's address with these settings in the fragment, as shared. */
export function pageLinkUrl(settings: string): string {
  return `${window.location.origin}${window.location.pathname}${settings ? `#${settings}` : ''}`;
}

/** The settings written last, so that the page can tell its own writes from a link opened by hand. */
let written: string | null = null;

/** Puts the settings into the fragment (replaceState: no history entry per change; no reload). */
export function writePageLink(settings: string): void {
  written = settings;
  const url = `${window.location.pathname}${settings ? `#${settings}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url);
}

/**
 * Mirrors a store into the link: whenever `watched` gives a new value, writes the state's
 * `settings` while `shown()` (the page shows that store's problem). A link stays as it was opened
 * until something changes, so that a notice about its issues keeps matching it.
 */
export function mirrorPageLink<S>(store: Pick<StoreApi<S>, 'getState' | 'subscribe'>, watched: (s: S) => unknown, settings: (s: S) => string, shown: () => boolean): () => void {
  let last = watched(store.getState());
  return store.subscribe((s) => {
    const now = watched(s);
    if (now === last) return;
    last = now;
    if (shown()) writePageLink(settings(s));
  });
}

/**
 * Rewrites a `?…` link to the `#…` spelling as it was given (the stores read it already), and
 * keeps the fragment for settings: in-page links scroll to their target without touching it, and
 * a new link in the fragment (typed in the address bar, or reached by Back and Forward) is opened
 * as a page load would open it.
 */
export function keepPageLinkInFragment(): void {
  if (window.location.search !== '') writePageLink(pageLinkSettings());
  written = pageLinkSettings();
  const onClick = (e: MouseEvent) => {
    const anchor = (e.target as Element | null)?.closest?.('a[href^="#"]');
    const id = anchor?.getAttribute('href')?.slice(1);
    if (e.defaultPrevented || !id || isSettingsFragment(id)) return;
    const target = document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };
  const onFragmentChange = () => {
    const fragment = window.location.hash.slice(1);
    if (fragment !== '' && !isSettingsFragment(fragment)) return; // a place in the page
    if (pageLinkSettings() !== written) window.location.reload();
  };
  document.addEventListener('click', onClick);
  window.addEventListener('hashchange', onFragmentChange);
}
