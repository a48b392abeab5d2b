// The account's settings: brands, channels, groups, users (agents), forms and SLA policies. They are
// read on every request and change rarely, so each table is kept in memory until the settings
// change (settings_version, src/db/schema.ts). The rows handed out are shared: read them only.
import { asc } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { type Db, keptUntilSettingsChange } from '../db/client.js'
import { brands, channels, forms, groups, slaPolicies, users } from '../db/schema.js'
import type { AssignOption } from '../schemas/tickets.js'

type Row<T extends SQLiteTable> = T['$inferSelect'] & { id: number }

function byId<T extends SQLiteTable> (db: Db, table: T & { id: unknown }, name: string): Map<number, Row<T>> {
  return keptUntilSettingsChange(db, name, () => {
    const rows = db.select().from(table as SQLiteTable).orderBy(asc(table.id as never)).all() as Array<Row<T>>
    return new Map(rows.map((row) => [row.id, row]))
  })
}

export const getBrand = (db: Db, id: number) => byId(db, brands, 'brands').get(id)
export const getChannel = (db: Db, id: number) => byId(db, channels, 'channels').get(id)
export const getGroup = (db: Db, id: number) => byId(db, groups, 'groups').get(id)
export const getUser = (db: Db, id: number) => byId(db, users, 'users').get(id)
export const getForm = (db: Db, id: number) => byId(db, forms, 'forms').get(id)
export const getSlaPolicy = (db: Db, id: number) => byId(db, slaPolicies, 'slaPolicies').get(id)

/** The id and name of each row of a brand, by id. */
function optionsOfBrand (db: Db, rows: Map<number, { id: number, name: string, brandId: number }>, cacheKey: string, brandId: number): AssignOption[] {
  const perBrand = keptUntilSettingsChange(db, cacheKey, () => new Map<number, AssignOption[]>())
  let options = perBrand.get(brandId)
  if (!options) {
    options = [...rows.values()].filter((row) => row.brandId === brandId).map(({ id, name }) => ({ id, name }))
    perBrand.set(brandId, options)
  }
  return options
}

/** The groups a ticket of this brand can be assigned to. */
export function listAssignableGroups (db: Db, brandId: number): AssignOption[] {
  return optionsOfBrand(db, byId(db, groups, 'groups'), 'groupOptions', brandId)
}

/** The agents a ticket of this brand can be assigned to. */
export function listAssignableUsers (db: Db, brandId: number): AssignOption[] {
  return optionsOfBrand(db, byId(db, users, 'users'), 'userOptions', brandId)
}
