// Ages on a given date, as English law counts them: a person attains an age at the start of the
// anniversary of their birth (Family Law Reform Act 1969 s.9). Someone born on 29 February has no
// anniversary in a common year; we take 1 March then (the day after 28 February ends), which is the
// usual reading in England and Wales and the later, safer date for "still under 18".

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** The date ('YYYY-MM-DD') on which someone born on dateOfBirth reaches `years` years of age. */
export function birthdayOfAge(dateOfBirth: string, years: number): string {
  const [y, m, d] = parts(dateOfBirth)
  const year = y + years
  if (m === 2 && d === 29 && !isLeapYear(year)) return `${pad(year, 4)}-03-01`
  return `${pad(year, 4)}-${pad(m)}-${pad(d)}`
}

/** Whole years of age on `onDate` (both 'YYYY-MM-DD'); negative before birth. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by] = parts(dateOfBirth)
  const [oy] = parts(onDate)
  let age = oy - by
  if (onDate < birthdayOfAge(dateOfBirth, age)) age -= 1
  return age
}

/** True when the person has not yet reached `years` on `onDate`. */
export function isUnder(dateOfBirth: string, onDate: string, years: number): boolean {
  return onDate < birthdayOfAge(dateOfBirth, years)
}
