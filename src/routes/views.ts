// The view controller (Omnidesk's view spec): saved filters of the ticket list, which
// GET /api/v2/ticket?applyView= applies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, CREATED_ID_HEADER, ErrorResponses, ItemEnvelope, listAnswer, MessageFirstResultSchema } from '../schemas/common.js'
import { ViewBodySchema, type ViewListQuery, ViewListQuerySchema, ViewListResponseSchema, ViewParamsSchema, ViewSchema, ViewUpdateBodySchema } from '../schemas/views.js'
import { createView, deleteView, getView, listViews, updateView } from '../stores/views.js'

const tags = ['views']

const viewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/view', {
    config: { permission: 'VIEW_READ' },
    schema: { tags, summary: 'List views, in view order', querystring: ViewListQuerySchema, response: { 200: ViewListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const query = request.query as ViewListQuery
    return listAnswer(listViews(request.store.db, query), query)
  })

  app.get('/view/:viewID', {
    // GROUP_CUD, as Omnidesk's view spec has it for this one endpoint.
    config: { permission: 'GROUP_CUD' },
    schema: { tags, summary: 'Get a view by its id', params: ViewParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ItemEnvelope(ViewSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: getView(request.store.db, request.params.viewID) }))

  app.post('/view', {
    config: { permission: 'VIEW_CUD' },
    schema: { tags, summary: 'Create a view (its id: the x-emulator-created-id header)', querystring: ApiKeyQuerySchema, body: ViewBodySchema, response: { 200: MessageFirstResultSchema, ...ErrorResponses } }
  }, async (request, reply) => {
    reply.header(CREATED_ID_HEADER, String(createView(request.store.db, request.body)))
    return { message: 'View created.', type: 'result' as const }
  })

  app.put('/view/:viewID', {
    config: { permission: 'VIEW_CUD' },
    schema: { tags, summary: 'Update a view: only the fields sent change', params: ViewParamsSchema, querystring: ApiKeyQuerySchema, body: ViewUpdateBodySchema, response: { 200: MessageFirstResultSchema, ...ErrorResponses } }
  }, async (request) => {
    updateView(request.store.db, request.params.viewID, request.body)
    return { message: 'View updated.', type: 'result' as const }
  })

  app.delete('/view/:viewID', {
    config: { permission: 'VIEW_CUD' },
    schema: { tags, summary: 'Delete a view for good', params: ViewParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: MessageFirstResultSchema, ...ErrorResponses } }
  }, async (request) => {
    deleteView(request.store.db, request.params.viewID)
    return { message: 'View deleted.', type: 'result' as const }
  })
}

export default viewRoutes
