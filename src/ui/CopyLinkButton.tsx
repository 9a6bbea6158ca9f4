// Copies the link to the current configuration.
import { useState } from 'react';
import { shareLink, usePlayground } from './store';

export function CopyLinkButton() {
  const config = usePlayground((s) => s.config);
  const [status, setStatus] = useState<string | null>(null);
  const copy = async () => {
    const link = shareLink(config);
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
