// Notices about the configuration: what the URL asked for that was ignored, weights rescaled,
// runs left out, engine notices and errors. Text from the URL is rendered as text only, long
// values cut short (noticeText). Every notice can be dismissed: those the store keeps through
// its actions, the ones the engine reports here (they stay dismissed while their text is the same).
import { useState } from 'react';
import { usePlayground } from './store';
import { noticeText } from './noticeText';

export function Notices() {
  const urlIssues = usePlayground((s) => s.urlIssues);
  const notices = usePlayground((s) => s.notices);
  const skipped = usePlayground((s) => s.skippedRuns);
  const engineNotices = usePlayground((s) => s.training.engineNotices);
  const error = usePlayground((s) => s.training.error);
  const fallback = usePlayground((s) => s.training.backend?.fallbackReason ?? null);
  const dismissUrlIssues = usePlayground((s) => s.dismissUrlIssues);
  const dismissNotice = usePlayground((s) => s.dismissNotice);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const dismiss = (text: string) => setDismissed((d) => new Set(d).add(text));
  const shown = (text: string) => !dismissed.has(text);
  const engineOnly = engineNotices.filter((n) => n !== fallback && !skipped.includes(n));
  return (
    <div className="notices" aria-live="polite">
      {urlIssues.length > 0 && (
        <div className="notice warn" role="status" data-testid="url-notice">
          <div className="notice-text">
            <strong>Some of the link's settings were not used; defaults stand in for them:</strong>
            <ul>
              {urlIssues.map((i, k) => <li key={k}><code>{noticeText(i.field)}</code>: {noticeText(i.message)}</li>)}
            </ul>
          </div>
          <DismissButton onClick={dismissUrlIssues} what="the notice about the link" />
        </div>
      )}
      {notices.map((n, k) => (
        <Notice key={k} kind="info" text={n} testId="config-notice" onDismiss={() => dismissNotice(k)} />
      ))}
      {skipped.filter(shown).map((n) => <Notice key={`s${n}`} kind="info" text={n} testId="skipped-notice" onDismiss={() => dismiss(n)} />)}
      {engineOnly.filter(shown).map((n) => <Notice key={`e${n}`} kind="info" text={n} testId="engine-notice" onDismiss={() => dismiss(n)} />)}
      {error && shown(error) && (
        <Notice kind="error" text={`Training engine error: ${error}`} testId="engine-error" onDismiss={() => dismiss(error)} />
      )}
    </div>
  );
}

export function Notice({ kind, text, testId, onDismiss }: { kind: 'info' | 'error'; text: string; testId: string; onDismiss: () => void }) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span className="notice-text">{noticeText(text)}</span>
      <DismissButton onClick={onDismiss} what="this notice" />
    </div>
  );
}

function DismissButton({ onClick, what }: { onClick: () => void; what: string }) {
  return <button type="button" className="small" onClick={onClick} aria-label={`Dismiss ${what}`}>Dismiss</button>;
}
