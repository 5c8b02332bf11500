/**
 * Messages shared by the panels of this folder. The shell refuses a key defined twice, so they are
 * merged once, through the passes panel's table (the first of these panels in the registry).
 */
export const sharedMessages = {
  en: {
    'panels.error.unavailable':
      'This feature is not available on this server yet (its service is not installed).',
    'panels.error.network': 'The server cannot be reached. Check the connection and try again.',
    'panels.error.forbidden': 'Your role may not do this: {message}',
    'panels.error.server': 'The server refused ({status}): {message}',
    'panels.error.unexpected': 'Something went wrong: {message}',
    'panels.loading': 'Loading…',
    'panels.retry': 'Try again',
    'panels.empty': 'Nothing to show.',
    'panels.close': 'Close',
    'nation.ML': 'Mali',
    'nation.BF': 'Burkina Faso',
    'nation.NE': 'Niger',
    'nation.AES': 'Joint centre (AES)',
  },
  fr: {
    'panels.error.unavailable':
      'Cette fonction n’est pas encore disponible sur ce serveur (son service n’est pas installé).',
    'panels.error.network': 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
    'panels.error.forbidden': 'Votre rôle ne permet pas cette action : {message}',
    'panels.error.server': 'Le serveur a refusé ({status}) : {message}',
    'panels.error.unexpected': 'Une erreur est survenue : {message}',
    'panels.loading': 'Chargement…',
    'panels.retry': 'Réessayer',
    'panels.empty': 'Rien à afficher.',
    'panels.close': 'Fermer',
    'nation.ML': 'Mali',
    'nation.BF': 'Burkina Faso',
    'nation.NE': 'Niger',
    'nation.AES': 'Centre conjoint (AES)',
  },
};
