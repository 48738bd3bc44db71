// A partner referral's answers live in the staff member's server-side session between pages.
import type { Flag } from '../../../domain/referral-feed/index.ts'

export type PartnerReferralAnswers = {
  person?: {
    victimType: 'direct' | 'parent_guardian' | 'bereaved_relative' | 'family_spokesperson'
    forename: string
    surname: string
    dateOfBirth: string | null
    dob: { day: string; month: string; year: string }
    gender: '' | 'female' | 'male' | 'other' | 'unknown'
  }
  contact?: {
    phoneMobile: string
    phoneOther: string
    email: string
    addressLine1: string
    addressLine2: string
    town: string
    postcode: string
    safeToCall: Flag
    safeToText: Flag
    safeToEmail: Flag
    safeToLeaveVoicemail: Flag
    safeToWrite: Flag
    preferredContact: '' | 'phone' | 'sms' | 'email' | 'letter'
    safeContactNotes: string
  }
  crime?: {
    crimeCategory: string
    flags: ('domestic_abuse' | 'hate_crime' | 'cse' | 'cyber' | 'vulnerable')[]
    toldPolice: 'yes' | 'no' | 'unknown'
    crimeReference: string
    reportedOn: string | null
    reported: { day: string; month: string; year: string }
    description: string
  }
  consent?: { notes: string }
}

declare module 'fastify' {
  interface Session {
    partnerReferral?: PartnerReferralAnswers
    partnerReferralSent?: { reference: string; outcome: string; reasons: string[] }
  }
}
