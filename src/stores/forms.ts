// Forms with their fields, a ticket's values of them, and the rule that a status a field requires
// cannot be set while the field is empty.
import { and, asc, count, eq, inArray, like } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { type FormFieldRow, formFields, ticketFormValues } from '../db/schema-settings.js'
import { type FormRow, forms, type TicketRow, tickets } from '../db/schema.js'
import type { TicketStatus } from '../domain/vocabulary.js'
import { ApiError, doesNotExist } from '../errors.js'
import type { Form, FormField, FormListQuery, SaveFormFieldsBody } from '../schemas/forms.js'
import type { StoreContext } from './context.js'
import { getTicketRow } from './rows/tickets.js'
import { getBrand, getForm } from './settings.js'

/** The Apiary page's 400 for a form id that is not there (in a body); in the path it is a 404. */
export const formNotFound = () => doesNotExist('form')
const formNotInPath = () => new ApiError(404, 'This form does not exist.')

export function toFormField (row: FormFieldRow, value?: string | null): FormField {
  const field: FormField = {
    id: row.id,
    form_id: row.formId,
    title: row.title,
    input_type: row.inputType,
    field_order: row.fieldOrder,
    required_statuses: row.requiredStatuses,
    external_code: row.externalCode
  }
  if (value !== undefined) field.value = value
  return field
}

function fieldsOf (db: Db, formIds: number[]): FormFieldRow[] {
  if (formIds.length === 0) return []
  return db.orm.select().from(formFields).where(inArray(formFields.formId, formIds)).orderBy(asc(formFields.fieldOrder), asc(formFields.id)).all()
}

function valuesOf (db: Db, ticketId: number): Map<number, string> {
  return new Map(db.orm.select({ fieldId: ticketFormValues.fieldId, value: ticketFormValues.value }).from(ticketFormValues)
    .where(eq(ticketFormValues.ticketId, ticketId)).all().map(({ fieldId, value }) => [fieldId, value]))
}

function toForm (row: FormRow, fields: FormFieldRow[], values?: Map<number, string>): Form {
  return {
    id: row.id,
    brand_id: row.brandId,
    name: row.name,
    fields: fields.filter((f) => f.formId === row.id).map((f) => toFormField(f, values && (values.get(f.id) ?? null)))
  }
}

export function listForms (db: Db, query: FormListQuery): { total: number, items: Form[] } {
  const where = query.query === undefined ? undefined : like(forms.name, `%${query.query}%`)
  const total = db.orm.select({ n: count() }).from(forms).where(where).get()?.n ?? 0
  const rows = db.orm.select().from(forms).where(where).orderBy(asc(forms.id)).limit(query.itemLimit).offset(query.itemStart).all()
  const fields = fieldsOf(db, rows.map((row) => row.id))
  return { total, items: rows.map((row) => toForm(row, fields)) }
}

/** A form with its fields; with a ticket, each field with the ticket's value (null when none). */
export function formItem (db: Db, id: number, ticketId?: number): Form {
  const row = getForm(db, id)
  if (!row) throw formNotInPath()
  if (ticketId === undefined) return toForm(row, fieldsOf(db, [id]))
  const ticket = getTicketRow(db, ticketId)
  if (!ticket) throw doesNotExist('ticket')
  return toForm(row, fieldsOf(db, [id]), valuesOf(db, ticketId))
}

/** GET /api/v2/form/getFormForTicket: the ticket's form with its values. */
export function formOfTicket (db: Db, ticketId: number): Form {
  const ticket = getTicketRow(db, ticketId)
  if (!ticket) throw doesNotExist('ticket')
  if (ticket.formId === null) throw new ApiError(400, `Ticket ${ticketId} has no form; PUT /api/v2/form/saveFormFields with a formID gives it one.`)
  return formItem(db, ticket.formId, ticketId)
}

export function createForm (db: Db, brandId: number, name: string): number {
  if (!getBrand(db, brandId)) throw doesNotExist('brand')
  return db.orm.insert(forms).values({ brandId, name }).returning({ id: forms.id }).get().id
}

export function renameForm (db: Db, id: number, name: string): void {
  if (db.orm.update(forms).set({ name }).where(eq(forms.id, id)).run().changes === 0) throw formNotInPath()
}

