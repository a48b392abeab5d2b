import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '../schemas/common.js'
import { TriggersBodySchema, TriggersResponseSchema } from '../schemas/triggers.js'
import { listTriggers, replaceTriggers } from '../stores/triggers.js'

const triggerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/triggers', {
    schema: { tags: ['emulator'], summary: "The account's triggers, in the order they run", response: { 200: TriggersResponseSchema } }
  }, async (request) => ({ triggers: listTriggers(request.account.db) }))

  app.put('/triggers', {
    schema: {
      tags: ['emulator'],
      summary: 'Replace all triggers',
      body: TriggersBodySchema,
      response: { 200: TriggersResponseSchema, 400: ErrorSchema }
    }
  }, async (request) => ({ triggers: replaceTriggers(request.store, request.body.triggers) }))
}

export default triggerRoutes
