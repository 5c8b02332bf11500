/** Small pieces every panel uses: the error box (translated, with a retry) and the busy line. */
import type { AppContext } from '../app/context.js';
import './panels.css';
import { errorText } from './errors.js';

export function ErrorBox(p: {
  ns: string;
  ctx: AppContext;
  error: unknown;
  retry?: () => void;
  testid?: string;
}) {
  if (!p.error) return null;
  return (
    <div class="panel-error" role="alert" data-testid={p.testid ?? 'panel-error'}>
      <span>{errorText(p.ctx, p.error, p.ns)}</span>
      {p.retry && (
        <button type="button" onClick={p.retry}>
          {p.ctx.t(`${p.ns}.common.retry`)}
        </button>
      )}
    </div>
  );
}

export function Busy(p: { ns: string; ctx: AppContext; when: boolean }) {
  return p.when ? (
    <p class="panel-busy" aria-live="polite">
      {p.ctx.t(`${p.ns}.common.loading`)}
    </p>
  ) : null;
}
