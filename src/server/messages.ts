/** Messages the server sends to people (errors, startup lines), in English and French. */
import { defineMessages } from '../i18n/index.js';

export const serverMessages = defineMessages({
  en: {
    'error.validation': 'the request is not valid: {count} problem(s)',
    'error.unauthenticated':
      'authentication required: log in, then send the session cookie or a bearer token',
    'error.session-expired': 'the session has expired or was revoked: log in again',
    'error.bad-credentials': 'unknown user or wrong password',
    'error.forbidden': 'your role ({role}) may not {action}',
    'error.not-found': '{what} not found',
    'error.route-not-found': 'no such endpoint: {method} {url}',
    'error.conflict': '{detail}',
    'error.bad-transition': 'a request cannot go from {from} to {to}',
    'error.changed-meanwhile': '{what} was changed by someone else meanwhile: reload and try again',
    'error.too-large': 'the request body is larger than the limit of {limit} bytes',
    'error.rate-limited': 'too many login attempts: try again in {seconds} s',
    'error.unsupported-media': 'unsupported content type: {type}',
    'error.bad-json': 'the body is not valid JSON',
    'error.internal': 'internal error (reference {ref}); the details are in the server log',
    'error.unavailable': 'the server is shutting down',
    'error.invalid-input': '{detail}',
    'error.map-not-ready': 'the availability map is not ready: its job is {status}',
    'serve.listening': 'Sahelsat server listening on {url} (storage: {storage})',
    'serve.admin-created':
      'created the admin account "admin" with password: {password} (shown once; change it)',
    'serve.stopping': 'stopping: finishing requests and checkpointing jobs…',
    'serve.stopped': 'server stopped',
    'feasibility.feasible': 'feasible: next access of {satellite} at {at} (off-nadir {offNadir}°)',
    'feasibility.delivery': 'delivery at {at}, at the next downlink of {satellite} at {station}',
    'feasibility.no-delivery': 'no delivery: {reason}',
    'feasibility.partial': 'only {percent} % of the area can be acquired, because {reasons}',
    'feasibility.infeasible': 'infeasible because {reasons}',
    'limit.outside-horizon': 'its window does not overlap the planning horizon',
    'limit.no-satellite-of-type': 'no satellite carries the requested sensor type',
    'limit.no-access':
      'no pass (in the direction its strips need) within the sensor field of regard during the window',
    'limit.off-nadir': 'the target is beyond the maximum off-nadir angle',
    'limit.sun': 'the sun is too low over the target',
    'limit.agility': 'the pointing needed is beyond the satellite roll/pitch limits',
    'limit.window-too-short': 'the window is too short for the imaging time of a strip',
    'limit.too-large':
      'a strip needs more imaging time or data than one orbit, the recorder or one downlink allow (cut the AOI smaller)',
    'limit.no-downlink': 'no downlink pass at any station within 24 h after the window',
  },
  fr: {
    'error.validation': 'la requête n’est pas valide : {count} problème(s)',
    'error.unauthenticated':
      'authentification requise : se connecter, puis envoyer le cookie de session ou un jeton bearer',
    'error.session-expired': 'la session a expiré ou a été révoquée : se reconnecter',
    'error.bad-credentials': 'utilisateur inconnu ou mot de passe erroné',
    'error.forbidden': 'votre rôle ({role}) ne permet pas de {action}',
    'error.not-found': '{what} introuvable',
    'error.route-not-found': 'point d’accès inexistant : {method} {url}',
    'error.conflict': '{detail}',
    'error.bad-transition': 'une demande ne peut pas passer de {from} à {to}',
    'error.changed-meanwhile':
      '{what} a été modifié entre-temps par quelqu’un d’autre : recharger et réessayer',
    'error.too-large': 'le corps de la requête dépasse la limite de {limit} octets',
    'error.rate-limited': 'trop de tentatives de connexion : réessayer dans {seconds} s',
    'error.unsupported-media': 'type de contenu non pris en charge : {type}',
    'error.bad-json': 'le corps n’est pas du JSON valide',
    'error.internal':
      'erreur interne (référence {ref}) ; les détails sont dans le journal du serveur',
    'error.unavailable': 'le serveur est en cours d’arrêt',
    'error.invalid-input': '{detail}',
    'error.map-not-ready': 'la carte de disponibilité n’est pas prête : sa tâche est {status}',
    'serve.listening': 'serveur Sahelsat à l’écoute sur {url} (stockage : {storage})',
    'serve.admin-created':
      'compte administrateur « admin » créé avec le mot de passe : {password} (affiché une seule fois ; le changer)',
    'serve.stopping': 'arrêt : fin des requêtes en cours et sauvegarde de l’état des tâches…',
    'serve.stopped': 'serveur arrêté',
    'feasibility.feasible':
      'faisable : prochain accès de {satellite} à {at} (dépointage {offNadir}°)',
    'feasibility.delivery':
      'livraison à {at}, au prochain vidage de {satellite} à la station {station}',
    'feasibility.no-delivery': 'pas de livraison : {reason}',
    'feasibility.partial': 'seuls {percent} % de la zone peuvent être acquis, car {reasons}',
    'feasibility.infeasible': 'non faisable car {reasons}',
    'limit.outside-horizon': 'sa fenêtre ne recouvre pas l’horizon de planification',
    'limit.no-satellite-of-type': 'aucun satellite ne porte le type de capteur demandé',
    'limit.no-access':
      'aucun passage (dans le sens que demandent ses bandes) à portée du capteur pendant la fenêtre',
    'limit.off-nadir': 'la cible est au-delà du dépointage maximal',
    'limit.sun': 'le soleil est trop bas sur la cible',
    'limit.agility': 'le pointage nécessaire dépasse les limites de roulis/tangage du satellite',
    'limit.window-too-short':
      'la fenêtre est trop courte pour le temps de prise de vue d’une bande',
    'limit.too-large':
      'une bande demande plus de temps de prise de vue ou de données qu’une orbite, l’enregistreur ou un vidage ne le permettent (découper la zone)',
    'limit.no-downlink': 'aucun passage de vidage sur une station dans les 24 h après la fenêtre',
  },
});

export type ServerMessageKey = Parameters<typeof serverMessages>[1];
