import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/_emulator/health', {
    schema: {
      tags: ['emulator'],
      summary: 'Liveness: answers once the emulator can serve requests (no API key needed)',
      response: { 200: Type.Object({ status: Type.Literal('ok') }) }
    }
  }, async () => ({ status: 'ok' as const }))
}

export default healthRoutes
