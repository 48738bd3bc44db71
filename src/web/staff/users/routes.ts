import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { ROLE_LABELS } from '../../../domain/staff/roles.ts'
import { InputError } from '../../../services/errors.ts'
import type { Services } from '../../../services/index.ts'
import { staffAccess } from '../../access.ts'
import { actorOf } from '../../plugins/enforce-access.ts'
import { auditActionLabel, pathwayName } from '../../shared/staff-wording.ts'
import { parseChangeRoleForm, parseNewUserForm } from './forms.ts'
import { roleItems, teamItems, userRows } from './presenter.ts'

const adminOnly = { access: staffAccess('administrator') }

export async function usersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { accounts } = services

  app.get('/staff/users', { config: adminOnly }, async (_request, reply) => {
    const [users, teams] = await Promise.all([accounts.listUsers(), accounts.listTeams()])
    return reply.view('staff/users/list.njk', {
      rows: userRows(users),
      teams: teams.map((team) => ({ ...team, pathway: team.pathway ? pathwayName(team.pathway) : null })),
    })
  })

  app.get('/staff/users/new', { config: adminOnly }, async (_request, reply) => {
    const teams = await accounts.listTeams()
    return reply.view('staff/users/new.njk', {
      values: {},
      errors: [],
      roles: roleItems(),
      teams: teamItems(teams),
    })
  })

  app.post('/staff/users/new', { config: adminOnly }, async (request, reply) => {
    const teams = await accounts.listTeams()
    const form = parseNewUserForm(request.body)
    const again = (errors: { text: string; href: string }[], values: Record<string, unknown>) =>
      reply.code(400).view('staff/users/new.njk', {
        values,
        errors,
        roles: roleItems(String(values.role ?? '')),
        teams: teamItems(teams, String(values.team ?? '')),
      })
    if (!form.ok) return again(form.errors, form.values)
    const team = teams.find((t) => t.id === form.values.team)
    const password = randomBytes(12).toString('base64url')
    try {
      const id = await accounts.createUser(
        {
          email: form.values.email,
          displayName: form.values.name,
          role: form.values.role,
          teamName: team?.name,
          password,
        },
        actorOf(request),
      )
      return reply.view('staff/users/created.njk', {
        id,
        email: form.values.email,
        role: ROLE_LABELS[form.values.role],
        password,
      })
    } catch (error) {
      if (error instanceof InputError)
        return again([{ text: error.message, href: `#${error.field}` }], form.values)
      throw error
    }
  })

  app.get('/staff/users/:id', { config: adminOnly }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const [users, teams] = await Promise.all([accounts.listUsers(), accounts.listTeams()])
    const user = users.find((u) => u.id === id)
    if (!user) return reply.callNotFound()
    const history = await services.audit.recent({ recordType: 'user', recordId: id, limit: 20 })
    return reply.view('staff/users/edit.njk', {
      user,
      roleLabel: ROLE_LABELS[user.role],
      roles: roleItems(user.role),
      teams: teamItems(teams, user.teamId),
      history: history.map((row) => ({ ...row, action: auditActionLabel(row.action) })),
      errors: [],
    })
  })

  app.post('/staff/users/:id/role', { config: adminOnly }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const form = parseChangeRoleForm(request.body)
    if (!form.ok) return reply.redirect(`/staff/users/${id}`)
    const user = (await accounts.listUsers()).find((u) => u.id === id)
    if (!user) return reply.callNotFound()
    await accounts.changeRole(id, form.values.role, form.values.teamId || null, actorOf(request))
    return reply.redirect(`/staff/users/${id}`)
  })

  app.post('/staff/users/:id/status', { config: adminOnly }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const disable = (request.body as Record<string, unknown>)?.action === 'disable'
    const user = (await accounts.listUsers()).find((u) => u.id === id)
    if (!user) return reply.callNotFound()
    if (disable && id === request.staffUser?.id) return reply.redirect(`/staff/users/${id}`)
    await accounts.setDisabled(id, disable, actorOf(request))
    return reply.redirect(`/staff/users/${id}`)
  })
}
