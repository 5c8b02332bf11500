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
  },
});

export type ServerMessageKey = Parameters<typeof serverMessages>[1];
