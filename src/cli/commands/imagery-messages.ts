import { defineMessages } from '../../i18n/index.js';

/** Messages of the imagery commands (flood, change). */
export const imageryMessages = defineMessages({
  en: {
    'flood.description':
      'map water / flood extent from Sentinel-1 (and optionally Sentinel-2, a pre-event scene, a permanent-water reference)',
    'flood.s1': 'Sentinel-1 GRD GeoTIFF/COG (VV, VH; dB or linear); its grid is the product grid',
    'flood.s2':
      'Sentinel-2 L1C/L2A GeoTIFF (fused with the radar; resampled onto the Sentinel-1 grid if needed)',
    'flood.pre': 'pre-event Sentinel-1 scene: only new water is flood',
    'flood.permanent':
      'permanent-water raster (value ≥ 1 = permanent water), removed from the flood',
    'opt.out': 'output directory',
    'opt.s1Bands':
      'Sentinel-1 bands, 1-based, e.g. VV=1,VH=2 (default: band descriptions, else VV,VH)',
    'opt.s1Units': 'Sentinel-1 units: db, linear or auto (default auto)',
    'opt.s2Bands':
      'Sentinel-2 bands, 1-based, e.g. green=3,nir=8,swir1=12 (default: by band count)',
    'opt.s2Offset':
      'Sentinel-2 radiometric offset added to the digital numbers (−1000 for baseline ≥ 04.00)',
    'opt.s2Scale': 'Sentinel-2 quantification value (default 10000)',
    'opt.cloud': 'cloud mask raster on the Sentinel-2 grid',
    'opt.cloudKind': 'cloud mask kind: scl, qa60 or binary (default binary)',
    'opt.mmu': 'minimum mapping unit, m² (default 1000)',
    'opt.speckle': 'speckle filter radius in pixels, 0 = none (default 1: 3×3)',
    'opt.connectivity': 'polygon connectivity: 8 or 4 (default 8)',
    'opt.progress': 'show a progress bar even when stderr is not a terminal',
    'change.description':
      'map changes between two scenes of the same area (radar log-ratio, optical index difference)',
    'change.before': 'scene before (GeoTIFF/COG)',
    'change.after':
      'scene after; its grid is the product grid (the scene before is resampled onto it if needed)',
    'change.kind': 'radar or optical (default: radar for 1–2 bands, optical otherwise)',
    'phase.thresholds': 'thresholds',
    'phase.classify': 'classifying',
    'phase.polygons': 'polygons',
    'phase.geojson': 'GeoJSON',
    'phase.cog': 'COG',
    'summary.water':
      'water: {water} km² of {valid} km² valid ({share} %), {polygons} polygons; nodata {nodata} km²',
    'summary.thresholds':
      'threshold {feature}: {threshold} {unit} ({method}, {selected}/{total} tiles)',
    'summary.change': 'water gain: {gain} km², water loss: {loss} km², {polygons} polygons',
    'summary.written': 'written to {dir}: {files}',
    'warning.no-bimodal-tiles':
      'warning: too few tiles show both water and land; thresholds come from the whole scene and may be unreliable',
    'warning.weak-separation':
      'warning: water and land are poorly separated in a feature; check the product',
    'warning.no-significant-change': 'warning: no significant change was found between the scenes',
    'warning.feature-constant':
      'warning: a feature has a single value over the scene and was ignored',
    'error.needInput': 'give --s1 FILE (and optionally --s2 FILE)',
    'error.badNumber': 'option {option} expects a number, got "{value}"',
  },
  fr: {
    'flood.description':
      'cartographier l’étendue de l’eau / de l’inondation à partir de Sentinel-1 (et en option Sentinel-2, une scène avant l’événement, une référence d’eau permanente)',
    'flood.s1':
      'GeoTIFF/COG Sentinel-1 GRD (VV, VH ; dB ou linéaire) ; sa grille est celle du produit',
    'flood.s2':
      'GeoTIFF Sentinel-2 L1C/L2A (fusionné avec le radar ; rééchantillonné sur la grille Sentinel-1 si besoin)',
    'flood.pre': 'scène Sentinel-1 avant l’événement : seule l’eau nouvelle est inondation',
    'flood.permanent':
      'raster d’eau permanente (valeur ≥ 1 = eau permanente), retirée de l’inondation',
    'opt.out': 'répertoire de sortie',
    'opt.s1Bands':
      'bandes Sentinel-1, numérotées à partir de 1, p. ex. VV=1,VH=2 (par défaut : descriptions des bandes, sinon VV,VH)',
    'opt.s1Units': 'unités Sentinel-1 : db, linear ou auto (par défaut auto)',
    'opt.s2Bands':
      'bandes Sentinel-2, numérotées à partir de 1, p. ex. green=3,nir=8,swir1=12 (par défaut : selon le nombre de bandes)',
    'opt.s2Offset':
      'décalage radiométrique Sentinel-2 ajouté aux comptes numériques (−1000 pour la version ≥ 04.00)',
    'opt.s2Scale': 'valeur de quantification Sentinel-2 (par défaut 10000)',
    'opt.cloud': 'masque de nuages sur la grille Sentinel-2',
    'opt.cloudKind': 'type de masque de nuages : scl, qa60 ou binary (par défaut binary)',
    'opt.mmu': 'unité minimale de cartographie, m² (par défaut 1000)',
    'opt.speckle': 'rayon du filtre de chatoiement en pixels, 0 = aucun (par défaut 1 : 3×3)',
    'opt.connectivity': 'connexité des polygones : 8 ou 4 (par défaut 8)',
    'opt.progress': 'afficher la barre de progression même si stderr n’est pas un terminal',
    'change.description':
      'cartographier les changements entre deux scènes d’une même zone (log-rapport radar, différence d’indice optique)',
    'change.before': 'scène avant (GeoTIFF/COG)',
    'change.after':
      'scène après ; sa grille est celle du produit (la scène avant y est rééchantillonnée si besoin)',
    'change.kind': 'radar ou optical (par défaut : radar pour 1 à 2 bandes, optique sinon)',
    'phase.thresholds': 'seuils',
    'phase.classify': 'classification',
    'phase.polygons': 'polygones',
    'phase.geojson': 'GeoJSON',
    'phase.cog': 'COG',
    'summary.water':
      'eau : {water} km² sur {valid} km² valides ({share} %), {polygons} polygones ; sans donnée {nodata} km²',
    'summary.thresholds':
      'seuil {feature} : {threshold} {unit} ({method}, {selected}/{total} tuiles)',
    'summary.change': 'gain d’eau : {gain} km², perte d’eau : {loss} km², {polygons} polygones',
    'summary.written': 'écrit dans {dir} : {files}',
    'warning.no-bimodal-tiles':
      'attention : trop peu de tuiles montrent à la fois eau et terre ; les seuils viennent de toute la scène et peuvent être peu fiables',
    'warning.weak-separation':
      'attention : eau et terre sont mal séparées dans une variable ; vérifier le produit',
    'warning.no-significant-change': 'attention : aucun changement significatif entre les scènes',
    'warning.feature-constant':
      'attention : une variable a une seule valeur sur la scène et a été ignorée',
    'error.needInput': 'donner --s1 FICHIER (et en option --s2 FICHIER)',
    'error.badNumber': 'l’option {option} attend un nombre, reçu « {value} »',
  },
});