/** Deletes a form with its fields and values; its tickets keep no form. */
export function deleteForm (db: Db, id: number): void {
  db.transaction(() => {
    db.orm.update(tickets).set({ formId: null }).where(eq(tickets.formId, id)).run()
    if (db.orm.delete(forms).where(eq(forms.id, id)).run().changes === 0) throw formNotInPath()
  })
}

const VALUE_CHECKS: Record<string, [RegExp, string]> = {
  number: [/^-?\d+(\.\d+)?$/, 'a number'],
  date: [/^\d{4}-\d{2}-\d{2}$/, 'a date of the form YYYY-MM-DD'],
  email: [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address'],
  checkbox: [/^(0|1|true|false)$/, '1/true or 0/false']
}

/** PUT /api/v2/form/saveFormFields: sets (or, with an empty value, clears) a ticket's values, in one transaction. */
export function saveFormFields (ctx: StoreContext, body: SaveFormFieldsBody): void {
  const { db } = ctx
  const ticket = getTicketRow(db, body.ticketID)
  if (!ticket) throw doesNotExist('ticket')
  const formId = body.formID ?? ticket.formId
  if (formId === null) throw new ApiError(400, `Ticket ${ticket.id} has no form yet: send formID, a form of brand ${ticket.brandId}.`)
  const form = getForm(db, formId)
  if (!form) throw formNotFound()
  if (form.brandId !== ticket.brandId) throw new ApiError(400, `Form ${formId} is a form of brand ${form.brandId}, not of the ticket's brand ${ticket.brandId}.`)
  const fields = fieldsOf(db, [formId])
  const values = body.fields.map((sent, i) => {
    const field = fields.find((f) => (sent.id !== undefined ? f.id === sent.id : sent.external_code !== undefined && f.externalCode === sent.external_code))
    if (sent.id === undefined && sent.external_code === undefined) throw new ApiError(400, `fields[${i}] names no field: send its id or external_code.`)
    if (!field) {
      const known = fields.map((f) => (f.externalCode === null ? String(f.id) : `${f.id} (${f.externalCode})`)).join(', ') || 'none'
      throw new ApiError(400, `Form ${formId} has no field ${sent.id ?? sent.external_code}; its fields are: ${known}.`)
    }
    const text = String(sent.value).trim()
    const check = VALUE_CHECKS[field.inputType]
    if (text !== '' && check && !check[0].test(text)) throw new ApiError(400, `The form field '${field.title}' (${field.id}) must be ${check[1]}.`)
    return { field, text }
  })
  db.transaction(() => {
    if (ticket.formId !== formId) db.orm.update(tickets).set({ formId }).where(eq(tickets.id, ticket.id)).run()
    for (const { field, text } of values) {
      const key = and(eq(ticketFormValues.ticketId, ticket.id), eq(ticketFormValues.fieldId, field.id))
      if (text === '') db.orm.delete(ticketFormValues).where(key).run()
      else db.orm.insert(ticketFormValues).values({ ticketId: ticket.id, fieldId: field.id, value: text }).onConflictDoUpdate({ target: [ticketFormValues.ticketId, ticketFormValues.fieldId], set: { value: text } }).run()
    }
    ctx.events?.push({ type: 'ticket.updated', ticketId: ticket.id, at: ctx.clock.now(), changes: { form_fields: { from: null, to: Object.fromEntries(values.map(({ field, text }) => [field.id, text])) } } })
  })
}

/**
 * Refuses a status that a field of the ticket's form requires while the ticket has no value for it
 * (called before any change, so that nothing changes; setstatus stays all or nothing).
 */
export function requireFormFields (db: Db, row: TicketRow, status: TicketStatus): void {
  if (row.formId === null || status === row.status) return
  const required = fieldsOf(db, [row.formId]).filter((f) => f.requiredStatuses.includes(status))
  if (required.length === 0) return
  const values = valuesOf(db, row.id)
  const empty = required.filter((f) => !values.has(f.id))
  if (empty.length === 0) return
  const names = empty.map((f) => `'${f.title}' (${f.id})`).join(', ')
  throw new ApiError(400, `Ticket ${row.id} cannot be ${status} while its form field${empty.length > 1 ? 's' : ''} ${names} ${empty.length > 1 ? 'are' : 'is'} empty: fill ${empty.length > 1 ? 'them' : 'it'} in with PUT /api/v2/form/saveFormFields first.`)
}
