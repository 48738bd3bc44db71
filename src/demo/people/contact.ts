// How to reach synthetic people, and never a real person: Ofcom drama phone ranges and
// example.org/example.com email.
import type { Rng } from '../random.ts'

/** A mobile in Ofcom's drama range 07700 900000–900999. */
export function randomMobile(rng: Rng): string {
  return `07700900${String(rng.int(0, 999)).padStart(3, '0')}`
}

/** A landline in one of Ofcom's drama ranges. */
export function randomLandline(rng: Rng): string {
  const prefix = rng.weighted([
    ['01214960', 4], // Birmingham
    ['01164960', 2], // Leicester
    ['01632960', 2], // no real area
    ['02079460', 1], // London
  ] as const)
  return `${prefix}${String(rng.int(0, 999)).padStart(3, '0')}`
}

/** The ways people write one number: `07700 900123`, `+44 7700 900123`, `0121 496 0123`… */
export function formatPhone(rng: Rng, national: string): string {
  const rest = national.slice(1)
  const geographic3 = /^0(1\d1|11\d)/.test(national) // 0121, 0116: 3-digit-area style
  const style = rng.weighted([
    ['spaced', 6],
    ['compact', 3],
    ['intl', 2],
    ['intl0', 1],
  ] as const)
  const spaced = national.startsWith('02')
    ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`
    : geographic3
      ? `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
      : `${national.slice(0, 5)} ${national.slice(5)}`
  switch (style) {
    case 'spaced':
      return spaced
    case 'compact':
      return national
    case 'intl':
      return `+44 ${spaced.slice(1)}`
    default:
      return `+44 (0)${rest}`
  }
}

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()

export function emailFor(rng: Rng, forename: string, surname: string): string {
  const domain = rng.pick(['example.org', 'example.com', 'mail.example.org'])
  const f = ascii(forename)
  const s = ascii(surname)
  const local = rng.weighted([
    [`${f}.${s}`, 4],
    [`${f[0] ?? 'x'}${s}`, 2],
    [`${f}${s}${rng.int(1, 99)}`, 2],
    [`${s}.${f}${rng.int(60, 99)}`, 1],
  ] as const)
  return `${local}@${domain}`
}
