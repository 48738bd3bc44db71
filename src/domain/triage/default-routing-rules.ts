// The seeded routing rule set: one route into every seeded pathway. Order matters (first match wins):
// 1. the victim's own choice (the service is victim-led), out-of-area first where asked for;
// 2. restricted specialist pathways, most specialist first: CSE, sexual violence, domestic abuse
//    (a rape in a domestic abuse context goes to the ISVA service, which is not time-limited; the
//    domestic abuse risk checklist still raises MARAC on its own);
// 3. crime-specific tailored pathways: road trauma, hate crime;
// 4. young victims (under 18) before the remaining crime-specific ones, because the assessment asks
//    for specialist, not time-limited support for them;
// 5. computer misuse, fraud (even when cyber-enabled), other cyber-enabled crime, rural; then older victims (65 and over) before burglary;
// 6. general support: a targeted offer for local priority groups (enhanced, repeat victims, or any
//    high need), a universal offer for everyone else.
import { PATHWAYS, type PathwayId, PROVIDERS } from './pathways.ts'
import type { RoutingRule, RoutingRuleSet } from './routing.ts'

function providersFor(pathway: PathwayId, outOfAreaFirst = false): string[] {
  const local = PROVIDERS.filter((p) => p.pathway === pathway && !p.outOfArea).map((p) => p.id)
  const outOfArea = PROVIDERS.filter((p) => p.pathway === pathway && p.outOfArea).map((p) => p.id)
  // In-county services first; the out-of-area service is the last resort when they are full, or
  // the first choice when the victim asks for it.
  return outOfAreaFirst ? [...outOfArea, ...local] : [...local, ...outOfArea]
}

const choiceRules: RoutingRule[] = PATHWAYS.flatMap((pathway): RoutingRule[] => {
  const offer = pathway.defaultOffer
  const chosen: RoutingRule = {
    id: `choice-${pathway.id.replaceAll('_', '-')}`,
    description: `The victim asked for ${pathway.name.toLowerCase()} support`,
    when: { victimChose: [pathway.id] },
    outcome: { pathway: pathway.id, providers: providersFor(pathway.id), offer },
  }
  if (!pathway.outOfAreaOption) return [chosen]
  return [
    {
      id: `choice-${pathway.id.replaceAll('_', '-')}-out-of-area`,
      description: `The victim asked for ${pathway.name.toLowerCase()} support outside the county`,
      when: { victimChose: [pathway.id], victimWantsOutOfArea: true },
      outcome: { pathway: pathway.id, providers: providersFor(pathway.id, true), offer },
    },
    chosen,
  ]
})

export const defaultRoutingRuleSet: RoutingRuleSet = {
  id: 'default-routing',
  version: 1,
  effectiveFrom: '2026-01-01',
  rules: [
    ...choiceRules,
    {
      id: 'cse-out-of-area',
      description: 'Child sexual exploitation, support outside the county asked for',
      when: { flagsAll: ['cse'], victimWantsOutOfArea: true },
      outcome: {
        pathway: 'child_sexual_exploitation',
        providers: providersFor('child_sexual_exploitation', true),
        offer: 'targeted',
      },
    },
    {
      id: 'cse',
      description: 'Child sexual exploitation',
      when: { flagsAll: ['cse'] },
      outcome: {
        pathway: 'child_sexual_exploitation',
        providers: providersFor('child_sexual_exploitation'),
        offer: 'targeted',
      },
    },
    {
      id: 'sexual-violence-out-of-area',
      description: 'Rape or other sexual offence, support outside the county asked for',
      when: { crimeCategories: ['rape', 'sexual_offence_other'], victimWantsOutOfArea: true },
      outcome: {
        pathway: 'sexual_violence',
        providers: providersFor('sexual_violence', true),
        offer: 'targeted',
      },
    },
    {
      id: 'sexual-violence',
      description: 'Rape or other sexual offence',
      when: { crimeCategories: ['rape', 'sexual_offence_other'] },
      outcome: { pathway: 'sexual_violence', providers: providersFor('sexual_violence'), offer: 'targeted' },
    },
    {
      id: 'domestic-abuse',
      description: 'Domestic abuse',
      when: { flagsAll: ['domesticAbuse'] },
      outcome: { pathway: 'domestic_abuse', providers: providersFor('domestic_abuse'), offer: 'targeted' },
    },
    {
      id: 'road-trauma',
      description: 'Death caused by driving',
      when: { crimeCategories: ['death_by_driving'] },
      outcome: { pathway: 'road_trauma', providers: providersFor('road_trauma'), offer: 'targeted' },
    },
    {
      id: 'hate-crime',
      description: 'Hate crime',
      when: { flagsAll: ['hateCrime'] },
      outcome: { pathway: 'hate_crime', providers: providersFor('hate_crime'), offer: 'targeted' },
    },
    {
      id: 'young-victims',
      description: 'Victim under 18',
      when: { age: { max: 17 } },
      outcome: { pathway: 'young_victims', providers: providersFor('young_victims'), offer: 'targeted' },
    },
    {
      id: 'cyber-crime-category',
      description: 'Computer misuse',
      when: { crimeCategories: ['computer_misuse'] },
      outcome: { pathway: 'cyber_crime', providers: providersFor('cyber_crime'), offer: 'targeted' },
    },
    {
      id: 'fraud',
      description: 'Fraud',
      when: { crimeCategories: ['fraud'] },
      outcome: { pathway: 'fraud', providers: providersFor('fraud'), offer: 'targeted' },
    },
    {
      id: 'cyber-crime-flag',
      description: 'Cyber-enabled crime (after fraud, which has its own pathway)',
      when: { flagsAll: ['cyber'] },
      outcome: { pathway: 'cyber_crime', providers: providersFor('cyber_crime'), offer: 'targeted' },
    },
    {
      id: 'rural-crime',
      description: 'Rural or wildlife crime',
      when: { flagsAll: ['rural'] },
      outcome: { pathway: 'rural_crime', providers: providersFor('rural_crime'), offer: 'targeted' },
    },
    {
      id: 'older-victims',
      description: 'Victim aged 65 or over',
      when: { age: { min: 65 } },
      outcome: { pathway: 'elderly_victims', providers: providersFor('elderly_victims'), offer: 'targeted' },
    },
    {
      id: 'burglary',
      description: 'Residential burglary',
      when: { crimeCategories: ['burglary_residential'] },
      outcome: { pathway: 'burglary', providers: providersFor('burglary'), offer: 'targeted' },
    },
    {
      id: 'general-priority-group',
      description: 'Local priority group: enhanced or repeat victim',
      when: { flagsAny: ['enhanced', 'repeatVictim'] },
      outcome: { pathway: 'general_support', providers: providersFor('general_support'), offer: 'targeted' },
    },
    {
      id: 'general-high-need',
      description: 'Local priority group: a high need in the assessment',
      when: { needs: { atLeast: 'high' } },
      outcome: { pathway: 'general_support', providers: providersFor('general_support'), offer: 'targeted' },
    },
    {
      id: 'general-universal',
      description: 'Everyone else: the universal offer',
      when: {},
      outcome: { pathway: 'general_support', providers: providersFor('general_support'), offer: 'universal' },
    },
  ],
}
