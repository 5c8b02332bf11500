import { defineMessages } from '../i18n/index.js';

export const sharedMessages = defineMessages({
  en: {
    warning: 'warning:',
    error: 'error:',
    expected: 'expected',
    got: 'got',
    'file.unreadable': 'cannot read the file ({code})',
    'catalog.skipped': '{bad} problems found; {good} element sets loaded',
    'catalog.empty': 'no usable element set in the file',
    'norad.bad': 'bad catalogue number',
    'norad.missing': 'catalogue numbers not in the file: {ids}',
    'option.bad': 'bad option value',
    'station.bad': 'unknown station',
  },
  fr: {
    warning: 'avertissement :',
    error: 'erreur :',
    expected: 'attendu',
    got: 'reçu',
    'file.unreadable': 'impossible de lire le fichier ({code})',
    'catalog.skipped': '{bad} problèmes trouvés ; {good} jeux d’éléments chargés',
    'catalog.empty': 'aucun jeu d’éléments utilisable dans le fichier',
    'norad.bad': 'numéro de catalogue invalide',
    'norad.missing': 'numéros de catalogue absents du fichier : {ids}',
    'option.bad': 'valeur d’option invalide',
    'station.bad': 'station inconnue',
  },
});
