// Copies the link to the running experiment: its configuration with the schedule of live changes.
import { useState } from 'react';
import { shareLink, usePlayground } from './store';
import { useView } from './viewStore';
import { formatView } from './viewWindow';

export function CopyLinkButton() {
  const config = usePlayground((s) => s.runConfig);
  const zoom = useView((s) => s.zoom);
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    const link = shareLink(config, zoom ? formatView(zoom) : null);
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Link copied');
    } catch {
      // Clipboard refused (insecure context, permissions): show the link to copy by hand.
      window.prompt('Copy this link:', link);
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
