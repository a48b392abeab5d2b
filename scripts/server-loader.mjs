// dist/server.js, written by scripts/bundle.mjs: runs the bundled server (dist/server.cjs) through
// V8's code cache (dist/server.cjs.cache), so that a start does not parse and compile 3 MB of
// JavaScript again (Node 20 has no module compile cache of its own). The build writes the cache by
// starting the server once; without a usable cache (other V8, other flags) the server compiles as
// usual and writes a new cache when it exits, where it may.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'

const file = path.join(import.meta.dirname, 'server.cjs')
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
  // On exit: the cache then also holds every function compiled while the server ran.
  process.once('exit', () => {
    try {
      fs.writeFileSync(cacheFile, script.createCachedData())
    } catch {}
  })
}
const module = { exports: {} }
script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file))
