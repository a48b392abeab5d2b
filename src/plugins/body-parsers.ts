// The three body encodings the emulated API takes, made identical: form and multipart fields are read
// as PHP reads them (`ticketIDs[]=1`, `ticketIDs[0]=1`, `fromAddress[name]=x`), JSON as is (CONTRACT.md §1).
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import qs from 'qs'

export const FORM_LIMITS = { parameters: 20_000, arrayItems: 10_000, depth: 5 }

/** Parses a PHP-style query or form string; never builds prototypes from `__proto__` keys. */
export function parsePhpStyle (text: string): Record<string, unknown> {
  return qs.parse(text, {
    arrayLimit: FORM_LIMITS.arrayItems,
    parameterLimit: FORM_LIMITS.parameters,
    depth: FORM_LIMITS.depth,
    allowPrototypes: false,
    plainObjects: true
  })
}

async function bodyParsers (app: FastifyInstance): Promise<void> {
  await app.register(formbody, { parser: parsePhpStyle })
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fields: FORM_LIMITS.parameters, parts: FORM_LIMITS.parameters, files: 20, fileSize: 10 * 1024 * 1024 }
  })
  // Runs after multipart's own preValidation hook has turned the parts into key/value pairs.
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart() || typeof request.body !== 'object' || request.body === null) return
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(request.body as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') params.append(name, item)
      }
    }
    request.body = parsePhpStyle(params.toString())
  })
}

export default fp(bodyParsers, { name: 'body-parsers' })
