// The route validators and serializers the build compiles ahead (scripts/precompile-schemas.mjs, with
// the standalone compilers of Ajv and fast-json-stringify) answer exactly as those compiled at run
// time: the same bodies, the same validation errors, and nothing is left to compile.
import { createRequire } from 'node:module'
import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { LazyCompilers } from '../src/lazy-compilers.js'
import type { PrecompiledModule } from '../src/precompiled.js'
import { API_KEY, DOC_NOW } from './helpers.js'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const JSON_BODY = { 'content-type': 'application/json' }

/** Requests through unions, coercion, formats and refused bodies, in the order both apps get them. */
const REQUESTS: Array<{ method: 'GET' | 'POST' | 'PUT', url: string, payload?: string, headers?: Record<string, string> }> = [
  { method: 'GET', url: '/api/v2/ticket/858473?getTicketHistory=1' },
  { method: 'GET', url: '/api/v2/ticket/858473?getTicketHistory=maybe' },
  { method: 'GET', url: '/api/v2/ticket?status=open&limit=5' },
  { method: 'GET', url: '/api/v2/ticket?status=nonsense' },
  { method: 'POST', url: '/api/v2/ticket', payload: 'to=service%40mybrand.com&from=a%40example.com&direction=inbound&channelID=1&brandID=2&title=Hi', headers: FORM },
  { method: 'POST', url: '/api/v2/ticket', payload: 'to=service%40mybrand.com&direction=sideways&channelID=x', headers: FORM },
  { method: 'POST', url: '/api/v2/message', payload: JSON.stringify({ ticketID: 858473, type: 1, message: 'Onderweg.', userID: 1 }), headers: JSON_BODY },
  { method: 'POST', url: '/api/v2/ticket/setstatus', payload: 'ticketIDs%5B%5D=858473&status=solved', headers: FORM },
  { method: 'GET', url: '/api/v2/ticket/858473?getTicketHistory=1' },
  { method: 'POST', url: '/api/v2/customer', payload: JSON.stringify({ brand_id: 2, firstname: 'An', email: 'not-an-address' }), headers: JSON_BODY },
  { method: 'GET', url: '/api/v2/customer?query=jan' },
  { method: 'GET', url: '/api/v2/user?extended=1' },
  { method: 'POST', url: '/api/v2/telephone/newInboundCall', payload: 'from=%2B31612345678&to=%2B31201234567&brandID=2', headers: FORM },
  { method: 'GET', url: '/_emulator/clock' },
  { method: 'PUT', url: '/_emulator/clock', payload: JSON.stringify({ now: 'tomorrow' }), headers: JSON_BODY }
]

async function demoApp (compilers: LazyCompilers): Promise<App> {
  const config = loadConfig({ DATABASE_PATH: ':memory:', API_KEY, SEED: 'true', NOW: DOC_NOW, LOG_LEVEL: 'silent' })
  const app = await buildApp({ config, compilers })
  await app.ready()
  return app
}

describe('precompiled validators and serializers', () => {
  const apps: App[] = []
  afterEach(async () => { for (const app of apps.splice(0)) await app.close() })

  it('answer every request byte for byte as the ones compiled at run time, and leave nothing to compile', async () => {
    const store = new Map<string, string>()
    const building = new LazyCompilers({ store })
    const built = await demoApp(building)
    apps.push(built)
    built.compilePending()
    // Routes share many schemas (the error envelopes above all): one function for each.
    expect(building.compiled).toBeGreaterThan(store.size)
    expect(store.size).toBeGreaterThan(100)

    // As the bundle has them, but evaluated here (the bundle has their requires built in).
    const require = createRequire(import.meta.url)
    const precompiled: Record<string, PrecompiledModule> = {}
    for (const [key, code] of store) {
      const body = vm.runInThisContext(`(function (module, exports, require) {${code}\n})`) as (m: unknown, e: unknown, r: NodeJS.Require) => void
      precompiled[key] = (module, exports) => { body(module, exports, require) }
    }
    const reading = new LazyCompilers({ precompiled })
    const fromBuild = await demoApp(reading)
    const atRunTime = await demoApp(new LazyCompilers({ precompiled: {} }))
    apps.push(fromBuild, atRunTime)

    const statuses = new Set<number>()
    for (const request of REQUESTS) {
      const headers = { apikey: API_KEY, ...request.headers }
      const [a, b] = [await fromBuild.inject({ ...request, headers }), await atRunTime.inject({ ...request, headers })]
      expect(`${request.method} ${request.url} ${a.statusCode} ${a.body}`).toBe(`${request.method} ${request.url} ${b.statusCode} ${b.body}`)
      statuses.add(a.statusCode)
    }
    expect([...statuses].sort()).toEqual([200, 400])
    expect(fromBuild.compilePending()).toBeGreaterThan(0)
    expect(reading.compiled).toBe(0)
  })

  it('compile at run time a schema the build did not see', async () => {
    const compilers = new LazyCompilers({ precompiled: {} })
    const app = await demoApp(compilers)
    apps.push(app)
    const res = await app.inject({ method: 'GET', url: '/api/v2/ticket/858473', headers: { apikey: API_KEY } })
    expect(res.statusCode).toBe(200)
    expect(compilers.compiled).toBeGreaterThan(0)
  })
})
