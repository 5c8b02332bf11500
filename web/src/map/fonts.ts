/**
 * The map's label font, bundled (Noto Sans from @fontsource, SIL OFL): loaded with the FontFace
 * API before the map starts, so MapLibre's local glyph rendering (the style has no `glyphs` URL:
 * no glyph server) draws labels with it on every machine. The family names are the `text-font`
 * names of the style: MapLibre uses them as CSS font families and reads the weight from "Bold".
 */
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';

export const FONT_REGULAR = 'Sahelsat Sans';
export const FONT_BOLD = 'Sahelsat Sans Bold';

const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const LATIN_EXT =
  'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';

/** Registers and loads the bundled faces (the UI uses them too). Resolves when they are ready. */
export async function loadFonts(): Promise<void> {
  const faces = [
    new FontFace(FONT_REGULAR, `url(${latin400})`, { weight: '400', unicodeRange: LATIN }),
    new FontFace(FONT_REGULAR, `url(${latinExt400})`, { weight: '400', unicodeRange: LATIN_EXT }),
    new FontFace(FONT_REGULAR, `url(${latin700})`, { weight: '700', unicodeRange: LATIN }),
    new FontFace(FONT_REGULAR, `url(${latinExt700})`, { weight: '700', unicodeRange: LATIN_EXT }),
    new FontFace(FONT_BOLD, `url(${latin700})`, { weight: '700', unicodeRange: LATIN }),
    new FontFace(FONT_BOLD, `url(${latinExt700})`, { weight: '700', unicodeRange: LATIN_EXT }),
  ];
  for (const f of faces) document.fonts.add(f);
  // Only the Latin faces are needed at once; the extended ones load when a label needs them.
  await Promise.all([faces[0]!.load(), faces[2]!.load(), faces[4]!.load()]);
}
