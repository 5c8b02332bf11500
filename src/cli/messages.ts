import { defineMessages } from '../i18n/index.js';

/** Messages shared by every command. */
export const cliMessages = defineMessages({
  en: {
    'program.description':
      'Sahelsat: ground segment of the Mali–Burkina Faso–Niger satellite programme',
    'option.lang': 'language of messages: en or fr (default: from SAHELSAT_LANG or LANG)',
    'option.help': 'display help for command',
    'option.helpCommand': 'display help for a command',
    'error.prefix': 'error:',
    'warning.prefix': 'warning:',
    'error.unexpected': 'unexpected error (run with SAHELSAT_DEBUG=1 for details):',
    expected: 'expected',
    got: 'got',
    interrupted: 'interrupted; nothing was written',
  },
  fr: {
    'program.description':
      'Sahelsat : segment sol du programme satellitaire Mali–Burkina Faso–Niger',
    'option.lang': 'langue des messages : en ou fr (par défaut : SAHELSAT_LANG ou LANG)',
    'option.help': 'affiche l’aide de la commande',
    'option.helpCommand': 'affiche l’aide d’une commande',
    'error.prefix': 'erreur :',
    'warning.prefix': 'avertissement :',
    'error.unexpected': 'erreur inattendue (relancer avec SAHELSAT_DEBUG=1 pour les détails) :',
    expected: 'attendu',
    got: 'reçu',
    interrupted: 'interrompu ; rien n’a été écrit',
  },
});
