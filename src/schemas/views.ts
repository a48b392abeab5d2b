// Views (Omnidesk's view spec): saved filters of the ticket list. The body is the documented one;
// the facts, operations and sortings it may name are ours (README, fidelity notes).
import { type Static, Type } from 'typebox'
import { VIEW_FACTS, VIEW_OPERATIONS, VIEW_SORTINGS } from '../domain/vocabulary.js'
import { NAME_MAX } from '../limits.js'
import { VIEW_QUERY_PATTERN, VIEW_TITLE_PATTERN } from '../patterns.js'
import { IdSchema, ListEnvelope, Nullable, PagingQuerySchema } from './common.js'

/** A string or a number, kept as sent (a type list, not a union: see schemas/triggers.ts). */
const TextOrNumber = Type.Unsafe<string | number>({ type: ['number', 'string'], maxLength: NAME_MAX })

export const ViewConditionSchema = Type.Object({
  fact: Type.Enum([...VIEW_FACTS], { description: 'a ticket field (tag: any of the ticket\'s tags; text: the title, from or to)' }),
  operation: Type.Enum([...VIEW_OPERATIONS], { description: 'equals is is, not_equals is is_not; in and not_in take a list; contains (and text) without regard to case' }),
  value: Type.Unsafe<string | number | Array<string | number>>({ type: ['array', 'number', 'string'], items: TextOrNumber, maxItems: 100, maxLength: NAME_MAX })
}, { additionalProperties: false })

const ConditionList = (description: string) => Type.Array(ViewConditionSchema, { maxItems: 50, description })

export const ViewConditionsSchema = Type.Object({
  all: Type.Optional(ConditionList('every one must hold')),
  any: Type.Optional(ConditionList('at least one must hold (when given)'))
}, { additionalProperties: false })

export const ViewColumnSchema = Type.Object({
  type: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'what the column shows, e.g. channel_icon' }),
  title: Type.String({ maxLength: NAME_MAX })
})

const Sorting = Type.Enum([...VIEW_SORTINGS], { description: 'a ticket field; none: newest first' })
const Order = Type.Enum(['asc', 'desc', ''], { description: 'asc (also when empty) or desc' })

const VIEW_FIELDS = {
  title: Type.String({ minLength: 4, maxLength: NAME_MAX, pattern: VIEW_TITLE_PATTERN }),
  primary_sorting: Type.Optional(Sorting),
  primary_sorting_order: Type.Optional(Order),
  secondary_sorting: Type.Optional(Sorting),
  secondary_sorting_order: Type.Optional(Order),
  view_category_id: Type.Optional(Type.Unsafe<number | string | null>({ type: ['integer', 'null', 'string'], maxLength: 20, description: 'a number, or empty or null for none' })),
  view_order_id: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  conditions: Type.Optional(ViewConditionsSchema),
  columns: Type.Optional(Type.Array(ViewColumnSchema, { maxItems: 50 }))
}

export const ViewBodySchema = Type.Object(VIEW_FIELDS)
/** PUT: the fields sent change, the others stay. */
export const ViewUpdateBodySchema = Type.Partial(Type.Object(VIEW_FIELDS))

export const ViewSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  primary_sorting: Type.String(),
  primary_sorting_order: Type.String(),
  secondary_sorting: Type.String(),
  secondary_sorting_order: Type.String(),
  view_category_id: Nullable(Type.Integer()),
  view_order_id: Type.Integer(),
  conditions: Type.Object({ all: Type.Array(ViewConditionSchema), any: Type.Array(ViewConditionSchema) }),
  columns: Type.Array(ViewColumnSchema)
})

export const ViewListQuerySchema = Type.Intersect([
  Type.Object({ query: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, pattern: VIEW_QUERY_PATTERN, description: 'part of the title' })) }),
  PagingQuerySchema(9999)
])

export const ViewParamsSchema = Type.Object({ viewID: IdSchema })
export const ViewListResponseSchema = ListEnvelope(ViewSchema)

export type ViewCondition = Static<typeof ViewConditionSchema>
export type ViewConditions = Static<typeof ViewConditionsSchema>
export type ViewColumn = Static<typeof ViewColumnSchema>
export type ViewBody = Static<typeof ViewBodySchema>
export type ViewUpdateBody = Static<typeof ViewUpdateBodySchema>
export type View = Static<typeof ViewSchema>
export type ViewListQuery = Static<typeof ViewListQuerySchema> & { itemStart: number, itemLimit: number }
