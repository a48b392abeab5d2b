// Writes seed/tickets.json: the demo account's tickets besides the documented example, made by replaying
// realistic histories through the same store functions the API uses, on the emulator's clock.
// Run: npx tsx scripts/generate-demo-seed.ts  (the output is committed; the emulator never runs this)
import fs from 'node:fs'
import path from 'node:path'
import { Clock } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { DEMO_SEED_DIR, readSeed } from '../src/account/seed.js'
import { receiveChatMessage } from '../src/stores/chat.js'
import { receiveInboundEmail } from '../src/stores/email.js'
import { saveFormFields } from '../src/stores/forms.js'
import { createMessage } from '../src/stores/messages.js'
import { createCallTicket, registerCall, updateCall } from '../src/stores/telephony.js'
import { exportSnapshot, loadSnapshot, type Snapshot } from '../src/stores/snapshot.js'
import { addTicketTag } from '../src/stores/tags.js'
import { getTicketRow } from '../src/stores/rows/tickets.js'
import { changeTicket, createTicket, setTicketPriorities, setTicketStatuses } from '../src/stores/tickets.js'
import type { TicketPriority, TicketStatus } from '../src/domain/vocabulary.js'

type Step =
  | { after: number, by: string, status: TicketStatus }
  | { after: number, by: string, group: number }
  | { after: number, by: string, user: number }
  | { after: number, by: string, priority: TicketPriority }
  | { after: number, by: string, tag: string }
  | { after: number, reply: string, user: number, status?: TicketStatus }
  | { after: number, customer: string }
  | { after: number, note: string, user: number }
  | { after: number, form: number, fields: Array<{ id: number, value: string }> }

interface Scenario {
  at: string
  brand: number
  channel: number
  direction?: 'inbound' | 'outbound'
  customer: string
  brandAddress: string
  fromName?: string
  title: string
  steps: Step[]
}

const USERS: Record<number, string> = { 1: 'thomas', 2: 'marleen', 3: 'sanne', 4: 'joost', 5: 'fatima', 6: 'pieter', 7: 'lotte' }
const MY = 'service@mybrand.com'
const SPAAK = 'info@despaak.nl'
const GROEN = 'klantenservice@groenrijk.nl'
const PHONE_SPAAK = '+31201234567'
const PHONE_GROEN = '+31307654321'

