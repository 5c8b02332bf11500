import type { Messages } from '../../app/context.js';
import { commonMessages } from '../../panel-kit/messages.js';

const common = commonMessages('passes');

export const messages: Messages = {
  en: {
    ...common.en,
    'passes.title': 'Passes',
    'passes.heading': 'Passes of the next 24 h from {start}',
    'passes.station': 'Station',
    'passes.none': 'No pass in this window.',
    'passes.count': '{n} passes',
    'passes.pass':
      '{satellite} over {station}: rises {aos}, culminates at {maxEl}° at {tca}, sets {los} ({minutes} min)',
    'passes.now': 'shown instant',
    'passes.sky.title': 'Sky plot',
    'passes.sky.select': 'Select a pass on the timeline to see its path across the sky.',
    'passes.sky.caption':
      '{satellite} seen from {station}: azimuth and elevation from AOS {aos} to LOS {los}, maximum {maxEl}°',
    'passes.sky.noElements': 'No element set for this satellite: the sky plot cannot be drawn.',
    'passes.sky.error': 'The sky track cannot be computed: {message}',
    'passes.sky.aos': 'AOS',
    'passes.sky.los': 'LOS',
    'passes.sky.north': 'N',
    'passes.sky.east': 'E',
    'passes.sky.south': 'S',
    'passes.sky.west': 'W',
    'passes.reminder.title': 'Reminder',
    'passes.reminder.lead': 'Minutes before AOS',
    'passes.reminder.set': 'Remind me before this pass',
    'passes.reminder.cancel': 'Cancel reminder',
    'passes.reminder.list': 'Reminders',
    'passes.reminder.item': '{satellite} over {station} at {aos} ({lead} min before)',
    'passes.reminder.fired': '{satellite} rises over {station} in {minutes} min (AOS {aos}).',
    'passes.reminder.past': 'This pass starts too soon for that lead time.',
    'passes.reminder.denied':
      'The browser does not allow notifications: reminders appear in this page only.',
    'passes.reminder.notifyTitle': 'Sahelsat pass reminder',
  },
  fr: {
    ...common.fr,
    'passes.title': 'Passages',
    'passes.heading': 'Passages des prochaines 24 h à partir de {start}',
    'passes.station': 'Station',
    'passes.none': 'Aucun passage dans cette fenêtre.',
    'passes.count': '{n} passages',
    'passes.pass':
      '{satellite} au-dessus de {station} : lever {aos}, culmination à {maxEl}° à {tca}, coucher {los} ({minutes} min)',
    'passes.now': 'instant affiché',
    'passes.sky.title': 'Diagramme du ciel',
    'passes.sky.select':
      'Sélectionnez un passage sur la frise pour voir sa trajectoire dans le ciel.',
    'passes.sky.caption':
      '{satellite} vu depuis {station} : azimut et élévation de l’AOS {aos} à la LOS {los}, maximum {maxEl}°',
    'passes.sky.noElements':
      'Pas de jeu d’éléments pour ce satellite : le diagramme du ciel ne peut pas être tracé.',
    'passes.sky.error': 'La trajectoire ne peut pas être calculée : {message}',
    'passes.sky.aos': 'AOS',
    'passes.sky.los': 'LOS',
    'passes.sky.north': 'N',
    'passes.sky.east': 'E',
    'passes.sky.south': 'S',
    'passes.sky.west': 'O',
    'passes.reminder.title': 'Rappel',
    'passes.reminder.lead': 'Minutes avant l’AOS',
    'passes.reminder.set': 'Me prévenir avant ce passage',
    'passes.reminder.cancel': 'Annuler le rappel',
    'passes.reminder.list': 'Rappels',
    'passes.reminder.item': '{satellite} au-dessus de {station} à {aos} ({lead} min avant)',
    'passes.reminder.fired':
      '{satellite} se lève au-dessus de {station} dans {minutes} min (AOS {aos}).',
    'passes.reminder.past': 'Ce passage commence trop tôt pour ce délai.',
    'passes.reminder.denied':
      'Le navigateur n’autorise pas les notifications : les rappels s’affichent dans cette page seulement.',
    'passes.reminder.notifyTitle': 'Rappel de passage Sahelsat',
  },
};
