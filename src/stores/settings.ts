// The account's settings: brands, channels, groups, users (agents), forms and SLA policies. They are
// read on every request and change rarely, so each table is kept in memory until the settings
// change (settings_version, src/db/schema.ts). The rows handed out are shared: read them only.
import { asc } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { cachedUntilSettingsChange, type Db } from '../db/client.js'
import { brands, channels, forms, groups, slaPolicies, users } from '../db/schema.js'
import type { AssignOption } from '../schemas/tickets.js'

type Row<T extends SQLiteTable> = T['$inferSelect'] & { id: number }

/** A settings table by id, kept until the settings change. */
function byId<T extends SQLiteTable & { id: unknown }> (table: T): (db: Db) => Map<number, Row<T>> {
  return cachedUntilSettingsChange((db: Db) => {
    const rows = db.orm.select().from(table as SQLiteTable).orderBy(asc(table.id as never)).all() as Array<Row<T>>
    return new Map(rows.map((row) => [row.id, row]))
  })
}

const brandRows = byId(brands)
const channelRows = byId(channels)
const groupRows = byId(groups)
const userRows = byId(users)
const formRows = byId(forms)
const slaPolicyRows = byId(slaPolicies)

export const getBrand = (db: Db, id: number) => brandRows(db).get(id)
export const getChannel = (db: Db, id: number) => channelRows(db).get(id)
export const getGroup = (db: Db, id: number) => groupRows(db).get(id)
export const getUser = (db: Db, id: number) => userRows(db).get(id)
export const getForm = (db: Db, id: number) => formRows(db).get(id)
export const getSlaPolicy = (db: Db, id: number) => slaPolicyRows(db).get(id)

/** The id and name of each row of a brand (its groups or agents), by brand, kept until the settings change. */
function optionsByBrand<R extends { id: number, name: string, brandId: number }> (rowsOf: (db: Db) => Map<number, R>, offered: (row: R) => boolean = () => true) {
  const perBrand = cachedUntilSettingsChange(() => new Map<number, AssignOption[]>())
  return (db: Db, brandId: number): AssignOption[] => {
    const cache = perBrand(db)
    let options = cache.get(brandId)
    if (!options) {
      options = [...rowsOf(db).values()].filter((row) => row.brandId === brandId && offered(row)).map(({ id, name }) => ({ id, name }))
      cache.set(brandId, options)
    }
    return options
  }
}

/** The groups a ticket of this brand can be assigned to. */
export const listAssignableGroups = optionsByBrand(groupRows)

/** The agents a ticket of this brand can be assigned to: its active ones. */
export const listAssignableUsers = optionsByBrand(userRows, (user) => user.active)

/** Every brand, group, agent and channel by id (the inbox's filters), shared rows: read only. */
export function listSettingRows (db: Db) {
  return {
    brands: [...brandRows(db).values()],
    groups: [...groupRows(db).values()],
    users: [...userRows(db).values()],
    channels: [...channelRows(db).values()]
  }
}
