/**
 * Pass reminders: kept in the page (and in localStorage, so a reload keeps them), checked every
 * second against the wall clock (not the time slider: a reminder is about the real pass).
 */
import { signal, type Signal } from '@preact/signals';
import type { AppContext } from '../../app/context.js';
import type { Pass } from '../../panel-kit/dto.js';
import { showToast } from '../../panel-kit/toasts.js';
import { reminderAt } from './timeline.js';

export interface Reminder {
  key: string;
  stationId: string;
  stationName: string;
  satelliteId: string;
  satelliteName: string;
  aos: string;
  leadMin: number;
  fired: boolean;
}
const STORAGE = 'sahelsat.passReminders';

export interface ReminderStore {
  list: Signal<Reminder[]>;
  add(pass: Pass, stationName: string, leadMin: number): boolean;
  remove(key: string): void;
  stop(): void;
}

function load(): Reminder[] {
  try {
    const raw = localStorage.getItem(STORAGE);
    const v = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(v) ? (v as Reminder[]) : [];
  } catch {
    return [];
  }
}

const stores = new WeakMap<object, ReminderStore>();

/** The reminders of a dashboard context: created at first use, its clock runs while the page lives. */
export function reminders(ctx: AppContext): ReminderStore {
  let s = stores.get(ctx);
  if (!s) {
    s = createReminders(ctx);
    stores.set(ctx, s);
  }
  return s;
}

function createReminders(ctx: AppContext): ReminderStore {
  const list = signal<Reminder[]>(load().filter((r) => Date.parse(r.aos) > Date.now()));
  const save = () => {
    try {
      localStorage.setItem(STORAGE, JSON.stringify(list.value));
    } catch {
      /* private mode: reminders stay in this page */
    }
  };
  const fire = (r: Reminder) => {
    const minutes = Math.max(0, Math.round((Date.parse(r.aos) - Date.now()) / 60_000));
    const text = ctx.t('passes.reminder.fired', {
      satellite: r.satelliteName,
      station: r.stationName,
      minutes,
      aos: ctx.formatTime(r.aos),
    });
    showToast(text, {
      kind: 'alert',
      testid: 'pass-reminder-toast',
      ttlMs: 0,
      closeLabel: ctx.t('passes.common.close'),
    });
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(ctx.t('passes.reminder.notifyTitle'), { body: text, tag: r.key });
      } catch {
        /* some browsers only allow notifications from a service worker: the toast is shown */
      }
    }
  };
  const timer = setInterval(() => {
    const now = Date.now();
    let changed = false;
    const next = list.value.map((r) => {
      if (!r.fired && now >= reminderAt(Date.parse(r.aos), r.leadMin)) {
        fire(r);
        changed = true;
        return { ...r, fired: true };
      }
      return r;
    });
    const kept = next.filter((r) => Date.parse(r.aos) > now - 3_600_000);
    if (changed || kept.length !== next.length) {
      list.value = kept;
      save();
    }
  }, 1000);
  return {
    list,
    add(pass, stationName, leadMin) {
      if (reminderAt(Date.parse(pass.aos), leadMin) <= Date.now()) return false;
      const key = `${pass.stationId}/${pass.satelliteId}/${pass.aos}`;
      const r: Reminder = {
        key,
        stationId: pass.stationId,
        stationName,
        satelliteId: pass.satelliteId,
        satelliteName: pass.satelliteName,
        aos: pass.aos,
        leadMin,
        fired: false,
      };
      list.value = [...list.value.filter((x) => x.key !== key), r];
      save();
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
        void Notification.requestPermission().catch(() => undefined);
      }
      return true;
    },
    remove(key) {
      list.value = list.value.filter((x) => x.key !== key);
      save();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
