/** Messages shared by the panels of dash-panels (errors, busy line, nations). */
const COMMON = {
  en: {
    'error.unavailable':
      'This feature is not available on this server yet (its service is not installed).',
    'error.network': 'The server cannot be reached. Check the connection and try again.',
    'error.forbidden': 'Your role may not do this: {message}',
    'error.server': 'The server refused ({status}): {message}',
    'error.unexpected': 'Something went wrong: {message}',
    loading: 'Loading…',
    retry: 'Try again',
    empty: 'Nothing to show.',
    close: 'Close',
    'nation.ML': 'Mali',
    'nation.BF': 'Burkina Faso',
    'nation.NE': 'Niger',
    'nation.AES': 'Joint centre (AES)',
  },
  fr: {
    'error.unavailable':
      'Cette fonction n’est pas encore disponible sur ce serveur (son service n’est pas installé).',
    'error.network': 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
    'error.forbidden': 'Votre rôle ne permet pas cette action : {message}',
    'error.server': 'Le serveur a refusé ({status}) : {message}',
    'error.unexpected': 'Une erreur est survenue : {message}',
    loading: 'Chargement…',
    retry: 'Réessayer',
    empty: 'Rien à afficher.',
    close: 'Fermer',
    'nation.ML': 'Mali',
    'nation.BF': 'Burkina Faso',
    'nation.NE': 'Niger',
    'nation.AES': 'Centre conjoint (AES)',
  },
};

/**
 * Messages every panel needs (errors, busy line, nations), under the panel's own namespace:
 * `<ns>.common.<key>`. Each panel spreads them into its table, so each stands alone and the
 * shell's merge sees no key twice.
 */
export function commonMessages(ns: string): {
  en: Record<string, string>;
  fr: Record<string, string>;
} {
  const prefix = (t: Record<string, string>) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [`${ns}.common.${k}`, v]));
  return { en: prefix(COMMON.en), fr: prefix(COMMON.fr) };
}
