// The brands as the control API shows and changes them: the CRM sync url is a brand setting.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { brands } from '../db/schema.js'
import { doesNotExist } from '../errors.js'

export interface BrandSettings { id: number, name: string, crm_sync_url: string | null }

export function listBrandSettings (db: Db): BrandSettings[] {
  return db.orm.select({ id: brands.id, name: brands.name, crm_sync_url: brands.crmSyncUrl }).from(brands).orderBy(asc(brands.id)).all()
}

/** Sets (or, with null, removes) a brand's CRM sync url. */
export function setCrmSyncUrl (db: Db, brandId: number, url: string | null): BrandSettings {
  const changed = db.orm.update(brands).set({ crmSyncUrl: url }).where(eq(brands.id, brandId)).run().changes
  if (changed === 0) throw doesNotExist('brand')
  return listBrandSettings(db).find((brand) => brand.id === brandId) as BrandSettings
}
