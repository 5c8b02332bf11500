/**
 * The satellite layer, for the shell's own panels (the satellites panel lists what the map
 * propagates). A Preact context rather than a field of AppContext: other panels need not know it.
 */
import { createContext } from 'preact';
import type { SatelliteLayer } from './satellites.js';

export const OrbitsContext = createContext<SatelliteLayer | null>(null);
