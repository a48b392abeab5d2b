// Webhook endpoints of the account, and the journal of their deliveries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ErrorSchema } from '../schemas/common.js'
import { DeliveriesResponseSchema, WebhookInputSchema, WebhookSchema, WebhooksResponseSchema } from '../schemas/webhooks.js'

const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/webhooks', {
    schema: { tags: ['emulator'], summary: 'The webhook endpoints of the account', response: { 200: WebhooksResponseSchema } }
  }, async (request) => ({ webhooks: request.account.webhooks.list() }))

  app.post('/webhooks', {
    schema: {
      tags: ['emulator'],
      summary: 'Register an endpoint (checked with OPTIONS first, as Omnidesk does)',
      body: WebhookInputSchema,
      response: { 200: WebhookSchema, 400: ErrorSchema }
    }
  }, async (request) => await request.account.webhooks.add(request.body, request.account.clock.now()))

  app.delete('/webhooks', {
    schema: { tags: ['emulator'], summary: 'Remove every endpoint and forget the deliveries', response: { 200: WebhooksResponseSchema } }
  }, async (request) => {
    request.account.webhooks.clear()
    return { webhooks: [] }
  })

  app.delete('/webhooks/:id', {
    schema: {
      tags: ['emulator'],
      summary: 'Remove one endpoint',
      params: Type.Object({ id: Type.String() }),
      response: { 200: WebhooksResponseSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    if (!request.account.webhooks.remove(request.params.id)) throw new ApiError(404, `There is no webhook '${request.params.id}'.`)
    return { webhooks: request.account.webhooks.list() }
  })

  app.get('/webhooks/deliveries', {
    schema: { tags: ['emulator'], summary: 'Every delivery with its attempts, oldest first', response: { 200: DeliveriesResponseSchema } }
  }, async (request) => ({ deliveries: request.account.webhooks.deliveries() }))

  app.post('/webhooks/flush', {
    schema: {
      tags: ['emulator'],
      summary: 'Wait until no delivery is pending (408 after timeout ms)',
      querystring: Type.Object({ timeout: Type.Integer({ minimum: 0, maximum: 120_000, default: 30_000 }) }),
      response: { 200: DeliveriesResponseSchema, 408: DeliveriesResponseSchema }
    }
  }, async (request, reply) => {
    const idle = await request.account.webhooks.flush(request.query.timeout)
    if (!idle) reply.code(408)
    return { deliveries: request.account.webhooks.deliveries() }
  })
}

export default webhookRoutes
