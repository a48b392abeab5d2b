// The request journal: what a client sent, for a test to assert on.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '../schemas/common.js'
import { RequestsQuerySchema, RequestsResponseSchema } from '../schemas/emulator.js'

const requestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/requests', {
    schema: {
      tags: ['emulator'],
      summary: 'The API requests of the account, oldest first; with wait, long-polls until count match',
      querystring: RequestsQuerySchema,
      response: { 200: RequestsResponseSchema, 400: ErrorSchema, 408: RequestsResponseSchema }
    }
  }, async (request, reply) => {
    const { wait, count = 1, after, limit, ...filter } = request.query
    const { journal } = request.account
    if (wait === undefined) return { requests: journal.list(filter, { after, limit }) }
    const { entries, complete } = await journal.waitFor(filter, count, wait)
    if (!complete) reply.code(408)
    return { requests: entries }
  })

  app.delete('/requests', {
    schema: { tags: ['emulator'], summary: 'Empty the journal', response: { 200: RequestsResponseSchema } }
  }, async (request) => {
    request.account.journal.clear()
    return { requests: [] }
  })
}

export default requestRoutes
