// The OpenAPI description, built by @fastify/swagger from the same route schemas that validate and
// serialize, and Swagger UI to read it (served from the package: no CDN). Swagger UI is loaded on
// the first visit to /_emulator/docs, in an instance of its own that the docs routes forward to:
// loading it at start-up was an eighth of the cold start (bench/RESULTS.md).
import { createRequire } from 'node:module'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ErrorSchema } from '../schemas/common.js'

const ENCODINGS = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']
const FORMS = ENCODINGS.slice(1)

const errorResponse = (description: string) => ({ ...ErrorSchema, description })
const API_EXTRA_RESPONSES = {
  429: errorResponse('Too many requests: the rate limit per API key (RATE_LIMIT or the control API), with Retry-After'),
  503: errorResponse('An injected fault (POST /_emulator/faults); a fault may answer any status it is given')
}
const BODY_RESPONSES = {
  413: errorResponse('The body is too large, or a form has too many fields or list items'),
  415: errorResponse('The body is not JSON, a form or multipart')
}

type JsonSchema = Record<string, unknown> & { type?: unknown, properties?: Record<string, JsonSchema>, required?: string[], items?: JsonSchema }
interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { required?: boolean, content: Record<string, { schema: JsonSchema, encoding?: Record<string, unknown> }> }, [key: string]: unknown }>>
  [key: string]: unknown
}

const ACCOUNT_PARAMETER = {
  name: 'account',
  in: 'path',
  required: true,
  description: 'the account: a DNS label (lower-case letters, digits and hyphens), made from the seed on first use',
  schema: { type: 'string' }
}

/**
 * The description of what the server takes, where @fastify/swagger cannot say it: a form sends a
 * list the PHP way (`ticketIDs[]=1&ticketIDs[]=2`, `ticketIDs[0]=1`, or one `ticketIDs=1`), each a
 * field of its own name; a body marked `x-body-optional` may be left out; and every path also
 * answers under /_accounts/{account} (as paths, not a server template, which validators such as
 * Prism's proxy do not match against).
 */
function describeWireForms (document: OpenApiDocument): OpenApiDocument {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      const body = operation.requestBody
      if (!body) continue
      if (operation['x-body-optional'] === true) body.required = false
      delete operation['x-body-optional']
      for (const type of FORMS) {
        const media = body.content[type]
        if (!media) continue
        media.schema = phpListForm(media.schema)
        // A required object field is sent as name[key]=… (fromAddress[address]=…), OpenAPI's
        // deepObject style. (Optional ones are left undescribed: validators such as Prism make an
        // empty object of an absent deepObject field and then miss its required keys.)
        const required = media.schema.required ?? []
        const objects = Object.entries(media.schema.properties ?? {}).filter(([name, p]) => p.type === 'object' && required.includes(name))
        if (objects.length > 0) media.encoding = Object.fromEntries(objects.map(([name]) => [name, { style: 'deepObject', explode: true }]))
        // A list of objects is sent as name[0][key]=…, which OpenAPI cannot describe for a form: not required there.
        const objectLists = Object.entries(media.schema.properties ?? {}).filter(([, p]) => p.type === 'array' && p.items?.type === 'object').map(([name]) => name)
        if (objectLists.length > 0) media.schema = { ...media.schema, required: required.filter((name) => !objectLists.includes(name)) }
      }
    }
  }
  for (const [path, operations] of Object.entries(document.paths)) {
    const prefixed: typeof operations = {}
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = [ACCOUNT_PARAMETER, ...(operation.parameters as unknown[] | undefined ?? [])]
      prefixed[method] = { ...operation, tags: ['by account path'], parameters }
    }
    document.paths[`/_accounts/{account}${path}`] = prefixed
  }
  return document
}

