// Form controls that refuse invalid input where it is typed: each keeps its own draft text,
// shows what is wrong next to it (aria-invalid + a message), and commits to the store only a
// value the configuration schema accepts.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { NUMBER_TEXT, checkNumber } from './validation';

interface NumberFieldProps {
  label: string;
  value: number;
  schema: z.ZodType;
  onCommit: (value: number) => void;
  integer?: boolean;
  step?: number | 'any';
  hint?: string;
  className?: string;
  /** Hides the visible label (it stays available to screen readers). */
  compact?: boolean;
  testId?: string;
}

export function NumberField({ label, value, schema, onCommit, integer = false, step = 'any', hint, className, compact, testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // When the store's value changes from elsewhere (a preset, a click on a panel), show it.
  useEffect(() => {
    setDraft((d) => (Number(d) === value && NUMBER_TEXT.test(d) ? d : String(value)));
    setError(null);
  }, [value]);
  const onChange = (text: string) => {
    setDraft(text);
    const checked = checkNumber(text, schema, integer);
    setError(checked.error);
    if (checked.error === null && checked.value !== value) onCommit(checked.value);
  };
  return (
    <div className={`field ${className ?? ''} ${compact ? 'compact' : ''}`}>
      <label htmlFor={id} className={compact ? 'sr-only' : undefined}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={draft}
        step={step}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {error ? (
        <span id={`${id}-err`} className="field-error" role="alert">{error} (kept {value})</span>
      ) : hint ? (
        <span id={`${id}-hint`} className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

interface SelectOption<T extends string> {
  value: T;
  label: string;
  /** A longer description, shown on hover (the full name when the label is short). */
  title?: string;
}

interface SelectFieldProps<T extends string> {
  /** Text, or a glossary Term (a tap on it shows its entry and leaves the select alone). */
  label: ReactNode;
  value: T;
  options: readonly T[] | readonly SelectOption<T>[];
  onChange: (value: T) => void;
  compact?: boolean;
  testId?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, compact, testId }: SelectFieldProps<T>) {
  const id = useId();
  const opts: SelectOption<T>[] = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  const chosen = opts.find((o) => o.value === value);
  return (
    <div className={`field field-select ${compact ? 'compact' : ''}`}>
      <label htmlFor={id} className={compact ? 'sr-only' : undefined}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId} title={chosen?.title ?? chosen?.label}>
        {opts.map((o) => <option key={o.value} value={o.value} title={o.title}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** A free-text field with its own parser (e.g. "20,20" for hidden widths). */
export function TextField<T>({ label, value, format, parse, onCommit, hint, testId }: {
  label: string;
  value: T;
  format: (v: T) => string;
  parse: (text: string) => { value: T; error: null } | { value: null; error: string };
  onCommit: (v: T) => void;
  hint?: string;
  testId?: string;
}) {
  const id = useId();
  const shown = format(value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setDraft(shown); setError(null); }, [shown]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={draft}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const r = parse(e.target.value);
          setError(r.error);
          if (r.error === null && format(r.value as T) !== shown) onCommit(r.value as T);
        }}
        data-testid={testId}
      />
      {error ? <span id={`${id}-err`} className="field-error" role="alert">{error} (kept {shown})</span> : hint ? <span id={`${id}-hint`} className="field-hint">{hint}</span> : null}
    </div>
  );
}

export function Section({ title, children, defaultOpen = true }: { title: string; children: ReactNode; defaultOpen?: boolean }) {
  return (
    <details className="section" open={defaultOpen}>
      <summary>{title}</summary>
      <div className="section-body">{children}</div>
    </details>
  );
}
