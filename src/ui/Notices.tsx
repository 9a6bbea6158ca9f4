// Notices about the configuration: what the URL asked for that was ignored, weights rescaled,
// runs left out, engine notices and errors. Text from the URL is rendered as text only.
import { usePlayground } from './store';

export function Notices() {
  const urlIssues = usePlayground((s) => s.urlIssues);
  const notices = usePlayground((s) => s.notices);
  const skipped = usePlayground((s) => s.skippedRuns);
  const engineNotices = usePlayground((s) => s.training.engineNotices);
  const error = usePlayground((s) => s.training.error);
  const fallback = usePlayground((s) => s.training.backend?.fallbackReason ?? null);
  const dismissUrlIssues = usePlayground((s) => s.dismissUrlIssues);
  const dismissNotice = usePlayground((s) => s.dismissNotice);
  return (
    <div className="notices" aria-live="polite">
      {urlIssues.length > 0 && (
        <div className="notice warn" role="status" data-testid="url-notice">
          <div>
            <strong>Some of the link's settings were not used; defaults stand in for them:</strong>
            <ul>
              {urlIssues.map((i, k) => <li key={k}><code>{i.field}</code>: {i.message}</li>)}
            </ul>
          </div>
          <button type="button" className="small" onClick={dismissUrlIssues} aria-label="Dismiss the notice about the link">Dismiss</button>
        </div>
      )}
      {notices.map((n, k) => (
        <div key={k} className="notice info" role="status" data-testid="config-notice">
          <span>{n}</span>
          <button type="button" className="small" onClick={() => dismissNotice(k)} aria-label="Dismiss notice">Dismiss</button>
        </div>
      ))}
      {skipped.map((n, k) => <div key={`s${k}`} className="notice info" role="status"><span>{n}</span></div>)}
      {engineNotices.filter((n) => n !== fallback && !skipped.includes(n)).map((n, k) => <div key={`e${k}`} className="notice info" role="status"><span>{n}</span></div>)}
      {error && <div className="notice error" role="alert" data-testid="engine-error"><span>Training engine error: {error}</span></div>}
    </div>
  );
}
