// A receiver for everything the emulator sends out (npm install standardwebhooks), on port 4000 where
// the demo account points: webhooks (it answers the OPTIONS check that registration makes and
// verifies each delivery's signature), the demo chatbot's hookpoints (http://localhost:4000/chatbot/…,
// answered `ok`) and the demo custom channel's endpoint (http://localhost:4000/custom-channel, its
// x-omnidesk-signature checked). It prints what it gets.
//   WEBHOOK_SECRET=whsec_... CHANNEL_SECRET=demo-channel-secret PORT=4000 node webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import { Webhook } from 'standardwebhooks'

const webhook = new Webhook(process.env.WEBHOOK_SECRET ?? 'whsec_ZW11bGF0b3ItZXhhbXBsZS1zZWNyZXQ=')
const channelSecret = process.env.CHANNEL_SECRET ?? 'demo-channel-secret'
const HOOKPOINT = /\/(messageForCustomer|typingIndicatorForCustomer|uploadForCustomer)$/

/** Whether a custom channel message carries the signature its secret makes. */
function signedByChannel (headers, body) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', channelSecret).update(`${headers['x-omnidesk-timestamp']}.${body}`).digest('hex')}`)
  const sent = Buffer.from(String(headers['x-omnidesk-signature'] ?? ''))
  return sent.length === expected.length && timingSafeEqual(sent, expected)
}

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') return res.writeHead(204, { allow: 'OPTIONS, POST' }).end()
  let body = ''
  req.on('data', (chunk) => { body += chunk })
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0]
    const hookpoint = HOOKPOINT.exec(path)?.[1]
    if (hookpoint) {
      const { ticketID, message } = JSON.parse(body)
      console.log(`chatbot ${hookpoint}`, ticketID, message ?? '')
      return res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    }
    if (path === '/custom-channel') {
      if (!signedByChannel(req.headers, body)) return res.writeHead(400).end('bad signature')
      const { ticketID, message } = JSON.parse(body)
      console.log('custom channel', ticketID, message)
      return res.writeHead(200).end()
    }
    try {
      const event = webhook.verify(body, req.headers)
      console.log(event.type, event.data.ticket?.id ?? '-', JSON.stringify(event.data.changes))
      res.writeHead(204).end()
    } catch (err) {
      res.writeHead(400).end(String(err))
    }
  })
})
server.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/omnidesk`)
})
