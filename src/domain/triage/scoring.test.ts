import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  domesticAbuseRiskChecklistV1 as checklist,
  NEEDS_SECTIONS,
  needsAssessmentFormV1 as needsForm,
  type RiskAnswer,
} from './assessment-forms.ts'
import { NEED_LEVELS, type NeedLevel } from './levels.ts'
import {
  type FieldError,
  riskChecklistCompleted,
  scoreNeedsAssessment,
  scoreRiskChecklist,
} from './scoring.ts'

function allSections(level: NeedLevel) {
  return Object.fromEntries(NEEDS_SECTIONS.map((id) => [id, { level }]))
}

function needs(sections: Record<string, unknown>, riskFlags: string[] = []) {
  return {
    formId: 'needs-assessment',
    formVersion: 1,
    sections: { ...allSections('none'), ...sections },
    riskFlags,
  }
}

function ok<T>(result: { ok: true; value: T } | { ok: false; errors: FieldError[] }): T {
  if (!result.ok) assert.fail(`unexpected errors: ${JSON.stringify(result.errors)}`)
  return result.value
}

function errorsOf(result: { ok: boolean; errors?: FieldError[] }): FieldError[] {
  assert.equal(result.ok, false)
  return result.errors ?? []
}

describe('needs assessment form definition', () => {
  it('has every section once, in the listed order', () => {
    assert.deepEqual(
      needsForm.sections.map((s) => s.id),
      [...NEEDS_SECTIONS],
    )
  })
  it('practical asks about security items and property; communication about language, interpreter, disability', () => {
    const fields = (id: string) => needsForm.sections.find((s) => s.id === id)?.fields.map((f) => f.id)
    assert.deepEqual(fields('practical'), [
      'needs_security_items',
      'security_items',
      'property_damaged_or_lost',
      'property_notes',
    ])
    assert.deepEqual(fields('communication'), [
      'language',
      'interpreter_required',
      'disability_or_access_needs',
      'access_needs_notes',
    ])
  })
})

