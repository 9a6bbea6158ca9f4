// The notices of both pages as typed records. A notice has a cause (what it is about: a restart,
// the link, an export, ...), a kind and its text. A page keeps one notice per cause, the newest;
// informational notices fade after a few seconds, warnings and errors stay until dismissed; no
// phrase is said twice in one notice.

/** info fades by itself; warn (e.g. settings of a link that were not used) and error stay until dismissed. */
export type NoticeKind = 'info' | 'warn' | 'error';

export interface NoticeRecord {
  /** What the notice is about; a newer notice of the same cause replaces it. */
  readonly cause: string;
  readonly kind: NoticeKind;
  readonly text: string;
  /** Tells a notice from an earlier one of the same cause and text (a new one gets its whole lifetime); putNotice sets it. */
  readonly serial?: number;
}

/** How long an informational notice stays (while it is neither hovered nor focused). */
export const NOTICE_FADE_MS = 7000;
/** The last part of that time, in which it fades out (none when the reader prefers reduced motion). */
export const NOTICE_FADE_OUT_MS = 1000;

/** Causes shared by both pages. */
export const NOTICE_CAUSES = {
  restart: 'restart',
  link: 'link',
  targetWeights: 'target-weights',
  export: 'export',
  error: 'error',
} as const;

/** How long a notice of `kind` stays by itself, or null when it stays until dismissed. */
export function noticeLifetime(kind: NoticeKind): number | null {
  return kind === 'info' ? NOTICE_FADE_MS : null;
}

/**
 * `text` with every phrase of a list said before in it left out. Phrases are the parts between
 * punctuation; a phrase after ", " or "; " that repeats an earlier one (without case and
 * surrounding space) goes with its separator: "(the start point changed, the start point
 * changed)" reads "(the start point changed)".
 */
export function withoutRepeatedPhrases(text: string): string {
  const parts = text.split(/([,;:()]\s*)/u);
  const seen = new Set<string>();
  let out = parts[0];
  seen.add(parts[0].trim().toLowerCase());
  for (let i = 2; i < parts.length; i += 2) {
    const separator = parts[i - 1];
    const key = parts[i].trim().toLowerCase();
    if (key !== '' && seen.has(key) && /^[,;]\s+$/u.test(separator)) continue;
    seen.add(key);
    out += separator + parts[i];
  }
  return out;
}

/** `list` with `notice` in place of any notice of its cause (at the end: it is the newest), its text said once. */
export function putNotice(list: readonly NoticeRecord[], notice: NoticeRecord): NoticeRecord[] {
  const text = withoutRepeatedPhrases(notice.text);
  const kept = list.filter((n) => n.cause !== notice.cause);
  const serial = list.reduce((last, n) => Math.max(last, n.serial ?? 0), 0) + 1;
  return [...kept, { ...notice, text, serial }];
}

/** `list` without the notice of `cause`. */
export function dropNotice(list: readonly NoticeRecord[], cause: string): NoticeRecord[] {
  return list.filter((n) => n.cause !== cause);
}

/** The notice actions of both pages' stores. */
export interface NoticeActions {
  dismissNotice: (cause: string) => void;
  /** Shows a one-line notice (by default an error, e.g. a failed export, kept until dismissed) in place of any of its cause. */
  notify: (message: string, kind?: NoticeKind, cause?: string) => void;
}

/** Those actions over a store's `notices`, given the store's set. */
export function noticeActions(set: (update: (s: { notices: NoticeRecord[] }) => { notices: NoticeRecord[] }) => void): NoticeActions {
  return {
    dismissNotice: (cause) => set((s) => ({ notices: dropNotice(s.notices, cause) })),
    notify: (message, kind = 'error', cause = NOTICE_CAUSES.export) => set((s) => ({ notices: putNotice(s.notices, { cause, kind, text: message }) })),
  };
}

/**
 * The clock of one notice that fades: `fade` runs `fadeOut` ms before `expire`, which runs
 * `lifetime` ms after start. stop holds it (the notice is hovered or focused, so a reader is
 * never cut short); start again gives it its whole lifetime.
 */
export function createNoticeClock(lifetime: number, fadeOut: number, on: { fade: () => void; expire: () => void }) {
  let timers: ReturnType<typeof setTimeout>[] = [];
  const stop = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
  };
  const start = () => {
    stop();
    timers = [setTimeout(on.fade, Math.max(0, lifetime - fadeOut)), setTimeout(on.expire, lifetime)];
  };
  return { start, stop };
}
