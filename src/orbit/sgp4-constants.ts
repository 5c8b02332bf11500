/**
 * WGS-72 constants as SGP4 uses them (Vallado et al. 2006, getgravconst('wgs72')): the element
 * sets SGP4 reads are fitted with these, so conversions to and from mean elements must use them.
 */
export const SGP4_EARTH_RADIUS_KM = 6378.135;
export const SGP4_MU_KM3_S2 = 398_600.8;
export const SGP4_J2 = 0.001082616;
export const SGP4_J4 = -0.00000165597;
/** sqrt(μ / Re³) in 1/min: SGP4's unit of mean motion is radians per minute. */
export const SGP4_XKE = 60 / Math.sqrt(SGP4_EARTH_RADIUS_KM ** 3 / SGP4_MU_KM3_S2);
