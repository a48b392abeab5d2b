// Form fields as the formfield API lists, creates, changes and deletes them.
import { asc, count, eq, like } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { formFields } from '../db/schema-settings.js'
import { ApiError } from '../errors.js'
import type { FormField, FormFieldBody, FormListQuery } from '../schemas/forms.js'
import { onlySent } from './context.js'
import { formNotFound, toFormField } from './forms.js'
import { getForm } from './settings.js'

const fieldNotFound = () => new ApiError(404, 'This form field does not exist.')

export function listFormFields (db: Db, query: FormListQuery): { total: number, items: FormField[] } {
  const where = query.query === undefined ? undefined : like(formFields.title, `%${query.query}%`)
  const total = db.orm.select({ n: count() }).from(formFields).where(where).get()?.n ?? 0
  const rows = db.orm.select().from(formFields).where(where).orderBy(asc(formFields.id)).limit(query.itemLimit).offset(query.itemStart).all()
  return { total, items: rows.map((row) => toFormField(row)) }
}

export function getFormField (db: Db, id: number): FormField {
  const row = db.orm.select().from(formFields).where(eq(formFields.id, id)).get()
  if (!row) throw fieldNotFound()
  return toFormField(row)
}

function toColumns (db: Db, body: FormFieldBody) {
  if (!getForm(db, body.form_id)) throw formNotFound()
  return {
    formId: body.form_id,
    title: body.title,
    inputType: body.input_type,
    fieldOrder: body.field_order ?? 0,
    requiredStatuses: [...new Set(body.required_statuses ?? [])],
    ...onlySent({ externalCode: body.external_code })
  }
}

export function createFormField (db: Db, body: FormFieldBody): number {
  return db.orm.insert(formFields).values(toColumns(db, body)).returning({ id: formFields.id }).get().id
}

export function updateFormField (db: Db, id: number, body: FormFieldBody): void {
  const set = toColumns(db, body)
  if (db.orm.update(formFields).set(set).where(eq(formFields.id, id)).run().changes === 0) throw fieldNotFound()
}

/** Deletes a field with every ticket's value of it. */
export function deleteFormField (db: Db, id: number): void {
  if (db.orm.delete(formFields).where(eq(formFields.id, id)).run().changes === 0) throw fieldNotFound()
}
