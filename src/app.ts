import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Fastify, {
  type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RawServerDefault
} from 'fastify'
import type { Config } from './config.js'
import { clientErrorHandler, errorHandler, notFoundHandler } from './errors.js'
import { LazyCompilers } from './lazy-compilers.js'
import { BODY_LIMIT, HEADERS_TIMEOUT, REQUEST_TIMEOUT } from './limits.js'
import accounts, { AccountRouting } from './plugins/accounts.js'
import apiKeyAuth from './plugins/api-key.js'
import bodyParsers, { parseQuery } from './plugins/body-parsers.js'
import faults from './plugins/faults.js'
import guard from './plugins/guard.js'
import journal from './plugins/journal.js'
import methods from './plugins/methods.js'
import openapi from './plugins/openapi.js'
import rateLimits from './plugins/rate-limit.js'
import webhooks from './plugins/webhooks.js'
import writeBatches, { settledWrites } from './plugins/write-batch.js'
import healthRoutes from './routes/health.js'
import clockRoutes from './routes/emulator-clock.js'
import faultRoutes from './routes/emulator-faults.js'
import requestRoutes from './routes/emulator-requests.js'
import stateRoutes from './routes/emulator-state.js'
import triggerRoutes from './routes/emulator-triggers.js'
import webhookRoutes from './routes/emulator-webhooks.js'
import brandRoutes from './routes/emulator-brands.js'
import channelRoutes from './routes/emulator-channels.js'
import playRoutes from './routes/emulator-play.js'
import chatRoutes from './routes/chat.js'
import emailRoutes from './routes/email.js'
import customChannelRoutes from './routes/custom-channels.js'
import formRoutes from './routes/forms.js'
import userRoutes from './routes/users.js'
import viewRoutes from './routes/views.js'
import telephonyRoutes from './routes/telephony.js'
import customerRoutes from './routes/customers.js'
import messageRoutes from './routes/messages.js'
import notEmulatedRoutes from './routes/not-emulated.js'
import ticketRoutes from './routes/tickets.js'
import uiRoutes from './routes/ui.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Compiles every route validator and serializer not compiled yet (they compile on first use); returns how many. */
    compilePending: () => number
  }
}

export interface AppOptions {
  config: Config
  logger?: FastifyServerOptions['logger']
  /** The route compilers (default: new ones, reading the build's precompiled functions). */
  compilers?: LazyCompilers
}

export { BODY_LIMIT, HEADERS_TIMEOUT, REQUEST_TIMEOUT } from './limits.js'

/** The request as logged: the API key never reaches the log, in the query or in a header. */
export function redactedRequest (req: FastifyRequest) {
  return {
    method: req.method,
    url: req.url.replace(/([?&](?:apiKey|token)=)[^&#]*/gi, '$1***'),
    host: req.headers.host,
    remoteAddress: req.ip
  }
}

/** The app's type, spelled out so that the published declarations name only exported types. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>

/** How long close() lets requests in flight finish before it cuts their connections. */
const CLOSE_GRACE_MS = 2000

export async function buildApp ({ config, logger = false, compilers = new LazyCompilers() }: AppOptions): Promise<App> {
  const routing = new AccountRouting()
  const app = Fastify({
    logger: logger === false ? false : { ...(typeof logger === 'object' ? logger : {}), serializers: { req: redactedRequest } },
    bodyLimit: BODY_LIMIT,
    // A client that sends its request too slowly is closed (its headers within HEADERS_TIMEOUT, see below).
    requestTimeout: REQUEST_TIMEOUT,
    // The real API matches route names case-insensitively (`setStatus` works too: CONTRACT.md §4).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQuery },
    ajv: { customOptions: { coerceTypes: 'array', allowUnionTypes: true } },
    schemaController: { compilersFactory: { buildValidator: compilers.buildValidator, buildSerializer: compilers.buildSerializer } },
    // A URL the router cannot decode (e.g. a stray %) gets the envelope too, not Fastify's own body.
    // The URL itself is not echoed: it may carry ?apiKey=.
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply).code(400).send({ status: 'error', message: `The URL is not valid (${error.code}): it has a malformed %-escape or is too long a path.` })
    },
    clientErrorHandler,
    // /_accounts/{account}/... addresses an account by path, for clients that cannot set Host.
    rewriteUrl: (req) => routing.strip(req)
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.server.headersTimeout = HEADERS_TIMEOUT
  app.decorate('compilePending', () => compilers.compilePending())
  // On shutdown, requests still in flight finish, and their keep-alive connections close with them,
  // so that close() does not wait for clients to hang up; a connection still open after a grace
  // period (a browser killed with a request under way) is cut, so that close() always ends.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
    setTimeout(() => { app.server.closeAllConnections() }, CLOSE_GRACE_MS).unref()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  // What every request meets, in this order: hosts, origins and the control token; 405 for a known
  // path; the PHP way of reading queries and bodies; which account.
  await app.register(guard, { config })
  await app.register(methods)
  await app.register(bodyParsers)
  await app.register(accounts, { config, routing })
  await app.register(openapi)

  await app.register(healthRoutes)
  await app.register(async (inbox) => {
    await inbox.register(settledWrites)
    await inbox.register(uiRoutes)
  })
  await app.register(async (control) => {
    await control.register(settledWrites)
    await control.register(stateRoutes)
    await control.register(requestRoutes)
    await control.register(faultRoutes)
    await control.register(clockRoutes)
    await control.register(triggerRoutes)
    await control.register(webhookRoutes)
    await control.register(brandRoutes, { webhookHosts: config.WEBHOOK_HOSTS })
    await control.register(channelRoutes)
    await control.register(playRoutes, { apiKey: config.API_KEY })
  }, { prefix: '/_emulator' })
  // The emulated API, its hooks in the order they run: every request under /api is journaled and
  // meets the injected faults (unknown paths too); the API's own routes then check the key, the rate
  // limit, collect webhook events and join the write batch.
  await app.register(async (api) => {
    await api.register(journal)
    await api.register(faults)
    api.setNotFoundHandler(notFoundHandler)
    await api.register(async (v2) => {
      await v2.register(apiKeyAuth, { config })
      await v2.register(rateLimits)
      await v2.register(webhooks)
      await v2.register(writeBatches)
      await v2.register(ticketRoutes)
      await v2.register(messageRoutes)
      await v2.register(customerRoutes)
      await v2.register(chatRoutes)
      await v2.register(telephonyRoutes)
      await v2.register(emailRoutes)
      await v2.register(userRoutes)
      await v2.register(formRoutes)
      await v2.register(viewRoutes)
      await v2.register(customChannelRoutes)
      await v2.register(notEmulatedRoutes)
    }, { prefix: '/v2' })
  }, { prefix: '/api' })

  return app
}
