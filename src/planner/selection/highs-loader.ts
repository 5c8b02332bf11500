/**
 * Loads the HiGHS WebAssembly module. The `highs` package ships an ES module whose default
 * export is the loader, but its type declarations describe a CommonJS module; going through
 * the namespace works for both views.
 */
import * as highsPackage from 'highs';
import type { Highs } from 'highs';

type Loader = () => Promise<Highs>;

/** Instantiates HiGHS (about 0.1 s; the module is ~2.5 MB of WebAssembly). */
export function loadHighs(): Promise<Highs> {
  const ns = highsPackage as unknown as { default: Loader | { default: Loader } };
  const loader = typeof ns.default === 'function' ? ns.default : ns.default.default;
  return loader();
}
