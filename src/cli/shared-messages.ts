import { defineMessages } from '../i18n/index.js';

export const sharedMessages = defineMessages({
  en: {
    warning: 'warning',
    error: 'error',
    'file.unreadable': 'cannot read the file ({code})',
    'catalog.skipped': '{bad} bad entries skipped, {good} loaded',
    'catalog.empty': 'no usable element set in the file',
    'norad.bad': 'bad catalogue number',
    'norad.missing': 'catalogue numbers not in the file: {ids}',
    'option.bad': 'bad option value',
    'station.bad': 'unknown station',
  },
  fr: {
    warning: 'avertissement',
    error: 'erreur',
    'file.unreadable': 'impossible de lire le fichier ({code})',
    'catalog.skipped': '{bad} entrées erronées ignorées, {good} chargées',
    'catalog.empty': 'aucun jeu d’éléments utilisable dans le fichier',
    'norad.bad': 'numéro de catalogue invalide',
    'norad.missing': 'numéros de catalogue absents du fichier : {ids}',
    'option.bad': 'valeur d’option invalide',
    'station.bad': 'station inconnue',
  },
});
