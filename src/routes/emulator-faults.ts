// Making the API misbehave on purpose: fault rules and the rate limit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ErrorSchema } from '../schemas/common.js'
import { FaultInputSchema, FaultSchema, FaultsResponseSchema, RateLimitSchema } from '../schemas/emulator.js'

const faultRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/faults', {
    schema: { tags: ['emulator'], summary: 'The fault rules of the account', response: { 200: FaultsResponseSchema } }
  }, async (request) => ({ faults: request.account.faults.list() }))

  app.post('/faults', {
    schema: { tags: ['emulator'], summary: 'Install a fault rule', body: FaultInputSchema, response: { 200: FaultSchema, 400: ErrorSchema } }
  }, async (request) => {
    const { status, drop, latencyMs, retryAfter } = request.body
    if (status === undefined && !drop && latencyMs === undefined) {
      throw new ApiError(400, 'A fault needs an effect: status, latencyMs or drop.')
    }
    if (drop && status !== undefined) throw new ApiError(400, 'A fault either drops the connection or answers a status, not both.')
    if (retryAfter !== undefined && status === undefined) throw new ApiError(400, 'retryAfter goes with a status (e.g. 429).')
    return request.account.faults.add(request.body)
  })

  app.delete('/faults', {
    schema: { tags: ['emulator'], summary: 'Remove every fault rule', response: { 200: FaultsResponseSchema } }
  }, async (request) => {
    request.account.faults.clear()
    return { faults: [] }
  })

  app.delete('/faults/:id', {
    schema: {
      tags: ['emulator'],
      summary: 'Remove one fault rule',
      params: Type.Object({ id: Type.String() }),
      response: { 200: FaultsResponseSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    if (!request.account.faults.remove(request.params.id)) throw new ApiError(404, `There is no fault '${request.params.id}'.`)
    return { faults: request.account.faults.list() }
  })

  app.get('/rate-limit', {
    schema: { tags: ['emulator'], summary: 'The rate limit per API key of the account', response: { 200: RateLimitSchema } }
  }, async (request) => ({ limit: request.account.rateLimit?.text ?? null }))

  app.put('/rate-limit', {
    schema: {
      tags: ['emulator'],
      summary: 'Set the rate limit per API key of the account (null: none)',
      body: RateLimitSchema,
      response: { 200: RateLimitSchema, 400: ErrorSchema }
    }
  }, async (request) => {
    const { limit } = request.body
    request.account.setRateLimit(limit)
    return { limit }
  })
}

export default faultRoutes