const scenarios: Scenario[] = [
  {
    at: '2019-09-16 08:12:40',
    brand: 2,
    channel: 1,
    customer: 'noah.mulder@gmail.com',
    brandAddress: MY,
    fromName: 'Noah Mulder',
    title: 'Bestelling 48213 niet ontvangen',
    steps: [
      { after: 55, reply: 'Hallo Noah, we hebben de vervoerder gevraagd waar je pakket is. Je hoort vandaag van ons.', user: 2, status: 'pending' },
      { after: 300, customer: 'Inmiddels is het pakket bezorgd, dank jullie wel!' },
      { after: 40, reply: 'Fijn om te horen! We sluiten dit ticket.', user: 2, status: 'solved' },
      { after: 4320, by: 'user: marleen', status: 'closed' }]
  },
  {
    at: '2019-09-16 10:03:11',
    brand: 2,
    channel: 1,
    customer: 'anna.degroot@xs4all.nl',
    brandAddress: MY,
    fromName: 'Anna de Groot',
    title: 'Factuur klopt niet',
    steps: [
      { after: 20, by: 'user: thomas', group: 10002 },
      { after: 1, by: 'user: thomas', user: 1 },
      { after: 90, reply: 'Beste Anna, er stond inderdaad een verzendkosten-regel dubbel op. Je krijgt een creditnota.', user: 1, status: 'solved' },
      { after: 2880, by: 'user: thomas', status: 'closed' }]
  },
  {
    at: '2019-09-17 09:41:02',
    brand: 2,
    channel: 2,
    customer: '+31612345010',
    brandAddress: '+31851234567',
    title: 'Terugbelverzoek: retour schoenen',
    steps: [
      { after: 3, note: 'Klant wil maat 43 ruilen voor 44, retourlabel gemaild.', user: 1 },
      { after: 3.5, by: 'user: thomas', status: 'solved' }]
  },
  {
    at: '2019-09-17 13:25:55',
    brand: 2,
    channel: 1,
    customer: 'zoe.vos@icloud.com',
    brandAddress: MY,
    fromName: 'Zoë Vos',
    title: 'Kortingscode werkt niet',
    steps: [
      { after: 35, reply: 'Hoi Zoë, de code HERFST19 is geldig vanaf 18 september. Morgen werkt hij!', user: 2, status: 'pending' },
      { after: 1500, by: 'user: marleen', status: 'solved' }]
  },
  {
    at: '2019-09-18 11:00:00',
    brand: 2,
    channel: 1,
    direction: 'outbound',
    customer: 'finn.peters@outlook.com',
    brandAddress: MY,
    title: 'Je retour is verwerkt',
    steps: [
      { after: 0, form: 1, fields: [{ id: 1, value: 'MB-48102' }, { id: 2, value: 'Te klein' }] },
      { after: 0, reply: 'Hoi Finn, we hebben je retour ontvangen en het bedrag teruggestort.', user: 1, status: 'solved' }]
  },
  {
    at: '2019-09-19 15:47:20',
    brand: 2,
    channel: 1,
    customer: 'sara.hendriks@gmail.com',
    brandAddress: MY,
    fromName: 'Sara Hendriks',
    title: 'Klacht over bezorger',
    steps: [
      { after: 15, note: 'Vaste klant, al 6 jaar. Graag netjes afhandelen.', user: 2 },
      { after: 25, reply: 'Beste Sara, wat vervelend. We hebben dit gemeld bij de vervoerder en sturen je een bon.', user: 2, status: 'holding' }]
  },
  {
    at: '2019-09-21 20:12:09',
    brand: 2,
    channel: 1,
    customer: 'thijs.koster@protonmail.com',
    brandAddress: MY,
    fromName: 'Thijs Koster',
    title: 'Account verwijderen (AVG)',
    steps: [
      { after: 2400, by: 'user: thomas', user: 1 },
      { after: 5, note: 'AVG-verzoek doorgezet naar privacy-officer, wacht op bevestiging.', user: 1 },
      { after: 1, by: 'user: thomas', status: 'holding' }]
  },
  {
    at: '2019-09-27 16:58:31',
    brand: 2,
    channel: 1,
    customer: 'milan.bos@gmail.com',
    brandAddress: MY,
    fromName: 'Milan Bos',
    title: 'Vraag over levertijd bank',
    steps: []
  },
  {
    at: '2019-09-28 09:14:44',
    brand: 2,
    channel: 1,
    customer: 'noah.mulder@gmail.com',
    brandAddress: MY,
    fromName: 'Noah Mulder',
    title: 'Cadeaubon verzilveren',
    steps: [
      { after: 30, reply: 'Hoi Noah, je kunt de bon bij het afrekenen invullen onder "Cadeaubon".', user: 1, status: 'pending' }]
  },
  {
    at: '2019-09-16 07:55:13',
    brand: 3,
    channel: 2,
    customer: '+31612345001',
    brandAddress: PHONE_SPAAK,
    title: 'Remmen piepen na onderhoud',
    steps: [
      { after: 6, note: 'Fiets morgen om 9:00 binnen laten komen, kosteloos nakijken.', user: 4 },
      { after: 6.5, by: 'user: joost', status: 'pending' },
      { after: 1500, by: 'user: joost', status: 'solved' },
      { after: 4320, by: 'user: joost', status: 'closed' }]
  },
  {
    at: '2019-09-16 12:31:27',
    brand: 3,
    channel: 1,
    customer: 'daan.jansen@outlook.com',
    brandAddress: SPAAK,
    fromName: 'Daan Jansen',
    title: 'Offerte e-bike voor woon-werkverkeer',
    steps: [
      { after: 20, by: 'user: sanne', group: 10005 },
      { after: 1, by: 'user: sanne', user: 3 },
      { after: 45, reply: 'Beste Daan, in de bijlage vind je de offerte voor de Gazelle Ultimate C8. Proefrit kan elke dag.', user: 3, status: 'pending' },
      { after: 1440, customer: 'Dank! Ik kom zaterdag langs voor een proefrit.' },
      { after: 60, reply: 'Tot zaterdag!', user: 3, status: 'solved' }]
  },
  {
    at: '2019-09-17 08:20:05',
    brand: 3,
    channel: 1,
    customer: 'emma.bakker@ziggo.nl',
    brandAddress: SPAAK,
    fromName: 'Emma Bakker',
    title: 'Lekke band, kan ik vandaag langskomen?',
    steps: [
      { after: 10, by: 'user: fatima', group: 10004 },
      { after: 12, reply: 'Hoi Emma, kom gerust langs, we zijn tot 18:00 open.', user: 5, status: 'solved' },
      { after: 2880, by: 'user: fatima', status: 'closed' }]
  },
  {
    at: '2019-09-18 14:44:39',
    brand: 3,
    channel: 2,
    customer: '+31612345004',
    brandAddress: PHONE_SPAAK,
    title: 'Accu laadt niet meer op',
    steps: [
      { after: 8, note: 'Accu onder garantie, opgestuurd naar leverancier (RMA 55120).', user: 4 },
      { after: 8.5, by: 'user: joost', user: 4 },
      { after: 9, by: 'user: joost', status: 'holding' },
      { after: 9.5, by: 'user: joost', tag: 'garantie' }]
  },
  {
    at: '2019-09-19 10:10:10',
    brand: 3,
    channel: 4,
    customer: 'julia.smit@hotmail.com',
    brandAddress: SPAAK,
    fromName: 'Julia Smit',
    title: 'Reparatie aanmelden: versnelling slipt',
    steps: [
      { after: 30, by: 'user: sanne', group: 10004 },
      { after: 31, form: 2, fields: [{ id: 4, value: '2019-09-24' }] },
      { after: 31, reply: 'Beste Julia, je afspraak staat op dinsdag 24 september om 10:00.', user: 3, status: 'pending' }]
  },
  {
    at: '2019-09-20 09:02:48',
    brand: 3,
    channel: 1,
    customer: 'sem.meijer@gmail.com',
    brandAddress: SPAAK,
    fromName: 'Sem Meijer',
    title: 'Fiets gestolen, verzekering',
    steps: [
      { after: 40, by: 'user: fatima', group: 10006 },
      { after: 41, reply: 'Beste Sem, we hebben de aankoopfactuur en het framenummer voor je verzekeraar bijgevoegd.', user: 5, status: 'solved' }]
  },
  {
    at: '2019-09-23 16:30:00',
    brand: 3,
    channel: 3,
    customer: 'tess.deboer@live.nl',
    brandAddress: SPAAK,
    fromName: 'Tess de Boer',
    title: 'WhatsApp: openingstijden tweede kerstdag?',
    steps: [
      { after: 5, reply: 'Hoi Tess, op tweede kerstdag zijn we gesloten.', user: 3, status: 'closed' }]
  },
  {
    at: '2019-09-24 11:11:11',
    brand: 3,
    channel: 1,
    customer: 'hanna.vdberg@gmail.com',
    brandAddress: SPAAK,
    fromName: 'Hanna van den Berg',
    title: 'Kinderzitje monteren',
    steps: [
      { after: 90, by: 'user: sanne', group: 10004 },
      { after: 91, by: 'user: sanne', status: 'open' }]
  },
  {
    at: '2019-09-26 18:45:02',
    brand: 3,
    channel: 1,
    customer: 'sophie.devries@gmail.com',
    brandAddress: SPAAK,
    fromName: 'Sophie de Vries',
    title: 'Rekening bakfiets-huur',
    steps: [
      { after: 800, by: 'user: fatima', group: 10006 },
      { after: 801, by: 'user: fatima', user: 5 },
      { after: 805, by: 'user: fatima', status: 'open' },
      { after: 806, note: 'Huurperiode klopt niet in kassasysteem, navragen bij Joost.', user: 5 }]
  },
  {
    at: '2019-09-28 07:31:56',
    brand: 3,
    channel: 2,
    customer: '+31612345020',
    brandAddress: PHONE_SPAAK,
    title: 'Voorwiel slingert',
    steps: []
  },
  { at: '2019-09-28 13:02:19', brand: 3, channel: 1, customer: 'l.visser@kpnmail.nl', brandAddress: SPAAK, fromName: 'Lucas Visser', title: 'Onderdelen bestellen voor racefiets', steps: [] },
  {
    at: '2019-09-16 09:30:00',
    brand: 4,
    channel: 1,
    customer: 'levi.vanleeuwen@gmail.com',
    brandAddress: GROEN,
    fromName: 'Levi van Leeuwen',
    title: 'Olijfboom beschadigd geleverd',
    steps: [
      { after: 25, by: 'user: pieter', group: 10008 },
      { after: 26, by: 'user: pieter', user: 6 },
      { after: 27, by: 'user: pieter', priority: 'high' },
      { after: 60, reply: 'Beste Levi, we bezorgen donderdag een nieuwe boom en nemen de oude mee.', user: 6, status: 'solved' },
      { after: 4320, by: 'user: pieter', status: 'closed' }]
  },
  {
    at: '2019-09-17 14:14:14',
    brand: 4,
    channel: 1,
    customer: 'eva.dekker@hetnet.nl',
    brandAddress: GROEN,
    fromName: 'Eva Dekker',
    title: 'Wanneer zijn de tulpenbollen er?',
    steps: [
      { after: 45, reply: 'Hoi Eva, de tulpenbollen liggen vanaf 1 oktober in de winkel.', user: 7, status: 'solved' }]
  },
  {
    at: '2019-09-18 08:08:08',
    brand: 4,
    channel: 2,
    customer: '+31612345016',
    brandAddress: PHONE_GROEN,
    title: 'Bezorgafspraak verzetten',
    steps: [
      { after: 4, note: 'Bezorging verzet naar vrijdag tussen 12 en 16 uur.', user: 6 },
      { after: 4.5, by: 'user: pieter', group: 10008 },
      { after: 5, by: 'user: pieter', status: 'closed' }]
  },
  {
    at: '2019-09-19 19:20:21',
    brand: 4,
    channel: 1,
    customer: 'lisa.dewit@ziggo.nl',
    brandAddress: GROEN,
    fromName: 'Lisa de Wit',
    title: 'Garantie op tuinset',
    steps: [
      { after: 900, by: 'user: lotte', group: 10007 },
      { after: 905, reply: 'Beste Lisa, wil je een foto van de schade sturen?', user: 7, status: 'pending' },
      { after: 2500, customer: 'Hierbij de foto van de gebroken stoelpoot.' },]
  },
  {
    at: '2019-09-20 10:00:30',
    brand: 4,
    channel: 8,
    customer: 'bram.dijkstra@outlook.com',
    brandAddress: GROEN,
    fromName: 'Bram Dijkstra',
    title: 'Chat: advies gazon bemesten',
    steps: [
      { after: 2, reply: 'Hoi Bram, in het najaar een kaliumrijke mest gebruiken. Succes!', user: 7, status: 'solved' }]
  },
  {
    at: '2019-09-23 09:45:12',
    brand: 4,
    channel: 1,
    direction: 'outbound',
    customer: 'mila.smits@gmail.com',
    brandAddress: GROEN,
    title: 'Je bestelling staat klaar',
    steps: [
      { after: 0, reply: 'Hoi Mila, je bestelling ligt klaar bij de servicebalie.', user: 6, status: 'pending' }]
  },
  {
    at: '2019-09-25 12:12:12',
    brand: 4,
    channel: 1,
    customer: 'fleur.willems@kpnmail.nl',
    brandAddress: GROEN,
    fromName: 'Fleur Willems',
    title: 'Vijverpomp maakt lawaai',
    steps: [
      { after: 30, by: 'user: lotte', group: 10007 },
      { after: 31, by: 'user: lotte', user: 7 },
      { after: 35, reply: 'Hoi Fleur, kun je het typenummer van de pomp sturen?', user: 7, status: 'pending' }]
  },
  {
    at: '2019-09-26 15:15:15',
    brand: 4,
    channel: 1,
    customer: 'jesse.brouwer@gmail.com',
    brandAddress: GROEN,
    fromName: 'Jesse Brouwer',
    title: 'Kerstboom reserveren',
    steps: [
      { after: 10, by: 'user: pieter', status: 'holding' },
      { after: 11, note: 'Kerstbomen pas reserveerbaar vanaf november; klant dan benaderen.', user: 6 }]
  },
  {
    at: '2019-09-27 10:41:33',
    brand: 4,
    channel: 1,
    customer: 'lisa.dewit@ziggo.nl',
    brandAddress: GROEN,
    fromName: 'Lisa de Wit',
    title: 'Openingstijden zondag',
    steps: []
  },
  {
    at: '2019-09-28 11:58:07',
    brand: 4,
    channel: 1,
    customer: 'eva.dekker@hetnet.nl',
    brandAddress: GROEN,
    fromName: 'Eva Dekker',
    title: 'Plantenbak op maat',
    steps: [
      { after: 60, by: 'user: lotte', group: 10007 },
      { after: 61, by: 'user: lotte', status: 'open' }]
  },
  {
    at: '2019-09-28 17:20:44',
    brand: 2,
    channel: 1,
    customer: 'anna.degroot@xs4all.nl',
    brandAddress: MY,
    fromName: 'Anna de Groot',
    title: 'Spoed: creditnota nog niet ontvangen',
    steps: []
  },
  {
    at: '2019-09-25 08:30:00',
    brand: 2,
    channel: 1,
    customer: 'zoe.vos@icloud.com',
    brandAddress: MY,
    fromName: 'Zoë Vos',
    title: 'Nieuwsbrief afmelden',
    steps: [
      { after: 20, by: 'user: marleen', priority: 'low' },
      { after: 21, by: 'user: marleen', status: 'closed' }]
  }
]

