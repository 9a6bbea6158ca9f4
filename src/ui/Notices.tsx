// Notices about the configuration: what the URL asked for that was ignored, weights rescaled,
// a restart, runs left out, engine notices and errors. Text from the URL is rendered as text
// only, long values cut short (noticeText). Informational notices fade after a few seconds
// (held while hovered or focused); warnings and errors stay until dismissed. The store keeps one
// notice per cause; the engine's notices are dismissed here (they stay dismissed while their
// text is the same).
import { useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { usePlayground } from './store';
import { noticeText } from './noticeText';
import { createNoticeClock, noticeLifetime, NOTICE_FADE_OUT_MS, type NoticeKind } from './notices';
import './notices.css';

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
        <Notice kind="warn" testId="url-notice" onDismiss={dismissUrlIssues} what="the notice about the link">
          <strong>Some of the link's settings were not used; defaults stand in for them:</strong>
          <ul>
            {urlIssues.map((i, k) => <li key={k}><code>{noticeText(i.field)}</code>: {noticeText(i.message)}</li>)}
          </ul>
        </Notice>
      )}
      {notices.map((n) => (
        <Notice key={`${n.cause}:${n.serial}`} kind={n.kind} text={n.text} testId="config-notice" onDismiss={() => dismissNotice(n.cause)} />
      ))}
      {skipped.filter(shown).map((n) => <Notice key={`s${n}`} kind="warn" text={n} testId="skipped-notice" onDismiss={() => dismiss(n)} />)}
      {engineOnly.filter(shown).map((n) => <Notice key={`e${n}`} kind="warn" text={n} testId="engine-notice" onDismiss={() => dismiss(n)} />)}
      {error && shown(error) && (
        <Notice kind="error" text={`Training engine error: ${error}`} testId="engine-error" onDismiss={() => dismiss(error)} />
      )}
    </div>
  );
}

interface NoticeProps {
  kind: NoticeKind;
  /** One line of text, shown through noticeText; or children for a richer body. */
  text?: string;
  children?: ReactNode;
  testId: string;
  onDismiss: () => void;
  /** What the dismiss button's label names. */
  what?: string;
}

/** One notice: an informational one fades out and is dismissed after its lifetime, unless hovered or focused. */
export function Notice({ kind, text, children, testId, onDismiss, what = 'this notice' }: NoticeProps) {
  const fading = useNoticeFade(kind, onDismiss);
  return (
    <div className={`notice ${kind}${fading.faded ? ' fading' : ''}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId} data-kind={kind} {...fading.hold}>
      <div className="notice-text">{text !== undefined ? noticeText(text) : children}</div>
      <button type="button" className="small" onClick={onDismiss} aria-label={`Dismiss ${what}`}>Dismiss</button>
    </div>
  );
}

/** The fade of a notice of `kind` (none for warnings and errors), held while the pointer or focus is on it. */
function useNoticeFade(kind: NoticeKind, onDismiss: () => void) {
  const [faded, setFaded] = useState(false);
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  const clock = useRef<ReturnType<typeof createNoticeClock> | null>(null);
  const holds = useRef({ pointer: false, focus: false });
  const lifetime = noticeLifetime(kind);
  useEffect(() => {
    if (lifetime === null) return undefined;
    const c = createNoticeClock(lifetime, NOTICE_FADE_OUT_MS, { fade: () => setFaded(true), expire: () => dismissRef.current() });
    clock.current = c;
    c.start();
    return () => { c.stop(); clock.current = null; };
  }, [lifetime]);
  const hold = (which: 'pointer' | 'focus', on: boolean) => {
    holds.current[which] = on;
    if (!clock.current) return;
    if (holds.current.pointer || holds.current.focus) {
      clock.current.stop();
      setFaded(false);
    } else clock.current.start();
  };
  return {
    faded,
    hold: {
      onPointerEnter: () => hold('pointer', true),
      onPointerLeave: () => hold('pointer', false),
      onFocus: () => hold('focus', true),
      onBlur: (e: FocusEvent<HTMLDivElement>) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hold('focus', false); },
    },
  };
}
