/** Fixtures for product tests. */

/** A square polygon feature with its south-west corner at (lon, lat), side in degrees. */
export function squareFeature(lon: number, lat: number, sizeDeg: number) {
  return {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + sizeDeg, lat],
          [lon + sizeDeg, lat + sizeDeg],
          [lon, lat + sizeDeg],
          [lon, lat],
        ],
      ],
    },
  };
}
