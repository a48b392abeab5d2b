// Optional rate limiting per API key and account (RATE_LIMIT, or the control API), with
// @fastify/rate-limit: over the limit, 429 with Retry-After and the Omnidesk error envelope.
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from '../errors.js'
import { sentApiKey } from './api-key.js'
import { isApiRequest } from './journal.js'

const limitOf = (request: FastifyRequest) => request.account.rateLimit

async function rateLimits (app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    allowList: (request) => !isApiRequest(request) || limitOf(request) === null,
    keyGenerator: (request) => {
      const { name, generation, rateLimit: limit } = request.account
      return `${name}\n${generation}\n${limit?.text ?? ''}\n${sentApiKey(request) ?? ''}`
    },
    max: (request) => limitOf(request)?.max ?? Number.MAX_SAFE_INTEGER,
    timeWindow: (request) => limitOf(request)?.windowMs ?? 60_000,
    errorResponseBuilder: (request, context) =>
      new ApiError(429, `Too many requests: the limit is ${limitOf(request)?.text ?? context.max} per API key; retry after ${context.after}.`)
  })
}

export default fp(rateLimits, { name: 'rate-limits', dependencies: ['accounts'] })
