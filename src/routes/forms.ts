// The form and formfield controllers (Omnidesk's form and formfield specs, the older Apiary page):
// forms with their fields, a ticket's values of them, and the fields themselves.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiKeyQuerySchema, CREATED_ID_HEADER, ErrorResponses, ItemEnvelope, listAnswer, ResultSchema } from '../schemas/common.js'
import {
  FormBodySchema, FormFieldBodySchema, FormFieldDeleteBodySchema, FormFieldListResponseSchema, FormFieldParamsSchema, FormFieldSchema,
  FormFieldUpdateBodySchema, FormForTicketQuerySchema, FormItemQuerySchema, type FormListQuery, FormListQuerySchema, FormListResponseSchema,
  FormParamsSchema, FormSchema, FormUpdateBodySchema, SaveFormFieldsBodySchema
} from '../schemas/forms.js'
import { createFormField, deleteFormField, getFormField, listFormFields, updateFormField } from '../stores/form-fields.js'
import { createForm, deleteForm, formItem, formOfTicket, listForms, renameForm, saveFormFields } from '../stores/forms.js'

const tags = ['forms']
const result = (message: string) => ({ type: 'result' as const, message })
const withKey = <T extends ReturnType<typeof Type.Object>>(query: T) => Type.Intersect([ApiKeyQuerySchema, query])

const formRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const listed = { 200: FormListResponseSchema, ...ErrorResponses }
  app.get('/form', {
    config: { permission: 'FORM_READ' },
    schema: { tags, summary: 'List forms with their fields', querystring: FormListQuerySchema, response: listed }
  }, async (request) => {
    const query = request.query as FormListQuery
    return listAnswer(listForms(request.store.db, query), query)
  })

  app.get('/form/getFormForTicket', {
    config: { permission: 'FORM_READ' },
    schema: { tags, summary: 'The form of a ticket, with the ticket\'s values', querystring: withKey(FormForTicketQuerySchema), response: { 200: ItemEnvelope(FormSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: formOfTicket(request.store.db, request.query.ticketID) }))

  app.get('/form/:formID', {
    config: { permission: 'FORM_READ' },
    schema: { tags, summary: 'Get a form; with ticketID, each field with that ticket\'s value', params: FormParamsSchema, querystring: withKey(FormItemQuerySchema), response: { 200: ItemEnvelope(FormSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: formItem(request.store.db, request.params.formID, request.query.ticketID) }))

  app.post('/form', {
    config: { permission: 'FORM_CUD' },
    schema: { tags, summary: 'Create a form (its id: the x-emulator-created-id header)', querystring: ApiKeyQuerySchema, body: FormBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request, reply) => {
    reply.header(CREATED_ID_HEADER, String(createForm(request.store.db, request.body.brand_id, request.body.name)))
    return result('Form created')
  })

  app.put('/form/saveFormFields', {
    config: { permission: 'FORM_SAVE' },
    schema: { tags, summary: 'Save a ticket\'s form values (an empty value clears one)', querystring: ApiKeyQuerySchema, body: SaveFormFieldsBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    saveFormFields(request.store, request.body)
    return result('Form fields saved.')
  })

  app.put('/form/:formID', {
    config: { permission: 'FORM_CUD' },
    schema: { tags, summary: 'Rename a form', params: FormParamsSchema, querystring: ApiKeyQuerySchema, body: FormUpdateBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    renameForm(request.store.db, request.params.formID, request.body.name)
    return result('Form updated')
  })

  app.delete('/form/:formID', {
    config: { permission: 'FORM_CUD' },
    schema: { tags, summary: 'Delete a form with its fields; its tickets keep no form', params: FormParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    deleteForm(request.store.db, request.params.formID)
    return result('Form deleted')
  })

  app.get('/formfield', {
    config: { permission: 'FORM_READ' },
    schema: { tags, summary: 'List form fields', querystring: FormListQuerySchema, response: { 200: FormFieldListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const query = request.query as FormListQuery
    return listAnswer(listFormFields(request.store.db, query), query)
  })

  app.get('/formfield/:formFieldID', {
    config: { permission: 'FORM_READ' },
    schema: { tags, summary: 'Get a form field', params: FormFieldParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ItemEnvelope(FormFieldSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: getFormField(request.store.db, request.params.formFieldID) }))

  app.post('/formfield', {
    config: { permission: 'FORM_CUD' },
    schema: { tags, summary: 'Create a form field (its id: the x-emulator-created-id header)', querystring: ApiKeyQuerySchema, body: FormFieldBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request, reply) => {
    reply.header(CREATED_ID_HEADER, String(createFormField(request.store.db, request.body)))
    return result('Form field created')
  })

  app.put('/formfield/:formFieldID', {
    config: { permission: 'FORM_CUD' },
    schema: { tags, summary: 'Change a form field (as POST, with external_code)', params: FormFieldParamsSchema, querystring: ApiKeyQuerySchema, body: FormFieldUpdateBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    updateFormField(request.store.db, request.params.formFieldID, request.body)
    return result('Form updated')
  })

  app.delete('/formfield/:formFieldID', {
    config: { permission: 'FORM_CUD' },
    schema: {
      tags,
      summary: 'Delete a form field with the tickets\' values of it',
      params: FormFieldParamsSchema,
      querystring: ApiKeyQuerySchema,
      body: FormFieldDeleteBodySchema,
      'x-body-optional': true,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    deleteFormField(request.store.db, request.params.formFieldID)
    return result('Form deleted')
  })
}

export default formRoutes