const files = ['settings.json', 'customers.json', 'documented-example.json', 'triggers.json'].map((f) => path.join(DEMO_SEED_DIR, f))
const base: Snapshot = {}
for (const file of files) Object.assign(base, readSeed(file))
const db = openDatabase(':memory:')
loadSnapshot(db, base)
const clock = new Clock('UTC', '2019-09-16 00:00:00')
const ctx = { db, clock }
const agent = (user: number) => `user: ${USERS[user]}`

function replay (s: Scenario): void {
  clock.freezeAt(s.at)
  const start = clock.nowMs()
  const inbound = (s.direction ?? 'inbound') === 'inbound'
  const id = createTicket(ctx, {
    brandID: s.brand,
    channelID: s.channel,
    direction: s.direction ?? 'inbound',
    from: inbound ? s.customer : s.brandAddress,
    to: inbound ? s.brandAddress : s.customer,
    title: s.title,
    ...(s.fromName ? { fromName: s.fromName } : {})
  }, 'api: webshop')
  if (inbound) {
    createMessage(ctx, { ticketID: id, type: s.channel, direction: 'inbound', message: `<p>${s.title}.</p>` }, 'api: webshop')
  }
  for (const step of s.steps) {
    clock.freezeAt(new Date(start + step.after * 60_000).toISOString().slice(0, 19).replace('T', ' '))
    const row = getTicketRow(ctx.db, id)
    if (!row) throw new Error(`ticket ${id} vanished`)
    if ('reply' in step) {
      createMessage(ctx, { ticketID: id, type: s.channel, userID: step.user, message: `<p>${step.reply}</p>`, ...(step.status ? { submitStatus: step.status } : {}) }, agent(step.user))
    } else if ('customer' in step) {
      createMessage(ctx, { ticketID: id, type: s.channel, direction: 'inbound', message: `<p>${step.customer}</p>` }, 'api: webshop')
    } else if ('form' in step) {
      saveFormFields(ctx, { ticketID: id, formID: step.form, fields: step.fields })
    } else if ('note' in step) {
      createMessage(ctx, { ticketID: id, type: 0, userID: step.user, message: step.note }, agent(step.user))
    } else if ('tag' in step) {
      addTicketTag(ctx, row, step.tag, step.by)
    } else if ('status' in step) {
      setTicketStatuses(ctx, [id], step.status, step.by)
    } else if ('group' in step) {
      changeTicket(ctx, row, { assignedGroupId: step.group }, step.by)
    } else if ('user' in step) {
      changeTicket(ctx, row, { assignedUserId: step.user }, step.by)
    } else if ('priority' in step) {
      setTicketPriorities(ctx, [id], step.priority, step.by)
    }
  }
}

