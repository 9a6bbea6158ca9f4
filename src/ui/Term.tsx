// A technical word with its glossary entry: focusable, the entry shows on hover, on keyboard
// focus and on a tap (a tap again or Escape hides it), and it describes the word for screen
// readers (aria-describedby). The entry lives at the end of the page's body (so the text of what
// holds the word stays the word) and is placed in the viewport (fixed), so it is never cut off by a
// panel's edge nor widens the page.
import { useId, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { GLOSSARY, type TermId } from './glossary';
import './term.css';

/** Space kept between an entry and the viewport's edges, and its widest width, in px. */
const EDGE = 8;
const WIDEST = 320;

interface Props {
  id: TermId;
  /** The word as shown (the glossary's term when absent). */
  children?: ReactNode;
}

export function Term({ id, children }: Props) {
  const entry = GLOSSARY[id];
  const tipId = useId();
  const word = useRef<HTMLSpanElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [tapped, setTapped] = useState(false);
  const [hidden, setHidden] = useState(false);
  const shown = (hovered || focused || tapped) && !hidden;
  const place = useEntryPlace(word, shown);
  return (
    <span className="term" data-term={id}>
      <span
        ref={word} className="term-word" tabIndex={0} aria-describedby={tipId} data-testid={`term-${id}`}
        onPointerEnter={(e) => { if (e.pointerType === 'mouse') { setHovered(true); setHidden(false); } }}
        onPointerLeave={() => setHovered(false)}
        // a keyboard focus shows the entry; a tap shows it through onClick
        onFocus={(e) => { if (e.currentTarget.matches(':focus-visible')) { setFocused(true); setHidden(false); } }}
        onBlur={() => { setFocused(false); setTapped(false); }}
        onClick={(e) => { e.preventDefault(); e.stopPropagation(); setTapped(!tapped); setHidden(tapped); }}
        onKeyDown={(e) => { if (e.key === 'Escape' && shown) { e.stopPropagation(); setHidden(true); } }}
      >
        {children ?? entry.term}
      </span>
      {createPortal(
        <span id={tipId} role="tooltip" className="term-entry" hidden={!shown} style={place}>
          <strong>{entry.term}</strong>: {entry.text}
        </span>,
        document.body,
      )}
    </span>
  );
}

/** Where the entry of the word in `word` goes while shown: below it, or above when there is no room, within the viewport. */
function useEntryPlace(word: RefObject<HTMLSpanElement | null>, shown: boolean): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties>();
  useLayoutEffect(() => {
    if (!shown || !word.current) return undefined;
    const measure = () => {
      const r = word.current?.getBoundingClientRect();
      if (!r) return;
      const width = Math.min(WIDEST, window.innerWidth - 2 * EDGE);
      const left = Math.min(Math.max(EDGE, r.left), window.innerWidth - width - EDGE);
      const below = window.innerHeight - r.bottom > r.top;
      setPlace(below ? { left, width, top: r.bottom + 4 } : { left, width, bottom: window.innerHeight - r.top + 4 });
    };
    measure();
    window.addEventListener('scroll', measure, true);
    window.addEventListener('resize', measure);
    return () => { window.removeEventListener('scroll', measure, true); window.removeEventListener('resize', measure); };
  }, [shown, word]);
  return place;
}
