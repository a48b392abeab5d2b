// Which methods a path takes, so that a known path asked with another method is answered 405 with
// an Allow header (GET /api/v2/ticket/setstatus, POST /api/v2/ticket/858462), not a 404 or a
// validation error about a path parameter. A second router, of the routes as registered, answers it.
import FindMyWay from 'find-my-way'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The methods other than the request's that its path takes; with `staticOnly`, only those of
     * routes without parameters (setstatus is an action, not a ticket id).
     */
    otherMethods: (request: FastifyRequest, staticOnly?: boolean) => string[]
  }
}

// HEAD goes with GET (Fastify adds a HEAD route to each GET route): never told apart here.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

async function methods (app: FastifyInstance): Promise<void> {
  const router = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 200 })
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!router.hasRoute(method as never, route.url)) router.on(method as never, route.url, () => {}, { url: route.url })
    }
  })
  app.decorate('otherMethods', (request: FastifyRequest, staticOnly = false) => {
    const path = request.url.split('?')[0] ?? '/'
    const asked = request.method === 'HEAD' ? 'GET' : request.method
    const others: string[] = METHODS.filter((method) => {
      if (method === asked) return false
      let found: { store: { url: string } } | null
      try {
        found = router.find(method, path) as typeof found
      } catch {
        return false // a parameter that does not decode: no route of that method takes it
      }
      return found !== null && (!staticOnly || !/[:*]/.test(found.store.url))
    })
    if (others.includes('GET')) others.splice(others.indexOf('GET') + 1, 0, 'HEAD')
    return others
  })
}

export default fp(methods, { name: 'methods' })