for (const s of [...scenarios].sort((a, b) => a.at.localeCompare(b.at))) replay(s)

// The channels in: a live chat that is still open, a call that was queued, answered and ended, and an
// e-mail thread with a reply threaded into its ticket, each through the same commands as the API.
const CHAT_SERVER = 'http://localhost:4000/chatbot'
const CHAT = { url: 'https://www.mybrand.com/support', channelID: 8, chatAccountToken: 'demochattoken0001', chatSessionID: 'demo-chat-0001', chatServer: CHAT_SERVER }
clock.freezeAt('2019-09-28 14:03:10')
const chat = receiveChatMessage(ctx, { ...CHAT, messageNumber: 1, message: 'Chatbot: Waarmee kan ik helpen?\nKlant: Mijn kortingscode werkt niet' }, CHAT_SERVER, 'api: chatbot')
clock.freezeAt('2019-09-28 14:03:42')
receiveChatMessage(ctx, { ...CHAT, messageNumber: 2, message: 'Het gaat om code HERFST10' }, CHAT_SERVER, 'api: chatbot')
clock.freezeAt('2019-09-28 14:05:15')
createMessage(ctx, { ticketID: chat, type: 8, userID: 1, message: 'Hoi! Die code was geldig tot en met 27 september. Ik maak een nieuwe voor je aan.' }, agent(1))
clock.freezeAt('2019-09-28 14:06:01')
receiveChatMessage(ctx, { ...CHAT, messageNumber: 3, message: 'Top, dank je!' }, CHAT_SERVER, 'api: chatbot')