describe('scoreNeedsAssessment', () => {
  it('all none: nothing to do', () => {
    const result = ok(scoreNeedsAssessment(needsForm, needs({})))
    assert.equal(result.overallLevel, 'none')
    assert.deepEqual(result.actions, [])
    assert.deepEqual(result.riskFlags, [])
    assert.equal(result.formVersion, 1)
  })

  for (const level of NEED_LEVELS) {
    it(`every section at ${level}: overall ${level}`, () => {
      assert.equal(ok(scoreNeedsAssessment(needsForm, needs(allSections(level)))).overallLevel, level)
    })
  }

  // One row per section: the actions its level thresholds give at medium and at high.
  const sectionActions: [section: string, medium: string[], high: string[]][] = [
    ['safety_and_security', ['agree_safety_plan'], ['agree_safety_plan', 'urgent_safety_review']],
    [
      'health_physical',
      ['signpost_gp_or_health_service'],
      ['signpost_gp_or_health_service', 'refer_health_service'],
    ],
    [
      'health_mental',
      ['refer_talking_therapies'],
      ['refer_talking_therapies', 'urgent_mental_health_referral'],
    ],
    [
      'emotional_impact',
      ['offer_emotional_support'],
      ['offer_emotional_support', 'refer_specialist_counselling'],
    ],
    ['practical', ['arrange_practical_help'], ['arrange_practical_help']],
    ['financial', ['refer_financial_advice'], ['refer_financial_advice', 'apply_hardship_fund']],
    ['housing', ['housing_advice'], ['housing_advice', 'refer_housing']],
    ['justice_information', ['explain_justice_process'], ['explain_justice_process']],
    [
      'family_and_dependants',
      ['offer_whole_family_support'],
      ['offer_whole_family_support', 'consider_safeguarding_referral'],
    ],
    ['communication', ['adapt_communication'], ['adapt_communication']],
  ]
  it('the table covers every section', () =>
    assert.deepEqual(
      sectionActions.map(([s]) => s),
      [...NEEDS_SECTIONS],
    ))
  for (const [section, medium, high] of sectionActions) {
    it(`${section}: medium -> ${medium.join(', ')}; high -> ${high.join(', ')}`, () => {
      const atMedium = ok(scoreNeedsAssessment(needsForm, needs({ [section]: { level: 'medium' } })))
      assert.deepEqual(atMedium.actions, medium)
      assert.equal(atMedium.overallLevel, 'medium')
      assert.equal(atMedium.levels[section as keyof typeof atMedium.levels], 'medium')
      assert.deepEqual(
        ok(scoreNeedsAssessment(needsForm, needs({ [section]: { level: 'high' } }))).actions,
        high,
      )
    })
  }

  it('low emotional impact still offers emotional support', () => {
    assert.deepEqual(
      ok(scoreNeedsAssessment(needsForm, needs({ emotional_impact: { level: 'low' } }))).actions,
      ['offer_emotional_support'],
    )
  })

  it('field answers add actions whatever the level', () => {
    const result = ok(
      scoreNeedsAssessment(
        needsForm,
        needs({
          practical: {
            level: 'low',
            notes: 'back door lock broken',
            fields: {
              needs_security_items: true,
              security_items: 'door lock',
              property_damaged_or_lost: false,
            },
          },
          communication: {
            level: 'low',
            fields: { language: 'pl', interpreter_required: true, disability_or_access_needs: true },
          },
          justice_information: {
            level: 'none',
            fields: { wants_case_updates: true, may_give_evidence: true },
          },
          housing: { level: 'low', fields: { at_risk_of_losing_home: true } },
          financial: { level: 'low', fields: { immediate_hardship: true } },
        }),
      ),
    )
    assert.deepEqual(result.actions, [
      'arrange_security_items',
      'apply_hardship_fund',
      'refer_housing',
      'set_up_case_updates',
      'refer_witness_service',
      'book_interpreter',
      'make_reasonable_adjustments',
    ])
    assert.equal(result.overallLevel, 'low')
  })

  it('risk flags add their actions and raise, never lower, the overall level', () => {
    const raised = ok(
      scoreNeedsAssessment(needsForm, needs({ housing: { level: 'low' } }, ['immediate_danger'])),
    )
    assert.equal(raised.overallLevel, 'high')
    assert.deepEqual(raised.riskFlags, ['immediate_danger'])
    assert.deepEqual(raised.actions, ['contact_police_now'])
    const notLowered = ok(
      scoreNeedsAssessment(needsForm, needs({ housing: { level: 'high' } }, ['repeat_victimisation'])),
    )
    assert.equal(notLowered.overallLevel, 'high')
  })

  for (const flag of needsForm.riskFlags) {
    it(`risk flag ${flag.id} -> ${flag.actions.join(', ')}`, () => {
      const result = ok(scoreNeedsAssessment(needsForm, needs({}, [flag.id])))
      assert.deepEqual(result.actions, flag.actions)
      assert.equal(result.overallLevel, flag.raisesOverallTo ?? 'none')
    })
  }

  it('does not repeat an action reached twice', () => {
    const result = ok(
      scoreNeedsAssessment(
        needsForm,
        needs({ safety_and_security: { level: 'medium' } }, ['offender_in_contact']),
      ),
    )
    assert.deepEqual(result.actions, ['agree_safety_plan'])
  })

  describe('refuses invalid answers, naming the field', () => {
    const cases: [label: string, answers: unknown, field: string][] = [
      [
        'a section left out',
        { ...needs({}), sections: { ...allSections('none'), housing: undefined } },
        'sections.housing',
      ],
      ['a bad level', needs({ housing: { level: 'severe' } }), 'sections.housing.level'],
      ['an unknown section', needs({ pets: { level: 'low' } }), 'sections'],
      [
        'an unknown field',
        needs({ practical: { level: 'low', fields: { spaceship: true } } }),
        'sections.practical.fields',
      ],
      [
        'a yes/no that is not boolean',
        needs({ communication: { level: 'low', fields: { interpreter_required: 'Y' } } }),
        'sections.communication.fields.interpreter_required',
      ],
      [
        'a bad language code',
        needs({ communication: { level: 'low', fields: { language: 'Polish' } } }),
        'sections.communication.fields.language',
      ],
      ['an unknown risk flag', needs({}, ['zombies']), 'riskFlags.0'],
      ['the wrong form', { ...needs({}), formId: 'other-form' }, 'formId'],
      ['the wrong version', { ...needs({}), formVersion: 2 }, 'formVersion'],
    ]
    for (const [label, answers, field] of cases) {
      it(`${label} -> ${field}`, () => {
        const errors = errorsOf(scoreNeedsAssessment(needsForm, answers))
        assert.ok(
          errors.some((e) => e.field === field),
          `expected an error on ${field}, got ${JSON.stringify(errors)}`,
        )
      })
    }
  })
})

