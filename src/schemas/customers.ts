// The customer API (more-endpoints.md, "Customer controller"): the CRM sync calls and the customer
// list and item. Field names are the documented ones, snake_case and camelCase mixed as Omnidesk has
// them; what the docs leave open is ours (the README's fidelity notes).
import { type Static, Type } from 'typebox'
import { CUSTOMER_CHANNELS } from '../domain/vocabulary.js'
import { NAME_MAX } from '../limits.js'
import { CUSTOMER_QUERY_PATTERN } from '../patterns.js'
import { FlagSchema, IdSchema, ListEnvelope, Nullable, PagingQuerySchema } from './common.js'
import { CustomerChannelSchema, CustomFieldSchema } from './tickets.js'

const Text = (description: string) => Type.String({ maxLength: NAME_MAX, description })

/** A custom customer field of the brand, set by its name as a body field. */
const CustomFieldValues = { additionalProperties: Type.String({ maxLength: NAME_MAX, description: 'a custom customer field of the brand, by its name' }) }

export const CustomerChannelNameSchema = Type.Enum(Object.keys(CUSTOMER_CHANNELS) as Array<keyof typeof CUSTOMER_CHANNELS>, {
  description: 'the kind of customer_link_channel: email, telephone, facebook or twitter (a name, not a number)'
})

export const CreateCustomerBodySchema = Type.Object({
  brand_id: { ...IdSchema, description: 'the brand (Settings > Brands)' },
  primary_id: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'your organisation\'s customer id (or an order id)' })),
  firstname: Type.Optional(Text('first name')),
  lastname: Type.Optional(Text('last name')),
  channel_id: CustomerChannelNameSchema,
  customer_link_channel: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'the e-mail address, telephone number (E.164) or social media account' }),
  ticket_id: Type.Optional({ ...IdSchema, description: 'the ticket the customer is added to' }),
  noSync: Type.Optional({ ...FlagSchema, description: 'link only ticket_id, not the brand\'s other tickets from this address' })
}, CustomFieldValues)

export const UpdateCustomerBodySchema = Type.Object({
  externalPrimaryID: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'your primary (customer) id' }),
  brandID: IdSchema,
  firstname: Type.Optional(Text('first name')),
  lastname: Type.Optional(Text('last name'))
}, CustomFieldValues)

/** Which customer: the brand and your primary id (ours for addchannelonly and purgedata: the docs cut off there). */
const CUSTOMER_KEY = {
  brand_id: IdSchema,
  primary_id: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'your organisation\'s customer id' })
}

export const AddChannelOnlyBodySchema = Type.Object({
  ...CUSTOMER_KEY,
  extra_email: Type.Optional(Text('an e-mail address to link')),
  extra_telephone: Type.Optional(Text('a telephone number in E.164 to link')),
  extra_facebook: Type.Optional(Text('a Facebook account to link')),
  extra_twitter: Type.Optional(Text('a Twitter account to link')),
  noSync: Type.Optional({ ...FlagSchema, description: 'do not link other tickets from these addresses' })
})

export const PurgeCustomerSchema = Type.Object(CUSTOMER_KEY)

export const SearchByPrimaryExternalIdBodySchema = Type.Object({
  externalPrimaryID: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'your primary (customer) id' }),
  brandID: Type.Optional({ ...IdSchema, description: 'only this brand\'s customers' })
})

export const CustomerListQuerySchema = Type.Intersect([
  Type.Object({ query: Type.Optional(Type.String({ pattern: CUSTOMER_QUERY_PATTERN, description: 'part of a name, your primary id or an address' })) }),
  PagingQuerySchema(99)
])

export const TimelineByExternalIdQuerySchema = Type.Object({
  brand_id: { ...IdSchema, description: 'the brand the customer is linked to' },
  external_id: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'the customer\'s id in your CRM' })
})

export const CustomerParamsSchema = Type.Object({ customerID: IdSchema })

/** A customer as the customer API shows it (ours beyond the documented id, external_primary_id and brand_name). */
export const CustomerItemSchema = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  brand_name: Type.String(),
  external_primary_id: Nullable(Type.String()),
  firstname: Type.String(),
  lastname: Type.String(),
  created_at: Type.String(),
  channels: Type.Array(CustomerChannelSchema),
  custom_fields: Type.Array(CustomFieldSchema)
})

export const CustomerListResponseSchema = ListEnvelope(CustomerItemSchema)

export type CreateCustomerBody = Static<typeof CreateCustomerBodySchema>
export type UpdateCustomerBody = Static<typeof UpdateCustomerBodySchema>
export type AddChannelOnlyBody = Static<typeof AddChannelOnlyBodySchema>
export type CustomerKey = Static<typeof PurgeCustomerSchema>
export type CustomerItem = Static<typeof CustomerItemSchema>
export type CustomerListQuery = Static<typeof CustomerListQuerySchema> & { itemStart: number, itemLimit: number }
