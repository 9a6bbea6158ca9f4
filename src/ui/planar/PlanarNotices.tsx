// The 2-D page's notices: what a link could not use, what a change restarted, runs that stopped,
// errors; each in one line and dismissible.
import { usePlanar } from './planarStore';
import { Notice } from '../Notices';

export function PlanarNotices() {
  const notices = usePlanar((s) => s.notices);
  const dismiss = usePlanar((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n, k) => <Notice key={k} kind="info" text={n} testId="planar-notice" onDismiss={() => dismiss(k)} />)}
    </div>
  );
}