function checklistAnswers(yes: number, overrides: Record<string, unknown> = {}) {
  const answers: Record<string, RiskAnswer> = {}
  checklist.questions.forEach((q, i) => {
    answers[q.id] = i < yes ? 'yes' : 'no'
  })
  return { formId: checklist.id, formVersion: checklist.version, answers, ...overrides }
}

describe('domestic abuse risk checklist definition', () => {
  it('has 24 numbered questions with the hub’s own wording', () => {
    assert.equal(checklist.questions.length, 24)
    checklist.questions.forEach((q, i) => {
      assert.equal(q.number, i + 1)
      assert.equal(q.id, `q${i + 1}`)
      assert.ok(q.text.length > 10)
    })
    assert.equal(checklist.highRiskYesCount, 14)
  })
})

describe('scoreRiskChecklist', () => {
  for (const [yes, level] of [
    [0, 'standard'],
    [9, 'standard'],
    [10, 'medium'],
    [13, 'medium'],
    [14, 'high'],
    [24, 'high'],
  ] as const) {
    it(`${yes} yes answers -> ${level}`, () => {
      const result = ok(scoreRiskChecklist(checklist, checklistAnswers(yes)))
      assert.equal(result.yesCount, yes)
      assert.equal(result.level, level)
      assert.equal(result.actions.includes('raise_marac_referral'), yes >= 14)
      assert.deepEqual(result.maracCriteria, yes >= 14 ? ['visible_high_risk'] : [])
    })
  }

  it('an empty checklist is not completed: refused, never a level', () => {
    const empty = { formId: checklist.id, formVersion: checklist.version, answers: {} }
    for (const extra of [
      {},
      { victimAge: 30, domesticAbuseEvents12m: 0 },
      { professionalJudgement: { highRisk: false } },
    ]) {
      const errors = errorsOf(scoreRiskChecklist(checklist, { ...empty, ...extra }))
      assert.deepEqual(
        errors.map((e) => e.field),
        ['answers'],
      )
      assert.match(errors[0]?.message ?? '', /not completed/)
    }
    assert.equal(riskChecklistCompleted(checklist, empty), false)
    assert.equal(riskChecklistCompleted(checklist, { answers: { q3: 'no' } }), true)
    const judged = ok(
      scoreRiskChecklist(checklist, {
        ...empty,
        professionalJudgement: { highRisk: true, rationale: 'threats to kill' },
      }),
    )
    assert.equal(judged.level, 'high')
  })

  it('14 yes: MARAC, IDVA and a safety plan', () => {
    const result = ok(scoreRiskChecklist(checklist, checklistAnswers(14, { victimAge: 30 })))
    assert.deepEqual(result.actions.slice(0, 3), ['raise_marac_referral', 'refer_idva', 'agree_safety_plan'])
  })

  it('don’t know is not yes', () => {
    const input = checklistAnswers(13)
    const answers = { ...input.answers, q14: 'dont_know', q15: 'dont_know' }
    const result = ok(scoreRiskChecklist(checklist, { ...input, answers }))
    assert.equal(result.yesCount, 13)
    assert.equal(result.dontKnowCount, 2)
    assert.equal(result.level, 'medium')
  })

  it('professional judgement makes any score high and raises MARAC', () => {
    const result = ok(
      scoreRiskChecklist(
        checklist,
        checklistAnswers(3, {
          professionalJudgement: { highRisk: true, rationale: 'non-fatal strangulation last week' },
        }),
      ),
    )
    assert.equal(result.level, 'high')
    assert.deepEqual(result.maracCriteria, ['professional_judgement'])
    assert.ok(result.actions.includes('raise_marac_referral'))
  })

  it('professional judgement cannot lower a high score', () => {
    const result = ok(
      scoreRiskChecklist(checklist, checklistAnswers(16, { professionalJudgement: { highRisk: false } })),
    )
    assert.equal(result.level, 'high')
  })

  it('professional judgement of high risk needs a rationale', () => {
    const errors = errorsOf(
      scoreRiskChecklist(
        checklist,
        checklistAnswers(3, { professionalJudgement: { highRisk: true, rationale: ' ' } }),
      ),
    )
    assert.deepEqual(
      errors.map((e) => e.field),
      ['professionalJudgement.rationale'],
    )
  })

  it('potential escalation (3 events in 12 months) raises MARAC without changing the level', () => {
    const result = ok(scoreRiskChecklist(checklist, checklistAnswers(5, { domesticAbuseEvents12m: 3 })))
    assert.equal(result.level, 'standard')
    assert.deepEqual(result.maracCriteria, ['potential_escalation'])
    assert.ok(result.actions.includes('raise_marac_referral'))
    const two = ok(scoreRiskChecklist(checklist, checklistAnswers(5, { domesticAbuseEvents12m: 2 })))
    assert.deepEqual(two.maracCriteria, [])
  })

  it('repeat within 12 months of a MARAC referral raises MARAC', () => {
    const result = ok(scoreRiskChecklist(checklist, checklistAnswers(2, { maracReferralInLast12m: true })))
    assert.deepEqual(result.maracCriteria, ['repeat'])
    assert.ok(result.actions.includes('raise_marac_referral'))
  })

  it('under 16: children’s safeguarding instead of MARAC', () => {
    const result = ok(scoreRiskChecklist(checklist, checklistAnswers(15, { victimAge: 15 })))
    assert.equal(result.level, 'high')
    assert.ok(result.actions.includes('child_safeguarding_referral'))
    assert.ok(!result.actions.includes('raise_marac_referral'))
    assert.ok(result.warnings.includes('under_marac_minimum_age'))
    const sixteen = ok(scoreRiskChecklist(checklist, checklistAnswers(15, { victimAge: 16 })))
    assert.ok(sixteen.actions.includes('raise_marac_referral'))
  })

  it('unanswered questions count as not yes and are warned about', () => {
    const result = ok(
      scoreRiskChecklist(checklist, {
        formId: checklist.id,
        formVersion: 1,
        answers: { q1: 'yes', q2: 'no' },
      }),
    )
    assert.equal(result.yesCount, 1)
    assert.equal(result.unanswered.length, 22)
    assert.deepEqual(result.warnings, ['checklist_incomplete'])
  })

  it('yes to isolation or stalking opens the follow-up questions', () => {
    const input = checklistAnswers(0)
    const result = ok(
      scoreRiskChecklist(checklist, { ...input, answers: { ...input.answers, q4: 'yes', q8: 'yes' } }),
    )
    assert.deepEqual(result.actions, [
      'give_domestic_abuse_information',
      'honour_based_abuse_and_forced_marriage_questions',
      'stalking_screening',
    ])
  })

  describe('refuses invalid answers, naming the field', () => {
    const cases: [label: string, answers: unknown, field: string][] = [
      ['a bad answer', checklistAnswers(0, { answers: { q1: 'maybe' } }), 'answers.q1'],
      ['an unknown question', checklistAnswers(0, { answers: { q25: 'yes' } }), 'answers'],
      [
        'a negative event count',
        checklistAnswers(0, { domesticAbuseEvents12m: -1 }),
        'domesticAbuseEvents12m',
      ],
      ['a bad age', checklistAnswers(0, { victimAge: 'thirty' }), 'victimAge'],
      ['the wrong form', checklistAnswers(0, { formId: 'needs-assessment' }), 'formId'],
      ['not an object', 'yes', '(root)'],
    ]
    for (const [label, answers, field] of cases) {
      it(`${label} -> ${field}`, () => {
        const errors = errorsOf(scoreRiskChecklist(checklist, answers))
        assert.ok(
          errors.some((e) => e.field === field),
          `expected an error on ${field}, got ${JSON.stringify(errors)}`,
        )
      })
    }
  })
})