const PBX = { pbxID: 'demo-pbx', pbxIP: '10.20.0.5', callID: 'demo-call-0001' }
clock.freezeAt('2019-09-27 10:15:00')
registerCall(ctx, { ...PBX, telephoneNumberCalling: '+31612345001', telephoneNumberCalled: PHONE_SPAAK })
clock.freezeAt('2019-09-27 10:15:40')
const call = createCallTicket(ctx, { ...PBX, variables: { choice: '2', language: 'nl' }, tags: ['werkplaats'] }, 'api: pbx')
clock.freezeAt('2019-09-27 10:17:05')
updateCall(ctx, { ...PBX, status: 'answered', userID: 3 }, 'api: pbx')
clock.freezeAt('2019-09-27 10:22:17')
updateCall(ctx, { ...PBX, status: 'ended', duration: 312 }, 'api: pbx')
createMessage(ctx, { ticketID: call.id, type: 0, userID: 3, message: 'Klant belde over de naaf; afspraak dinsdag 9:00 ingepland.' }, agent(3))

const MAIL = { fromAddress: { name: 'Henk Smit', address: 'henk.smit@kpnmail.nl' }, toAddress: { address: GROEN } }
clock.freezeAt('2019-09-26 19:44:12')
const mail = receiveInboundEmail(ctx, { ...MAIL, messageID: '<demo-mail-0001@kpnmail.nl>', subject: 'Levering olijfboom', body: '<p>Wanneer wordt de olijfboom (order 7731) bezorgd?</p>' }, 'api: mail')
clock.freezeAt('2019-09-27 09:12:30')
createMessage(ctx, { ticketID: mail.ticketId, type: 1, userID: 7, message: '<p>Beste Henk, de olijfboom wordt vrijdag tussen 8:00 en 12:00 bezorgd.</p>' }, agent(7))
clock.freezeAt('2019-09-27 09:40:02')
receiveInboundEmail(ctx, { ...MAIL, messageID: '<demo-mail-0002@kpnmail.nl>', externalID: '<demo-mail-0001@kpnmail.nl>', subject: 'Re: Levering olijfboom', body: '<p>Prima, ik ben thuis.</p>' }, 'api: mail')

