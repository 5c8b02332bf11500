/** The texts of generated alerts, in English and French, and number/date formatting per language. */
import { type Lang, defineMessages } from '../i18n/index.js';

export type { Lang };

export const t = defineMessages({
  en: {
    'flood.event': 'Flood',
    'flood.headline': 'Flooding, {zone}: {area} km² ({share})',
    'flood.description':
      'The flood map “{title}” (satellite acquisition of {date}) shows {area} km² under water in {zone}, {share} of its area, at or above the alert threshold of {threshold} km².',
    'flood.previous': 'The previous map showed {previous} km².',
    'flood.towns': 'Towns in or near the flooded area: {list}.',
    'change.event': 'Land surface change',
    'change.headline': 'Change detected, {zone}: {area} km² ({share})',
    'change.description':
      'The change map “{title}” (satellite acquisition of {date}) shows {area} km² changed in {zone}, {share} of its area, at or above the alert threshold of {threshold} km².',
    'town.inside': '{name} ({population} inhabitants, inside)',
    'town.near': '{name} ({population} inhabitants, {km} km away)',
    'type.flood': 'flood map',
    'type.change': 'change map',
    'product.event': 'New imagery product',
    'product.headline': 'New {type} over {aoi}: {title}',
    'product.description':
      'A new {type} “{title}” covers the area of interest {aoi} (satellite acquisition of {date}; {area} km² mapped).',
    'request.delivered.event': 'Acquisition delivered',
    'request.delivered.headline': 'Request “{title}” delivered',
    'request.delivered.description':
      'The imaging request “{title}” was delivered on {date}. Note: {reason}.',
    'request.failed.event': 'Acquisition failed',
    'request.failed.headline': 'Request “{title}” failed',
    'request.failed.description':
      'The imaging request “{title}” failed on {date}. Reason: {reason}.',
    'request.no-reason': 'none given',
  },
  fr: {
    'flood.event': 'Inondation',
    'flood.headline': 'Inondation, {zone} : {area} km² ({share})',
    'flood.description':
      'La carte d’inondation « {title} » (acquisition satellite du {date}) montre {area} km² sous les eaux dans la zone {zone}, soit {share} de sa superficie, au-delà du seuil d’alerte de {threshold} km².',
    'flood.previous': 'La carte précédente montrait {previous} km².',
    'flood.towns': 'Localités dans la zone inondée ou à proximité : {list}.',
    'change.event': 'Changement de la surface terrestre',
    'change.headline': 'Changement détecté, {zone} : {area} km² ({share})',
    'change.description':
      'La carte de changement « {title} » (acquisition satellite du {date}) montre {area} km² modifiés dans la zone {zone}, soit {share} de sa superficie, au-delà du seuil d’alerte de {threshold} km².',
    'town.inside': '{name} ({population} habitants, dans la zone)',
    'town.near': '{name} ({population} habitants, à {km} km)',
    'type.flood': 'carte d’inondation',
    'type.change': 'carte de changement',
    'product.event': 'Nouveau produit d’imagerie',
    'product.headline': 'Nouvelle {type} sur {aoi} : {title}',
    'product.description':
      'Une nouvelle {type} « {title} » couvre la zone d’intérêt {aoi} (acquisition satellite du {date} ; {area} km² cartographiés).',
    'request.delivered.event': 'Acquisition livrée',
    'request.delivered.headline': 'Demande « {title} » livrée',
    'request.delivered.description':
      'La demande d’imagerie « {title} » a été livrée le {date}. Remarque : {reason}.',
    'request.failed.event': 'Acquisition en échec',
    'request.failed.headline': 'Demande « {title} » en échec',
    'request.failed.description':
      'La demande d’imagerie « {title} » a échoué le {date}. Motif : {reason}.',
    'request.no-reason': 'aucun motif donné',
  },
});

const LOCALE = { en: 'en-GB', fr: 'fr-FR' } as const;

/** A number with grouping, `digits` decimals at most (default 1 below 100, else 0). */
export function formatArea(v: number, l: Lang, digits?: number): string {
  const d = digits ?? (Math.abs(v) < 100 ? (Math.abs(v) < 1 ? 3 : 1) : 0);
  return new Intl.NumberFormat(LOCALE[l], { maximumFractionDigits: d }).format(v);
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(share: number, l: Lang): string {
  return new Intl.NumberFormat(LOCALE[l], {
    style: 'percent',
    maximumFractionDigits: share < 0.01 ? 2 : 1,
  }).format(share);
}

/** An ISO instant as `29/11/2026 22:40 UTC` (en-GB) or `29/11/2026 22:40 UTC` (fr). */
export function formatInstant(iso: string, l: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = new Intl.DateTimeFormat(LOCALE[l], {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${s.replace(',', '')} UTC`;
}
