import type { Messages } from '../../app/context.js';
import { commonMessages } from '../../panel-kit/messages.js';

const common = commonMessages('export');

export const messages: Messages = {
  en: {
    ...common.en,
    'export.title': 'Export',
    'export.intro': 'Save what the dashboard shows as files (nothing is sent anywhere).',
    'export.passes': 'Passes of the next 24 h (timeline window)',
    'export.plan': 'Latest plan version (acquisitions and downlinks)',
    'export.areas': 'Areas: requests and areas of interest',
    'export.products': 'Products shown on the map',
    'export.count': '{n} items',
    'export.nothing': 'Nothing to export here yet.',
    'export.saved': '{file} saved ({n} items).',
  },
  fr: {
    ...common.fr,
    'export.title': 'Export',
    'export.intro':
      'Enregistrez ce qu’affiche le tableau de bord dans des fichiers (rien n’est envoyé ailleurs).',
    'export.passes': 'Passages des prochaines 24 h (fenêtre de la frise)',
    'export.plan': 'Dernière version du plan (acquisitions et vidages)',
    'export.areas': 'Zones : demandes et zones d’intérêt',
    'export.products': 'Produits affichés sur la carte',
    'export.count': '{n} éléments',
    'export.nothing': 'Rien à exporter ici pour l’instant.',
    'export.saved': '{file} enregistré ({n} éléments).',
  },
};
