// Skip links: focus moves to a part of the page (the training controls, the settings, the charts)
// without a change of the address (the link's fragment stays the page's own).
import type { MouseEvent, ReactNode } from 'react';

/** The button of a training toolbar that holds its Tab stop (see useRovingFocus). */
export const TOOLBAR_STOP = '[role="toolbar"] button[tabindex="0"]';

interface Props {
  /** The id of the element to go to. */
  to: string;
  /** Focus the first element inside that matches, when there is one (else the element itself). */
  focusInside?: string;
  children: ReactNode;
}

export function SkipLink({ to, focusInside, children }: Props) {
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(to);
    if (!target) return;
    e.preventDefault();
    const inner = focusInside ? target.querySelector<HTMLElement>(focusInside) : null;
    (inner ?? target).focus();
  };
  return <a className="skip-link" href={`#${to}`} onClick={go}>{children}</a>;
}

/** The links after a page's training controls: to its settings and to its charts. */
export function JumpLinks({ settings, charts }: { settings: string; charts: string }) {
  return (
    <nav className="jump-links" aria-label="Skip links">
      <SkipLink to={settings}>Skip to the settings</SkipLink>
      <SkipLink to={charts}>Skip to the charts</SkipLink>
    </nav>
  );
}
