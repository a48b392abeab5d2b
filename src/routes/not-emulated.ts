// Endpoints the real API has (CONTRACT.md §9) that the emulator does not serve yet: 501 with the
// envelope, so a client sees "not emulated" instead of a 404 that reads like a typo.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ErrorSchema } from '../schemas/common.js'

const TICKET_ROUTES: Array<[method: 'DELETE' | 'POST' | 'PUT', path: string]> = [
  ['POST', '/ticket/batch']
]

/** The customer controller's documented endpoints that routes/customers.ts does not serve (itemChannel's path is ours). */
const CUSTOMER_ROUTES: Array<[method: 'DELETE' | 'POST' | 'PUT', path: string]> = [
  ['PUT', '/customer'],
  ['PUT', '/customer/:customerID'],
  ['DELETE', '/customer/:customerID'],
  ['DELETE', '/customer/:customerID/channel/:channelID'],
  ['POST', '/customer/externalEvent'],
  ['POST', '/customer/syncWithCRM'],
  ['POST', '/customer/createCustomerCRUD']
]

/** Controllers with endpoints beyond the emulated ones: what the emulator does not serve under them is a 501. */
export const NOT_EMULATED_CONTROLLERS = [
  'user', 'view', 'form', 'formfield', 'channel', 'chat', 'email', 'telephone',
  'notification', 'raw', 'statisticsv2'
]

/**
 * The settings controllers serve their index path and an item by id: what is not served lies below the
 * item (`/form/{formID}/{path}`; a catch-all beside the item would be the same OpenAPI path). The
 * others (chat, e-mail, telephony, …) serve only named endpoints below the index.
 */
const ITEM_PARAMS: ReadonlyMap<string, string> = new Map([['user', 'userID'], ['view', 'viewID'], ['form', 'formID'], ['formfield', 'formFieldID'], ['channel', 'channelID']])

/** Documented by name only, next to served paths (a static path wins over /view/:viewID). */
const NAMED_ROUTES: Array<[method: 'GET' | 'POST' | 'PUT', path: string]> = [
  ['POST', '/user/reserveUserForLiveChannel'],
  ['PUT', '/user/ticketIncognitoMode'],
  ['GET', '/view/viewCategories']
]

/** 501 naming the request itself (DELETE /api/v2/ticket/858462), not the route's placeholder. */
const notEmulated = (what?: string) => async (request: FastifyRequest) => {
  throw new ApiError(501, `${what ?? `${request.method} ${request.url.split('?')[0] ?? ''}`} exists in Omnidesk but is not emulated yet; the README lists what is.`)
}

const notEmulatedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { tags: ['not emulated'], summary: 'Not emulated yet', response: { 501: ErrorSchema } }
  // Any body (or none) is taken, so that the answer is the 501 and not a complaint about the body.
  const withBody = { ...schema, body: Type.Unknown(), 'x-body-optional': true }
  for (const [method, url] of TICKET_ROUTES) {
    app.route({ method, url, schema: withBody, handler: notEmulated() })
  }
  // The customer controller's other documented endpoints.
  for (const [method, url] of CUSTOMER_ROUTES) app.route({ method, url, schema: withBody, handler: notEmulated() })
  for (const [method, url] of NAMED_ROUTES) app.route({ method, url, schema: method === 'GET' ? schema : withBody, handler: notEmulated() })
  for (const controller of NOT_EMULATED_CONTROLLERS) {
    const item = ITEM_PARAMS.get(controller)
    for (const url of item ? [`/${controller}/:${item}/*`] : [`/${controller}`, `/${controller}/*`]) {
      const handler = notEmulated(`The /api/v2/${controller} API`)
      app.route({ method: 'GET', url, schema, handler })
      app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url, schema: withBody, handler })
    }
  }
}

export default notEmulatedRoutes
