// The customer API (more-endpoints.md, "Customer controller"): the CRM sync calls, the list, the
// item, the search by your id and a customer's timeline.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ApiKeyQuerySchema, ErrorResponses, ItemEnvelope, listAnswer, ResultSchema } from '../schemas/common.js'
import {
  AddChannelOnlyBodySchema, CreateCustomerBodySchema, CustomerItemSchema, type CustomerListQuery, CustomerListQuerySchema,
  CustomerListResponseSchema, CustomerParamsSchema, PurgeCustomerSchema, SearchByPrimaryExternalIdBodySchema,
  TimelineByExternalIdQuerySchema, UpdateCustomerBodySchema
} from '../schemas/customers.js'
import { TimelineItemSchema } from '../schemas/tickets.js'
import { addChannels, createCustomer, purgeCustomer, updateCustomer } from '../stores/customer-sync.js'
import { customerItem, customersByPrimaryId, customerTimeline, listCustomers } from '../views/customers.js'

const tags = ['customers']

const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/customer', {
    config: { permission: 'CUSTOMER_READ' },
    schema: { tags, summary: 'List customers, newest first', querystring: CustomerListQuerySchema, response: { 200: CustomerListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const query = request.query as CustomerListQuery
    return listAnswer(listCustomers(request.store.db, query), query)
  })

  app.get('/customer/:customerID', {
    config: { permission: 'CUSTOMER_READ' },
    schema: { tags, summary: 'Get a customer', params: CustomerParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ItemEnvelope(CustomerItemSchema), ...ErrorResponses } }
  }, async (request) => {
    const item = customerItem(request.store.db, request.params.customerID)
    // As for a ticket: an unknown id in the path is a 404, in a body a 400.
    if (!item) throw new ApiError(404, 'This customer does not exist.')
    return { type: 'item' as const, item }
  })

  app.post('/customer', {
    config: { permission: 'CUSTOMER_CUD' },
    schema: { tags, summary: 'Create a customer and link its channel (CRM sync)', querystring: ApiKeyQuerySchema, body: CreateCustomerBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    createCustomer(request.store, request.body, request.initiatedBy)
    return { type: 'result' as const, message: 'User created and channel linked.' }
  })

  app.put('/customer/updateCustomer', {
    config: { permission: 'CUSTOMER_CUD' },
    schema: { tags, summary: 'Update a customer found by your primary id: only the fields sent change', querystring: ApiKeyQuerySchema, body: UpdateCustomerBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    updateCustomer(request.store, request.body)
    return { type: 'result' as const, message: 'Customer updated.' }
  })

  app.post('/customer/addchannelonly', {
    config: { permission: 'CUSTOMER_CUD' },
    schema: { tags, summary: 'Link more addresses to a customer', querystring: ApiKeyQuerySchema, body: AddChannelOnlyBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    addChannels(request.store, request.body, request.initiatedBy)
    return { type: 'result' as const, message: 'Channel linked.' }
  })

  app.delete('/customer/purgedata', {
    config: { permission: 'CUSTOMER_CUD' },
    schema: {
      tags,
      summary: 'Purge a customer\'s personal data and channels (its tickets stay, without customer); brand_id and primary_id in the query or the body',
      querystring: Type.Intersect([ApiKeyQuerySchema, Type.Partial(PurgeCustomerSchema)]),
      // A DELETE body is not every client's habit, and Fastify validates a missing one as empty: it is checked here.
      body: Type.Unknown({ description: 'brand_id and primary_id, as in the query' }),
      'x-body-optional': true,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>
    const brandId = Number(body.brand_id ?? request.query.brand_id)
    const primaryId = body.primary_id ?? request.query.primary_id
    if (!Number.isSafeInteger(brandId) || brandId < 1) throw new ApiError(400, "The field 'brand_id' is required, as a whole number of 1 or more (in the query or the body).")
    if (typeof primaryId !== 'string' || primaryId === '') throw new ApiError(400, "The field 'primary_id' is required (in the query or the body): your id of the customer whose data to purge.")
    purgeCustomer(request.store, { brand_id: brandId, primary_id: primaryId }, request.initiatedBy)
    return { type: 'result' as const, message: 'Customer data purged.' }
  })

  app.post('/customer/searchByPrimaryExternalId', {
    config: { permission: 'CUSTOMER_READ' },
    schema: { tags, summary: 'Find customers by your primary id', querystring: ApiKeyQuerySchema, body: SearchByPrimaryExternalIdBodySchema, response: { 200: CustomerListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const items = customersByPrimaryId(request.store.db, request.body.externalPrimaryID, request.body.brandID)
    return listAnswer({ total: items.length, items })
  })

  app.get('/customer/timelineByCustomerExternalID', {
    config: { permission: 'CUSTOMER_READ' },
    schema: { tags, summary: 'A customer\'s timeline across its tickets, newest first', querystring: Type.Intersect([ApiKeyQuerySchema, TimelineByExternalIdQuerySchema]), response: { 200: Type.Array(TimelineItemSchema), ...ErrorResponses } }
  }, async (request) => customerTimeline(request.store.db, request.query.brand_id, request.query.external_id))
}

export default customerRoutes
