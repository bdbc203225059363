import { programLines } from '../zapis/agenda.js';
import type { InvitationModel } from '../zapis/invitation.js';

/** The invitation as plain text (Markdown), ready to paste into an e-mail; links made absolute with `baseUrl`. */
export function invitationText(invitation: InvitationModel, baseUrl: string): string {
  const value = (runs: InvitationModel['facts'][number]['value']) => runs.map((run) => run.text).join('');
  const { program, links } = invitation;
  return [
    `# ${invitation.heading}`,
    '',
    ...(invitation.cancelled ? [`**${invitation.cancelled}**`, ''] : []),
    ...invitation.facts.map((fact) => `- **${fact.label}:** ${value(fact.value)}`),
    '',
    `## ${program.heading}`,
    '',
    ...(program.empty ? [program.empty] : programLines(program)),
    '',
    invitation.excuse.map((run) => run.text).join(''),
    '',
    `${links.calendar.label}: ${baseUrl}${links.calendar.path}`,
    `${links.details.label} ${baseUrl}${links.details.path}`,
    '',
  ].join('\n');
}
