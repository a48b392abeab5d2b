// The brands as the control API shows and changes them: the CRM sync url is a brand setting; the
// chat accounts (without their tokens), telephone numbers and e-mail addresses are shown with it.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { chatAccounts, emailAddresses, telephoneNumbers } from '../db/schema-channels.js'
import { brands } from '../db/schema.js'
import { doesNotExist } from '../errors.js'

export interface BrandSettings {
  id: number
  name: string
  crm_sync_url: string | null
  chat_accounts: Array<{ id: number, name: string }>
  telephone_numbers: string[]
  email_addresses: string[]
}

export function listBrandSettings (db: Db): BrandSettings[] {
  const chats = db.orm.select({ id: chatAccounts.id, name: chatAccounts.name, brandId: chatAccounts.brandId }).from(chatAccounts).orderBy(asc(chatAccounts.id)).all()
  const numbers = db.orm.select().from(telephoneNumbers).orderBy(asc(telephoneNumbers.id)).all()
  const addresses = db.orm.select().from(emailAddresses).orderBy(asc(emailAddresses.id)).all()
  return db.orm.select({ id: brands.id, name: brands.name, crm_sync_url: brands.crmSyncUrl }).from(brands).orderBy(asc(brands.id)).all()
    .map((brand) => ({
      ...brand,
      chat_accounts: chats.filter((c) => c.brandId === brand.id).map(({ id, name }) => ({ id, name })),
      telephone_numbers: numbers.filter((n) => n.brandId === brand.id).map((n) => n.number),
      email_addresses: addresses.filter((a) => a.brandId === brand.id).map((a) => a.address)
    }))
}

/** Sets (or, with null, removes) a brand's CRM sync url. */
export function setCrmSyncUrl (db: Db, brandId: number, url: string | null): BrandSettings {
  const changed = db.orm.update(brands).set({ crmSyncUrl: url }).where(eq(brands.id, brandId)).run().changes
  if (changed === 0) throw doesNotExist('brand')
  return listBrandSettings(db).find((brand) => brand.id === brandId) as BrandSettings
}
