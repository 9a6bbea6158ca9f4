// The "More" button of a training bar on a phone: the bar is one row until it is opened, and its
// other controls and readings (marked .more-item) show below. Wider screens show them all and
// hide the button.

export function MoreToggle({ open, onToggle, controls }: { open: boolean; onToggle: (open: boolean) => void; controls: string }) {
  return (
    <button type="button" className="small more-toggle" aria-expanded={open} aria-controls={controls} onClick={() => onToggle(!open)} data-testid="more-toggle">
      {open ? 'Less' : 'More'}
    </button>
  );
}
