// Copies a link to the running experiment: the 1-D configuration with its schedule of live changes
// and the panels' window, or (CopyLink) any link the caller makes.
import { useState } from 'react';
import { shareLink, usePlayground } from './store';
import { useView } from './viewStore';
import { formatView } from './viewWindow';

export function CopyLinkButton() {
  const config = usePlayground((s) => s.runConfig);
  const zoom = useView((s) => s.zoom);
  return <CopyLink link={() => shareLink(config, zoom ? formatView(zoom) : null)} />;
}

/** A button that copies `link()` (or shows it to copy by hand where the clipboard is refused). */
export function CopyLink({ link }: { link: () => string }) {
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    const text = link();
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Link copied');
    } catch {
      // Clipboard refused (insecure context, permissions): show the link to copy by hand.
      window.prompt('Copy this link:', text);
      setStatus(null);
    }
    setTimeout(() => setStatus(null), 2500);
  };
  return (
    <div className="copy-link">
      <button type="button" onClick={copy} data-testid="copy-link">Copy link</button>
      <span className="muted" aria-live="polite">{status}</span>
    </div>
  );
}
