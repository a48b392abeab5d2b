// dist/code-cache.mjs, copied there by scripts/bundle.mjs: runs a bundled CommonJS file of dist/ (the
// server, dist/server.cjs, or the programmatic API, dist/index.cjs) through V8's code cache (its
// `.cache` file beside it), so that a start does not parse and compile 3 MB of JavaScript again (Node
// 20 has no module compile cache of its own). The build writes the caches by starting each once;
// without a usable cache (other V8, other flags) the file compiles as usual and a new cache is
// written when the process exits, where it may.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'

/** Runs the bundle and returns its exports. */
export function runCached (file) {
  const cacheFile = `${file}.cache`
  let cachedData
  try {
    cachedData = fs.readFileSync(cacheFile)
  } catch {}
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  })
  if (cachedData === undefined || script.cachedDataRejected) {
    // On exit: the cache then also holds every function compiled while the process ran.
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData())
      } catch {}
    })
  }
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
  return module.exports
}
