// Forms and form fields (Omnidesk's form and formfield specs, and the older Apiary page): the bodies
// and answers are the documented ones; the item shapes and saveFormFields' body are ours (README).
import { type Static, Type } from 'typebox'
import { FORM_INPUT_TYPES } from '../domain/vocabulary.js'
import { NAME_MAX } from '../limits.js'
import { IdSchema, ListEnvelope, Nullable, PagingQuerySchema } from './common.js'
import { TicketStatusSchema } from './tickets.js'

const VALUE_MAX = 10_000

export const FormListQuerySchema = Type.Intersect([
  Type.Object({ query: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'part of the name (of a form) or title (of a field)' })) }),
  PagingQuerySchema(9999)
])

export const FormParamsSchema = Type.Object({ formID: IdSchema })
export const FormFieldParamsSchema = Type.Object({ formFieldID: IdSchema })
export const FormItemQuerySchema = Type.Object({
  ticketID: Type.Optional({ ...IdSchema, description: 'a ticket of this form: each field then has the ticket\'s value' })
})
export const FormForTicketQuerySchema = Type.Object({ ticketID: { ...IdSchema, description: 'the ticket whose form and values to get' } })

export const FormBodySchema = Type.Object({
  brand_id: IdSchema,
  name: Type.String({ minLength: 1, maxLength: NAME_MAX })
})
export const FormUpdateBodySchema = Type.Object({ name: Type.String({ minLength: 1, maxLength: NAME_MAX }) })

const FIELD = {
  form_id: { ...IdSchema, description: 'the form the field belongs to' },
  title: Type.String({ minLength: 1, maxLength: NAME_MAX }),
  input_type: Type.Enum([...FORM_INPUT_TYPES]),
  field_order: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  required_statuses: Type.Optional(Type.Array(TicketStatusSchema, { maxItems: 6, description: 'the statuses a ticket of the form cannot get while this field is empty' }))
}

export const FormFieldBodySchema = Type.Object(FIELD)
/** PUT: as POST, with an external code. */
export const FormFieldUpdateBodySchema = Type.Object({ ...FIELD, external_code: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX })) })
export const FormFieldDeleteBodySchema = Type.Union([
  Type.Object({ description: Type.Optional(Type.String({ maxLength: NAME_MAX, description: 'Optional parameter if you want to send a description for deletion.' })) }),
  Type.Null()
])

/**
 * A ticket's form values: a list of {id or external_code, value} (fields[0][id]=3&fields[0][value]=… in
 * a form: a PHP-style `fields[3]=…` would reach the emulator as a list without its keys).
 */
export const SaveFormFieldsBodySchema = Type.Object({
  ticketID: IdSchema,
  formID: Type.Optional({ ...IdSchema, description: 'the form, of the ticket\'s brand (default: the ticket\'s form); it becomes the ticket\'s form' }),
  fields: Type.Array(Type.Object({
    id: Type.Optional({ ...IdSchema, description: 'the field\'s id' }),
    external_code: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'or the field\'s external code' })),
    value: Type.Unsafe<string | number | boolean>({ type: ['string', 'number', 'boolean'], maxLength: VALUE_MAX, description: 'the value; empty clears the field' })
  }), { maxItems: 200, description: 'the values to set, each naming its field by id or external_code' })
})

export const FormFieldSchema = Type.Object({
  id: Type.Integer(),
  form_id: Type.Integer(),
  title: Type.String(),
  input_type: Type.String(),
  field_order: Type.Integer(),
  required_statuses: Type.Array(Type.String()),
  external_code: Nullable(Type.String()),
  value: Type.Optional(Nullable(Type.String()))
})

export const FormSchema = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  name: Type.String(),
  fields: Type.Array(FormFieldSchema)
})

export const FormListResponseSchema = ListEnvelope(FormSchema)
export const FormFieldListResponseSchema = ListEnvelope(FormFieldSchema)

export type FormListQuery = Static<typeof FormListQuerySchema> & { itemStart: number, itemLimit: number }
export type FormFieldBody = Static<typeof FormFieldUpdateBodySchema>
export type SaveFormFieldsBody = Static<typeof SaveFormFieldsBodySchema>
export type Form = Static<typeof FormSchema>
export type FormField = Static<typeof FormFieldSchema>
