// Our wasm module (www/pkg) in Node. Imported by run.mjs; run as a script it is the wasm half of the memory
// measurement, in a fresh process so that nothing else is in its heap:
//   node benches/compare/wasm.mjs PKG MAP DATE   ->   one JSON line on stdout
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

let loaded;

/** The module's exports and its linear memory, instantiated once per process. */
export async function loadWasm(pkg) {
  if (!loaded) {
    // www/pkg is wasm-bindgen --target web (ESM) under a package.json without "type" (on purpose, see
    // ../shared/toolchain.md): Node warns that it reparses it as ESM. Drop only that warning.
    const listeners = process.listeners('warning');
    process.removeAllListeners('warning');
    process.on('warning', (w) => {
      if (w.code !== 'MODULE_TYPELESS_PACKAGE_JSON') listeners.forEach((l) => l(w));
    });
    const api = await import(pathToFileURL(path.join(pkg, 'wor_wasm.js')).href);
    const { memory } = api.initSync({ module: readFileSync(path.join(pkg, 'wor_wasm_bg.wasm')) });
    // The module leaves the default triage policy out; hand it the bundled, compiled one.
    api.setDefaultPolicy(readFileSync(path.join(pkg, '../maps/policy.txt'), 'utf8'));
    loaded = { api, memory };
  }
  return loaded;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [pkg, mapPath, date] = process.argv.slice(2);
  const { api, memory } = await loadWasm(pkg);
  const before = { wasm: memory.buffer.byteLength, rss: process.memoryUsage().rss };
  const engine = new api.Engine();
  const t0 = performance.now();
  // As the page does: the map as text, parsed, validated and indexed inside the module.
  const info = engine.loadMap(readFileSync(mapPath, 'utf8'), date);
  const loadMs = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({
      entries: info.entries,
      load_ms: Math.round(loadMs),
      // Linear memory only grows, so its size now is its peak.
      wasm_memory_bytes: memory.buffer.byteLength,
      wasm_memory_bytes_before_map: before.wasm,
      rss_bytes_before_map: before.rss,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    }) + '\n',
  );
}
