// The bundles' copy of light-my-request (what Fastify's inject() runs, and so every in-process test of
// an integration) without the functions it made anew for each request and each response: the
// request's `connection` getter, and the response's `cookies` getter, `json()` and `stream()`. Each
// closed over its call's variables (the request, the response, the payload); with them, V8's
// young-generation collections kept a test's requests and responses alive until the next full
// collection, and each took 5-10 ms (4 MB of a suite's objects surviving each one on Node 20 and 22,
// 0.04 MB without them: bench/RESULTS.md, "2026-12-06 (night)"; Node 24 keeps them for a reason of
// its own). The same getters are shared now, and json() and stream() are one function each, bound to
// their response: what a test sees is the same (test/light-my-request-fix.test.ts compares every field
// with the package's own). A change light-my-request itself could make; a light-my-request whose code
// no longer has these lines fails the build, to be looked at again.
import fs from 'node:fs'

/** The changes, by file: the text the package has, and what the bundle has instead. */
const CHANGES = {
  'request.js': [
    [
      `  Object.defineProperty(this, 'connection', {
    get () {
      FST_LIGHTMYREQUEST_DEP01()
      return this.socket
    },
    configurable: true
  })`,
      "  Object.defineProperty(this, 'connection', connectionProperty)"
    ],
    [
      'function Request (options) {',
      `const connectionProperty = {
  get () {
    FST_LIGHTMYREQUEST_DEP01()
    return this.socket
  },
  configurable: true
}

function Request (options) {`
    ]
  ],
  'response.js': [
    [
      `    trailers: {},
    get cookies () {
      return setCookie.parse(this)
    }
  }`,
      `    trailers: {}
  }
  Object.defineProperty(res, 'cookies', cookiesProperty)`
    ],
    [
      `    res.json = function parseJsonPayload () {
      return JSON.parse(res.payload)
    }`,
      '    res.json = parseJsonPayload.bind(res)'
    ],
    [
      `    res.json = function () {
      throw new Error('Response payload is not available with payloadAsStream: true')
    }`,
      '    res.json = payloadIsAStream'
    ],
    [
      `  res.stream = function streamPayload () {
    if (response._lightMyRequest.stream) {
      return response._lightMyRequest.stream
    }
    return Readable.from(response._lightMyRequest.payloadChunks)
  }`,
      '  res.stream = streamPayload.bind(response)'
    ],
    [
      'function generatePayload (response) {',
      `const cookiesProperty = {
  get () {
    return setCookie.parse(this)
  },
  enumerable: true,
  configurable: true
}

function parseJsonPayload () {
  return JSON.parse(this.payload)
}

function payloadIsAStream () {
  throw new Error('Response payload is not available with payloadAsStream: true')
}

function streamPayload () {
  if (this._lightMyRequest.stream) {
    return this._lightMyRequest.stream
  }
  return Readable.from(this._lightMyRequest.payloadChunks)
}

function generatePayload (response) {`
    ]
  ]
}

const FILE = /[\\/]light-my-request[\\/]lib[\\/](request|response)\.js$/

/** The file's text with the changes made; throws when one of the texts it replaces is not there once. */
export function fixLightMyRequest (file, source) {
  const name = FILE.exec(file)?.[1]
  if (name === undefined) return source
  let text = source
  for (const [before, after] of CHANGES[`${name}.js`]) {
    const at = text.indexOf(before)
    if (at === -1 || text.indexOf(before, at + 1) !== -1) {
      throw new Error(`light-my-request's lib/${name}.js changed (no single ${JSON.stringify(before.split('\n')[0].trim())}): look at scripts/light-my-request-fix.mjs again`)
    }
    text = text.slice(0, at) + after + text.slice(at + before.length)
  }
  return text
}

/** The esbuild plugin that makes the changes as the bundle reads the two files. */
export const lightMyRequestFix = {
  name: 'light-my-request-fix',
  setup (build) {
    build.onLoad({ filter: FILE }, (args) => ({ contents: fixLightMyRequest(args.path, fs.readFileSync(args.path, 'utf8')), loader: 'js' }))
  }
}
