// Optional rate limiting per API key and account (RATE_LIMIT, or the control API), with
// @fastify/rate-limit: over the limit, 429 with Retry-After and the Omnidesk error envelope.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from '../errors.js'
import { sentApiKey } from './api-key.js'
import { isApiRequest } from '../request-kinds.js'

const limitOf = (request: FastifyRequest) => request.account.rateLimit

async function rateLimits (app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false })
  const limit = app.rateLimit({
    keyGenerator: (request) => {
      const { name, generation, rateLimit: configured } = request.account
      return `${name}\n${generation}\n${configured?.text ?? ''}\n${sentApiKey(request) ?? ''}`
    },
    max: (request) => limitOf(request)?.max ?? Number.MAX_SAFE_INTEGER,
    timeWindow: (request) => limitOf(request)?.windowMs ?? 60_000,
    errorResponseBuilder: (request, context) =>
      new ApiError(429, `Too many requests: the limit is ${limitOf(request)?.text ?? context.max} per API key; retry after ${context.after}.`)
  })
  // The limiter runs only where a limit applies: run for every request (the plugin's global hook,
  // with an allow list) it built a key and two promises per request, limit or not. Added to each
  // route, as the plugin adds its own, so it still runs after the API key is checked.
  const limitWhereSet: onRequestHookHandler = (request, reply, done) => {
    if (!isApiRequest(request) || limitOf(request) === null) return done()
    limit.call(app, request, reply).then(() => done(), done)
  }
  app.addHook('onRoute', (route) => {
    route.onRequest = [...(route.onRequest === undefined ? [] : [route.onRequest].flat()), limitWhereSet]
  })
}

export default fp(rateLimits, { name: 'rate-limits', dependencies: ['accounts'] })
