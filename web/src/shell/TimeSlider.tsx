/**
 * The time slider every view follows: ±48 h around now in minutes, play at a chosen speed,
 * one click back to live.
 */
import type { AppContext } from '../app/context.js';
import type { PlayableTimeStore } from '../app/time.js';

const RANGE_H = 48;
const SPEEDS = [1, 10, 60, 300, 1800];

export function TimeSlider(p: { ctx: AppContext; time: PlayableTimeStore }) {
  const { ctx, time } = p;
  const { t } = ctx;
  const shown = time.now.value;
  const live = time.live.value;
  const speed = time.speed.value;
  const offsetH = live ? 0 : (shown - Date.now()) / 3_600_000;
  const clamped = Math.max(-RANGE_H, Math.min(RANGE_H, offsetH));
  const abs = Math.abs(Math.round(offsetH * 60));
  const mode = live
    ? t('shell.time.is-live')
    : offsetH < 0
      ? t('shell.time.replay')
      : t('shell.time.preview');
  return (
    <section class="time-slider" aria-label={t('shell.time.label')} data-testid="time-slider">
      <div class="time-readout">
        <span class={`badge ${live ? 'live' : 'sim'}`} data-testid="time-mode">
          {mode}
        </span>
        <output data-testid="time-shown" aria-live="off">
          {ctx.formatTime(shown, { seconds: true })}
        </output>
        {!live && (
          <span class="muted" data-testid="time-offset">
            {t('shell.time.offset', {
              sign: offsetH < 0 ? '−' : '+',
              hours: Math.floor(abs / 60),
              minutes: abs % 60,
            })}
          </span>
        )}
      </div>
      <div class="time-controls">
        <button
          type="button"
          onClick={() => time.set(time.displayNow() - 3_600_000)}
          data-testid="time-back"
        >
          {t('shell.time.back-hour')}
        </button>
        <input
          type="range"
          min={-RANGE_H}
          max={RANGE_H}
          step={1 / 60}
          value={clamped}
          aria-label={t('shell.time.slider')}
          aria-valuetext={ctx.formatTime(shown)}
          onInput={(e) => time.set(Date.now() + Number(e.currentTarget.value) * 3_600_000)}
          data-testid="time-range"
        />
        <button
          type="button"
          onClick={() => time.set(time.displayNow() + 3_600_000)}
          data-testid="time-forward"
        >
          {t('shell.time.forward-hour')}
        </button>
        <button
          type="button"
          aria-pressed={!live && speed > 0}
          onClick={() => time.setSpeed(!live && speed > 0 ? 0 : 60)}
          data-testid="time-play"
        >
          {!live && speed > 0 ? t('shell.time.pause') : t('shell.time.play')}
        </button>
        <label class="inline">
          {t('shell.time.speed')}
          <select
            value={String(live ? 1 : speed)}
            onChange={(e) => time.setSpeed(Number(e.currentTarget.value))}
            data-testid="time-speed"
          >
            {[0, ...SPEEDS].map((s) => (
              <option key={s} value={String(s)}>
                {s === 0 ? '0×' : `${s}×`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class={live ? 'primary' : 'accent'}
          disabled={live}
          onClick={() => time.goLive()}
          data-testid="time-live"
        >
          {t('shell.time.live')}
        </button>
      </div>
    </section>
  );
}
