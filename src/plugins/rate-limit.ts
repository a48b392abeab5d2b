// Optional rate limiting per API key and account (RATE_LIMIT, or the control API), with
// @fastify/rate-limit: over the limit, 429 with Retry-After and the Omnidesk error envelope.
// Registered in the /api/v2 scope after the API key check, so a request without a valid key is
// refused as such, and a limit counts the requests of one key.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from '../errors.js'

const limitOf = (request: FastifyRequest) => request.account.rateLimit

async function rateLimits (app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false })
  const limit = app.rateLimit({
    keyGenerator: (request) => {
      const { name, generation, rateLimit: configured } = request.account
      return `${name}\n${generation}\n${configured?.text ?? ''}\n${request.sentApiKey}`
    },
    max: (request) => limitOf(request)?.max ?? Number.MAX_SAFE_INTEGER,
    timeWindow: (request) => limitOf(request)?.windowMs ?? 60_000,
    errorResponseBuilder: (request, context) =>
      new ApiError(429, `Too many requests: the limit is ${limitOf(request)?.text ?? context.max} per API key; retry after ${context.after}.`)
  })
  // The limiter runs only where a limit applies: run for every request it built a key and two
  // promises per request, limit or not.
  app.addHook('onRequest', (request, reply, done) => {
    if (limitOf(request) === null) return done()
    limit.call(app, request, reply).then(() => done(), done)
  })
}

export default fp(rateLimits, { name: 'rate-limits', dependencies: ['accounts', 'api-key'] })
