// The 2-D page's notices: what a link could not use, what a change restarted, runs that stopped,
// errors; one per cause, each dismissible, the informational ones fading by themselves.
import { usePlanar } from './planarStore';
import { Notice } from '../Notices';

export function PlanarNotices() {
  const notices = usePlanar((s) => s.notices);
  const dismiss = usePlanar((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => <Notice key={`${n.cause}:${n.serial}`} kind={n.kind} text={n.text} testId="planar-notice" onDismiss={() => dismiss(n.cause)} />)}
    </div>
  );
}
