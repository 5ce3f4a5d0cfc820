// Loads the built wasm module (www/pkg, wasm-bindgen --target web) in Node, with the bundled maps.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadWasm() {
  const wasm = await import(path.join(root, 'www/pkg/wor_wasm.js'));
  wasm.initSync({ module: readFileSync(path.join(root, 'www/pkg/wor_wasm_bg.wasm')) });
  // The module leaves the default triage policy out; the page hands it over the same way (compiled
  // by `wor map bundle` into www/maps/policy.txt).
  wasm.setDefaultPolicy(readFileSync(path.join(root, 'www/maps/policy.txt'), 'utf8'));
  return wasm;
}

/** An Engine with every bundled demo map loaded (www/maps, written by `make build`). */
export function loadBundledMaps(wasm, today) {
  const engine = new wasm.Engine();
  const index = JSON.parse(readFileSync(path.join(root, 'www/maps/index.json'), 'utf8'));
  for (const m of index) {
    engine.loadMap(readFileSync(path.join(root, 'www/maps', m.file), 'utf8'), today);
  }
  return { engine, index };
}

export function readJsonl(relative) {
  return readFileSync(path.join(root, relative), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}
