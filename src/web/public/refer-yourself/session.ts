// A self-referral's answers live in the server-side session between pages, so the journey works
// without JavaScript and nothing personal sits in the browser beyond a signed session id.

export type AccessNeed = 'interpreter' | 'bsl' | 'easy_read' | 'other'
export type AccessNeeds = { needs: AccessNeed[]; language: string; other: string }

export type YesNo = 'yes' | 'no'
export type ContactChannel = 'call' | 'text' | 'email' | 'letter'

export type SelfReferralAnswers = {
  aboutYou?: {
    firstName: string
    lastName: string
    /** `YYYY-MM-DD`, or null when the person did not give it. */
    dateOfBirth: string | null
    dob: { day: string; month: string; year: string }
    /** Help to talk to us (Victims' Code right 1): optional. */
    access?: AccessNeeds
  }
  whatHappened?: { crimeType: string; description: string }
  police?: { toldPolice: 'yes' | 'no' | 'not_sure'; crimeReference: string }
  contact?: { phone: string; email: string; addressLine1: string; town: string; postcode: string }
  safety?: {
    call?: YesNo
    text?: YesNo
    voicemail?: YesNo
    email?: YesNo
    letter?: YesNo
    preferred?: ContactChannel | ''
    safeTimes: string
    safeWords: string
  }
  consent?: { agreed: true }
  /** The directory service chosen in find support, if they came from there. */
  chosenService?: { id: string; name: string }
  /** A bot filled the hidden field on some page: the journey carries on but nothing is sent. */
  suspect?: boolean
}

declare module 'fastify' {
  interface Session {
    selfReferral?: SelfReferralAnswers
    /** Set when the journey is sent, so the confirmation page can show the reference once more. */
    selfReferralSent?: { reference: string; crimeType?: string | undefined }
  }
}
