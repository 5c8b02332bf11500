/** The regional crops of the ITU-R maps (reference data, read in place). */
import { referencePath } from '../../support/reference.js';
import { openMapDirectory, readOxygenHeightTable } from '../../../src/io/itur-maps.js';

export const SAHEL_MAPS_DIR = referencePath('itur', 'maps-sahel');
export const sahelMaps = openMapDirectory(SAHEL_MAPS_DIR);
export const h0Table = readOxygenHeightTable(SAHEL_MAPS_DIR)!;
