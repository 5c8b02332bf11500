/**
 * Toasts: short messages shown over the page whatever panel is open (a new alert, a pass
 * reminder). One host element per document, rendered with Preact; each toast stays until closed
 * or for `ttlMs`. Announced to screen readers (role="status", or "alert" for urgent ones).
 */
import { signal } from '@preact/signals';
import { render } from 'preact';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'alert';
  testid: string;
}

const toasts = signal<Toast[]>([]);
let next = 0;
let host: HTMLElement | null = null;

function Toasts(p: { closeLabel: string }) {
  return (
    <div class="toasts">
      {toasts.value.map((t) => (
        <div
          key={t.id}
          class={`toast toast-${t.kind}`}
          role={t.kind === 'alert' ? 'alert' : 'status'}
          data-testid={t.testid}
        >
          <span>{t.text}</span>
          <button type="button" aria-label={p.closeLabel} onClick={() => dismissToast(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

/** Shows a toast; returns its id. */
export function showToast(
  text: string,
  opts: { kind?: Toast['kind']; testid?: string; ttlMs?: number; closeLabel?: string } = {},
): number {
  if (!host) {
    host = document.createElement('div');
    host.id = 'sahelsat-toasts';
    document.body.appendChild(host);
    render(<Toasts closeLabel={opts.closeLabel ?? '×'} />, host);
  }
  const id = ++next;
  toasts.value = [
    ...toasts.value,
    { id, text, kind: opts.kind ?? 'info', testid: opts.testid ?? 'toast' },
  ].slice(-5);
  if (opts.ttlMs !== 0) setTimeout(() => dismissToast(id), opts.ttlMs ?? 15_000);
  return id;
}
