// The OpenAPI description, built by @fastify/swagger from the same route schemas that validate and
// serialize, and Swagger UI to read it (served from the package: no CDN).
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
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
  await app.register(swaggerUi, { routePrefix: '/_emulator/docs' })
  app.get('/_emulator/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

export default fp(openapi, { name: 'openapi' })