/** A form's object schema with each list of scalars described as the three PHP spellings. */
function phpListForm (schema: JsonSchema): JsonSchema {
  const lists = Object.entries(schema.properties ?? {}).filter(([, p]) => p.type === 'array' && p.items !== undefined && p.items.type !== 'object')
  if (lists.length === 0) return schema
  const properties: Record<string, JsonSchema> = { ...schema.properties }
  const required = (schema.required ?? []).filter((name) => !lists.some(([list]) => list === name))
  const anyOf: JsonSchema[] = []
  for (const [name, list] of lists) {
    const item = list.items as JsonSchema
    properties[name] = { ...list, type: ['array', item.type], description: `${String(list.description ?? '')} One value may also be sent as ${name}=…`.trim() }
    properties[`${name}[]`] = { ...item, description: `a PHP list: ${name}[]=…&${name}[]=…, one field per item` }
    properties[`${name}[0]`] = { ...item, description: `a PHP list with indexes: ${name}[0]=…&${name}[1]=…` }
    if (schema.required?.includes(name)) anyOf.push({ required: [name] }, { required: [`${name}[]`] }, { required: [`${name}[0]`] })
  }
  return { ...schema, properties, required, ...(anyOf.length > 0 ? { anyOf } : {}) }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, as "METHOD url" (the OpenAPI test compares them). */
    routeList: string[]
  }
}

async function openapi (app: FastifyInstance): Promise<void> {
  const routeList: string[] = []
  app.decorate('routeList', routeList)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeList.push(`${method} ${route.url}`)
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Omnidesk API (emulated)',
        version: '2',
        description: 'The Omnidesk helpdesk ticket API as this emulator serves it, and the emulator\'s own control API under /_emulator.'
      },
      components: {
        securitySchemes: {
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'apiKey' },
          apiKeyQuery: { type: 'apiKey', in: 'query', name: 'apiKey' }
        }
      },
      tags: [
        { name: 'tickets', description: 'Omnidesk ticket API' },
        { name: 'messages', description: 'Omnidesk message API' },
        { name: 'not emulated', description: 'Omnidesk endpoints that answer 501 here' },
        { name: 'emulator', description: 'The emulator\'s control API: no API key' },
        { name: 'by account path', description: 'Every route again under /_accounts/{account}, for clients that cannot set the Host header' }
      ]
    },
    transform: ({ schema, url, route }) => {
      const described = { ...(schema ?? {}) } as Record<string, unknown>
      const api = url.startsWith('/api/v2')
      if (api) {
        described.security = [{ apiKeyHeader: [] }, { apiKeyQuery: [] }]
        // Sent by the rate limit and by injected faults (the control API), on any route of the API.
        described.response = { ...described.response as object, ...API_EXTRA_RESPONSES }
      }
      if (described.body !== undefined) {
        described.response = { ...described.response as object, ...BODY_RESPONSES }
        if (api) described.consumes = ENCODINGS
      }
      // OpenAPI has no wildcard paths: the catch-all 501 routes get a {path} parameter.
      if (url.endsWith('/*')) {
        described.params = { type: 'object', properties: { path: { type: 'string', description: 'the rest of the path' } }, required: ['path'] }
      }
      return { schema: described as typeof schema, url: url.replace(/\/\*$/, '/{path}'), route }
    },
    transformObject: (document) => 'openapiObject' in document
      ? describeWireForms(document.openapiObject as unknown as OpenApiDocument) as never
      : document.swaggerObject
  })
  app.get('/_emulator/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  let docs: Promise<FastifyInstance> | undefined
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= swaggerUiFor(app)
    const res = await (await docs).inject({ method: 'GET', url: request.url, headers: { accept: request.headers.accept ?? '*/*' } })
    if (res.statusCode === 404) return reply.callNotFound()
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) reply.header(name, value)
    }
    return reply.code(res.statusCode).send(res.rawPayload)
  }
  app.addHook('onClose', async () => { if (docs) await (await docs).close() })
  app.get('/_emulator/docs', { schema: { hide: true } }, forward)
  app.get('/_emulator/docs/*', { schema: { hide: true } }, forward)
}

const HOP_HEADERS: ReadonlySet<string> = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'])

/** Swagger UI at /_emulator/docs, showing the app's OpenAPI description as it is now. */
async function swaggerUiFor (app: FastifyInstance): Promise<FastifyInstance> {
  // require, not import(): the built server runs as a vm.Script (scripts/code-cache.mjs), where import() is not available.
  const swaggerUi = createRequire(import.meta.url)('@fastify/swagger-ui') as typeof import('@fastify/swagger-ui').default
  const docs = Fastify({ logger: false })
  await docs.register(swagger, { mode: 'static', specification: { document: app.swagger() as never } })
  await docs.register(swaggerUi, { routePrefix: '/_emulator/docs' })
  await docs.ready()
  return docs
}

export default fp(openapi, { name: 'openapi' })
