// /_emulator/brands: a brand's settings that Omnidesk keeps in its admin screens: the CRM sync url
// (Settings > Brands) that new tickets' customers are looked up at, which can be set; the chat
// accounts, telephone numbers and e-mail addresses that pick a brand for chats, calls and mails.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { checkOutboundUrl, hostPatterns } from '../hosts.js'
import { NAME_MAX } from '../limits.js'
import { HTTP_URL_PATTERN } from '../patterns.js'
import { ErrorSchema, IdSchema, Nullable } from '../schemas/common.js'
import { listBrandSettings, setCrmSyncUrl } from '../stores/brands.js'

const BrandSettingsSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  crm_sync_url: Nullable(Type.String()),
  chat_accounts: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: 'the brand\'s chat accounts; their tokens are never shown (the seed holds them)' }),
  telephone_numbers: Type.Array(Type.String(), { description: 'a call to one of these (telephoneNumberCalled) is the brand\'s' }),
  email_addresses: Type.Array(Type.String(), { description: 'an inbound e-mail to one of these (toAddress) is the brand\'s' })
})

const brandRoutes: FastifyPluginAsyncTypebox<{ webhookHosts: string }> = async (app, opts) => {
  const allowed = hostPatterns(opts.webhookHosts)
  app.get('/brands', {
    schema: { tags: ['emulator'], summary: 'The brands: CRM sync url, chat accounts, telephone numbers and e-mail addresses', response: { 200: Type.Object({ brands: Type.Array(BrandSettingsSchema) }) } }
  }, async (request) => ({ brands: listBrandSettings(request.store.db) }))

  app.put('/brands/:brandID', {
    schema: {
      tags: ['emulator'],
      summary: 'Set a brand\'s CRM sync url (null: none): new tickets from unknown addresses are looked up there',
      params: Type.Object({ brandID: IdSchema }),
      body: Type.Object({
        crm_sync_url: Nullable(Type.String({ pattern: HTTP_URL_PATTERN, maxLength: NAME_MAX, description: 'e.g. http://127.0.0.1:4000/customerlookup?key=xyzzy' }))
      }, { additionalProperties: false }),
      response: { 200: BrandSettingsSchema, 400: ErrorSchema }
    }
  }, async (request) => {
    const url = request.body.crm_sync_url
    if (url !== null) checkOutboundUrl(url, allowed, 'crm_sync_url', 'The CRM sync url may point')
    return setCrmSyncUrl(request.store.db, request.params.brandID, url)
  })
}

export default brandRoutes
