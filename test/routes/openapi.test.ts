import SwaggerParser from '@apidevtools/swagger-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('the OpenAPI description', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('is built from route schemas that all compile, validators and serializers alike', () => {
    // They compile on first use at run time; here every one is compiled now, so none can fail later.
    expect(t.app.compilePending()).toBeGreaterThan(0)
    expect(t.app.compilePending()).toBe(0)
  })

  it('is a valid OpenAPI document', async () => {
    const { body } = await t.request.get('/_emulator/openapi.json').expect(200)
    expect(body.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(body))).resolves.toBeDefined()
  })

  it('describes every registered route, both auth forms, the three encodings and the error envelope', async () => {
    const { body } = await t.request.get('/_emulator/openapi.json').expect(200)
    const documented = new Set(Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)))
    const hidden = new Set(['GET /_emulator/openapi.json'])
    const missing = t.app.routeList
      .filter((r) => !r.startsWith('HEAD ') && !r.includes('/_emulator/docs') && !hidden.has(r))
      .map((r) => r.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}'))
      .filter((r) => !documented.has(r))
    expect(missing).toEqual([])
    expect(Object.keys(body.components.securitySchemes)).toEqual(['apiKeyHeader', 'apiKeyQuery'])
    const create = body.paths['/api/v2/ticket'].post
    expect(Object.keys(create.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'])
    expect(create.security).toEqual([{ apiKeyHeader: [] }, { apiKeyQuery: [] }])
    for (const status of ['400', '401', '403', '404', '500']) {
      expect(create.responses[status].content['application/json'].schema.required).toEqual(['status', 'message'])
    }
    expect(body.paths['/_emulator/reset'].post.tags).toEqual(['emulator'])
  })

  it('serves Swagger UI from the emulator itself', async () => {
    const res = await t.request.get('/_emulator/docs/').expect(200)
    expect(res.text).toContain('swagger')
    const css = await t.request.get('/_emulator/docs/static/swagger-ui.css').expect(200)
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    // Swagger UI (loaded on the first visit, in an instance of its own) shows this very description.
    const shown = await t.request.get('/_emulator/docs/json').expect(200)
    expect(shown.body).toEqual((await t.request.get('/_emulator/openapi.json').expect(200)).body)
    expect((await t.request.get('/_emulator/docs/no-such-file').expect(404)).body.status).toBe('error')
  })
})
