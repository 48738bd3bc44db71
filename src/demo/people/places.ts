// Where synthetic people live: real Warwickshire towns and postcode districts, fictional streets.
import type { Rng } from '../random.ts'

/** Warwickshire (and neighbouring) towns with their real postcode districts. */
export const TOWNS: readonly { town: string; districts: readonly string[] }[] = [
  { town: 'Warwick', districts: ['CV34', 'CV35'] },
  { town: 'Leamington Spa', districts: ['CV31', 'CV32', 'CV33'] },
  { town: 'Kenilworth', districts: ['CV8'] },
  { town: 'Rugby', districts: ['CV21', 'CV22', 'CV23'] },
  { town: 'Nuneaton', districts: ['CV10', 'CV11', 'CV13'] },
  { town: 'Bedworth', districts: ['CV12'] },
  { town: 'Stratford-upon-Avon', districts: ['CV37'] },
  { town: 'Shipston-on-Stour', districts: ['CV36'] },
  { town: 'Southam', districts: ['CV47'] },
  { town: 'Atherstone', districts: ['CV9'] },
  { town: 'Coleshill', districts: ['B46'] },
  { town: 'Alcester', districts: ['B49'] },
  { town: 'Studley', districts: ['B80'] },
  { town: 'Henley-in-Arden', districts: ['B95'] },
  { town: 'Polesworth', districts: ['B78'] },
  { town: 'Coventry', districts: ['CV1', 'CV2', 'CV3', 'CV5', 'CV6'] },
  { town: 'Hinckley', districts: ['LE10'] },
  { town: 'Lutterworth', districts: ['LE17'] },
]
// Weight the county's large towns as the population does.
const TOWN_WEIGHTS = [8, 9, 4, 9, 10, 5, 5, 1, 1, 2, 2, 1, 1, 1, 1, 6, 2, 1]

const STREET_STEMS: readonly string[] = [
  'Larkspur',
  'Kingfisher',
  'Foxglove',
  'Meadowsweet',
  'Chantry',
  'Tannery',
  'Ropewalk',
  'Lime Kiln',
  'Saxon Mill',
  'Brindley',
  'Quarry Bank',
  'Harebell',
  'Old Forge',
  'Wharf',
  'Clover',
  'Ashlawn',
  'Bramcote',
  'Oakenshaw',
  'Sorrel',
  'Arden Vale',
  'Fennel',
  'Tithe Barn',
  'Willowherb',
  'Dovecote',
]
const STREET_TYPES: readonly string[] = [
  'Close',
  'Road',
  'Lane',
  'Way',
  'Drive',
  'Avenue',
  'Crescent',
  'Grove',
  'Gardens',
  'Mews',
  'Court',
]
// Inward-code letters Royal Mail uses (no C, I, K, M, O, V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

export interface Address {
  line1: string
  line2: string
  town: string
  /** Canonical `CV34 4AB` form. */
  postcode: string
}

export function randomPostcode(rng: Rng, district?: string): string {
  const d =
    district ?? rng.pick(rng.weighted(TOWNS.map((t, i) => [t, TOWN_WEIGHTS[i] ?? 1] as const)).districts)
  return `${d} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`
}

export function randomAddress(rng: Rng): Address {
  const t = rng.weighted(TOWNS.map((x, i) => [x, TOWN_WEIGHTS[i] ?? 1] as const))
  const street = `${rng.pick(STREET_STEMS)} ${rng.pick(STREET_TYPES)}`
  const flat = rng.chance(0.12)
  return {
    line1: flat
      ? `Flat ${rng.int(1, 24)}, ${rng.pick(['Avon', 'Arden', 'Leam', 'Stour'])} House`
      : `${rng.int(1, 180)} ${street}`,
    line2: flat ? `${rng.int(1, 90)} ${street}` : '',
    town: t.town,
    postcode: randomPostcode(rng, rng.pick(t.districts)),
  }
}
