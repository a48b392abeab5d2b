// The OpenAPI description, built by @fastify/swagger from the same route schemas that validate and
// serialize, and Swagger UI to read it (served from the package: no CDN). Swagger UI is loaded on
// the first visit to /_emulator/docs, in an instance of its own that the docs routes forward to:
// loading it at start-up was an eighth of the cold start (bench/RESULTS.md).
import { createRequire } from 'node:module'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

const ENCODINGS = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, as "METHOD url" (the OpenAPI test compares them). */
    routeList: string[]
  }
}

async function openapi (app: FastifyInstance): Promise<void> {
  const routeList: string[] = []
  app.decorate('routeList', routeList)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push(`${method} ${route.url}`)
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Omnidesk API (emulated)',
        version: '2',
        description: 'The Omnidesk helpdesk ticket API as this emulator serves it, and the emulator\'s own control API under /_emulator.'
      },
      components: {
        securitySchemes: {
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'apiKey' },
          apiKeyQuery: { type: 'apiKey', in: 'query', name: 'apiKey' }
        }
      },
      tags: [
        { name: 'tickets', description: 'Omnidesk ticket API' },
        { name: 'messages', description: 'Omnidesk message API' },
        { name: 'not emulated', description: 'Omnidesk endpoints that answer 501 here' },
        { name: 'emulator', description: 'The emulator\'s control API: no API key' }
      ]
    },
    transform: ({ schema, url, route }) => {
      const described = { ...(schema ?? {}) } as Record<string, unknown>
      if (url.startsWith('/api/v2')) described.security = [{ apiKeyHeader: [] }, { apiKeyQuery: [] }]
      if (described.body !== undefined && url.startsWith('/api/v2')) described.consumes = ENCODINGS
      // OpenAPI has no wildcard paths: the catch-all 501 routes get a {path} parameter.
      if (url.endsWith('/*')) {
        described.params = { type: 'object', properties: { path: { type: 'string', description: 'the rest of the path' } }, required: ['path'] }
      }
      return { schema: described as typeof schema, url: url.replace(/\/\*$/, '/{path}'), route }
    }
  })
  app.get('/_emulator/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  let docs: Promise<FastifyInstance> | undefined
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= swaggerUiFor(app)
    const res = await (await docs).inject({ method: 'GET', url: request.url, headers: { accept: request.headers.accept ?? '*/*' } })
    if (res.statusCode === 404) return reply.callNotFound()
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) reply.header(name, value)
    }
    return reply.code(res.statusCode).send(res.rawPayload)
  }
  app.addHook('onClose', async () => { if (docs) await (await docs).close() })
  app.get('/_emulator/docs', { schema: { hide: true } }, forward)
  app.get('/_emulator/docs/*', { schema: { hide: true } }, forward)
}

const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'])

/** Swagger UI at /_emulator/docs, showing the app's OpenAPI description as it is now. */
async function swaggerUiFor (app: FastifyInstance): Promise<FastifyInstance> {
  // require, not import(): the built server runs as a vm.Script (scripts/server-loader.mjs), where import() is not available.
  const swaggerUi = createRequire(import.meta.url)('@fastify/swagger-ui') as typeof import('@fastify/swagger-ui').default
  const docs = Fastify({ logger: false })
  await docs.register(swagger, { mode: 'static', specification: { document: app.swagger() as never } })
  await docs.register(swaggerUi, { routePrefix: '/_emulator/docs' })
  await docs.ready()
  return docs
}

export default fp(openapi, { name: 'openapi' })