// A ticket on the custom channel (Webshop app, id 100), made last so that the ids above stay as they were.
replay({
  at: '2019-09-27 16:20:00',
  brand: 2,
  channel: 100,
  customer: 'app-user-5521',
  brandAddress: 'MyBrand app',
  fromName: 'Eva de Wit',
  title: 'App: waar blijft mijn pakket?',
  steps: [{ after: 12, reply: 'Hoi Eva, je pakket is vandaag met PostNL onderweg.', user: 2, status: 'pending' }]
})

const all = exportSnapshot(db)
const generated = (table: string) => (all[table] ?? []).filter((r) => (r.ticket_id ?? r.id) !== 858462)
/** Rows the replay added to a table the other seed files fill (the customers of the new addresses). */
const added = (table: string) => {
  const known = new Set((base[table] ?? []).map((r) => r.id))
  return (all[table] ?? []).filter((r) => !known.has(r.id))
}
const out = {
  customers: added('customers'),
  customer_channels: added('customer_channels'),
  chat_sessions: all.chat_sessions ?? [],
  calls: all.calls ?? [],
  inbound_emails: all.inbound_emails ?? [],
  tickets: generated('tickets'),
  ticket_events: generated('ticket_events'),
  ticket_messages: generated('ticket_messages'),
  tags: all.tags ?? [],
  ticket_tags: all.ticket_tags ?? [],
  ticket_form_values: all.ticket_form_values ?? []
}
fs.writeFileSync(path.join(DEMO_SEED_DIR, 'tickets.json'), JSON.stringify(out, null, 2) + '\n')
console.log(`seed/tickets.json: ${out.tickets.length} tickets, ${out.ticket_events.length} events, ${out.ticket_messages.length} notes and messages`)
